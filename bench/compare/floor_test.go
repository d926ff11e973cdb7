package main

import (
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
