package main

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestFloor checks the floor's walks on a small network drawn here:
//
//	a - b - c - d - e     f - g     h
//	    |       |
//	    +-- i --+
func TestFloor(t *testing.T) {
	var d store.Dataset
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		d.Actors = append(d.Actors, store.Actor{ID: id, Kind: store.KindStartup, Name: id})
	}
	for i, p := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "e"}, {"f", "g"}, {"b", "i"}, {"i", "d"}} {
		d.Relations = append(d.Relations, store.Relation{ID: string(rune('0' + i)), Type: store.PartnersWith, From: p[0], To: p[1]})
	}
	w := newWorld(synth.Config{}, d)
	id := func(s string) int32 { return w.index[s] }

	paths := []struct {
		from, to  string
		max, want int
	}{
		{"a", "a", 6, 0},
		{"a", "b", 6, 1},
		{"a", "d", 6, 3},
		{"a", "e", 6, 4},
		{"e", "a", 6, 4},
		{"a", "e", 3, -1}, // longer than max
		{"a", "g", 6, -1}, // not joined
		{"c", "i", 6, 2},
	}
	for _, c := range paths {
		if got := w.floorPath(id(c.from), id(c.to), c.max); got != c.want {
			t.Errorf("floorPath(%s, %s, %d) = %d, want %d", c.from, c.to, c.max, got, c.want)
		}
	}
	hoods := []struct {
		center string
		want   int // the center and the actors within two hops
	}{
		{"a", 4}, // a, b, c, i
		{"c", 6}, // c, b, d, a, e, i
		{"f", 2},
		{"h", 1},
	}
	for _, c := range hoods {
		if got := w.floorHood(id(c.center)); got != c.want {
			t.Errorf("floorHood(%s) = %d, want %d", c.center, got, c.want)
		}
	}
}

// TestFloorAnswers checks the answers the floor writes (its third part)
// on the network of TestFloor.
func TestFloorAnswers(t *testing.T) {
	var d store.Dataset
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
		d.Actors = append(d.Actors, store.Actor{ID: id, Kind: store.KindStartup, Name: "N" + id})
	}
	for i, p := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "e"}, {"f", "g"}, {"b", "i"}, {"i", "d"}} {
		d.Relations = append(d.Relations, store.Relation{ID: string(rune('0' + i)), Type: store.PartnersWith, From: p[0], To: p[1]})
	}
	w := newWorld(synth.Config{}, d)
	id := func(s string) int32 { return w.index[s] }

	hoods := []struct {
		center         string
		limit, maxRels int
		actors, rels   []string
		truncated      bool
	}{
		{"a", 200, 800, []string{"a", "b", "c", "i"}, []string{"0", "1", "5"}, false},
		{"c", 3, 800, []string{"c", "b", "d"}, []string{"1", "2"}, true},
		{"a", 200, 1, []string{"a", "b", "c", "i"}, []string{"0"}, true},
		{"h", 200, 800, []string{"h"}, []string{}, false},
	}
	for _, c := range hoods {
		g := w.hoodAnswer(id(c.center), c.limit, c.maxRels).Data.Neighborhood
		var actors, rels []string
		for _, a := range g.Actors {
			actors = append(actors, a.ID)
			if a.Name != "N"+a.ID || a.Kind != string(store.KindStartup) {
				t.Errorf("hood of %s: actor %+v", c.center, a)
			}
		}
		rels = []string{}
		for _, r := range g.Relations {
			rels = append(rels, r.ID)
		}
		slices.Sort(rels)
		if !slices.Equal(actors, c.actors) || !slices.Equal(rels, c.rels) || g.Truncated != c.truncated {
			t.Errorf("hood of %s (limit %d, %d relations): %v %v truncated %v, want %v %v %v",
				c.center, c.limit, c.maxRels, actors, rels, g.Truncated, c.actors, c.rels, c.truncated)
		}
	}

	p := w.pathAnswer(id("a"), id("e"), 6).Data.ShortestPath
	if p.Length != 4 || len(p.Actors) != 5 || p.Actors[0].ID != "a" || p.Actors[4].ID != "e" || len(p.Relations) != 4 || p.Relations[0].ID != "0" {
		t.Errorf("path a-e: %+v", p)
	}
	if p := w.pathAnswer(id("a"), id("g"), 6).Data.ShortestPath; p.Length != 0 || len(p.Actors) != 0 {
		t.Errorf("path a-g: %+v", p)
	}
	for _, op := range []string{"2-hop", "shortest-path"} {
		n, err := w.floorJSON(op, "a")
		if err != nil || n == 0 {
			t.Errorf("floorJSON(%s) = %d, %v", op, n, err)
		}
	}
	b, _ := json.Marshal(w.hoodAnswer(id("a"), 200, 800))
	if want := `{"data":{"neighborhood":{"truncated":false,"actors":[{"id":"a","name":"Na","kind":"STARTUP"}`; string(b[:len(want)]) != want {
		t.Errorf("2-hop written as %s", b)
	}
}
