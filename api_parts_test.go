package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// partsNetwork: a hub related to an actor of every kind, each with every
// field it can hold filled in, so that an answer missing any of them
// shows.
func partsNetwork(t *testing.T) *store.Dataset {
	t.Helper()
	day := func(s string) store.Date {
		d, err := store.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	online := true
	cite := []store.Citation{{SourceID: "notes", Excerpt: "as the notes say"}}
	d := &store.Dataset{Sources: []store.Source{{ID: "notes", Title: "Hand-made test network"}}}
	d.Actors = []store.Actor{
		{ID: "kr", Kind: store.KindCountry, Name: "South Korea", IsoCode: "KR", Names: []store.LocalizedName{{Value: "대한민국", Lang: "ko"}}, Citations: cite},
		{ID: "hub", Kind: store.KindOrganization, Name: "Hub", Names: []store.LocalizedName{{Value: "허브", Lang: "ko"}}, Category: "tech park", CountryID: "kr", Description: "the centre", Citations: cite},
	}
	for _, k := range store.Kinds {
		if k == store.KindCountry {
			continue
		}
		id := "a-" + strings.ToLower(string(k))
		a := store.Actor{ID: id, Kind: k, Name: "An actor of kind " + string(k),
			Names: []store.LocalizedName{{Value: "Актор " + string(k), Lang: "ru"}}, Aliases: []string{"A" + string(k)},
			Description: "what it does", CountryID: "kr", Citations: cite}
		switch k {
		case store.KindStartup:
			a.Founded = day("2019-03")
		case store.KindOrganization:
			a.Category = "accelerator"
		case store.KindEvent:
			a.StartDate, a.EndDate, a.Online = day("2024-05-02"), day("2024-05-04"), &online
		}
		d.Actors = append(d.Actors, a)
		d.Relations = append(d.Relations, store.Relation{ID: "r-" + id, Type: store.PartnersWith, From: "hub", To: id, Citations: cite,
			Note: "met at " + string(k), Since: day("2020-01")})
	}
	d.Relations = append(d.Relations, store.Relation{ID: "r-kr", Type: store.LocatedIn, From: "hub", To: "kr", Citations: cite})
	return d
}

// partsFields are the fields of an actor beyond id, by the part of the
// actor they read, as a selection.
var partsFields = map[string]string{
	"names":       "kind name names { value lang } aliases",
	"description": "description",
	"country":     "country { id name isoCode }",
	"citations":   "citations { excerpt source { id title } }",
	"own fields": "... on Country { isoCode } ... on Startup { founded } ... on Organization { category } " +
		"... on Event { startDate startPrecision endDate online }",
}

// TestPagesGiveEveryFieldAsked: a page of actors, of relations, and the
// relations of a list of actors each give the far ends' fields the
// query asks for, whichever it asks for and however (directly, through a
// named fragment, under @include), as a query asking for every field
// gets them; and a page that asked for few fields leaves nothing missing
// for another part of the same query that asks for more of the same
// actors. On Neo4j a page reads only the fields its selection shows.
func TestPagesGiveEveryFieldAsked(t *testing.T) {
	api := startAPIWith(t, nil, partsNetwork(t))
	all := "id"
	for _, f := range partsFields {
		all += " " + f
	}
	// The reference: each actor alone with every field, checked against
	// the network: every field it filled in is there.
	want := map[string]map[string]any{}
	for _, a := range partsNetwork(t).Actors {
		var one struct{ Actor map[string]any }
		api.query(`query($id: ID!) { actor(id: $id) { `+all+` } }`, map[string]any{"id": a.ID}, &one)
		filled := []string{"names", "citations"}
		if a.Kind != store.KindCountry {
			filled = append(filled, "description", "country")
		}
		switch a.Kind {
		case store.KindCountry:
			filled = append(filled, "isoCode")
		case store.KindStartup:
			filled = append(filled, "founded")
		case store.KindOrganization:
			filled = append(filled, "category")
		case store.KindEvent:
			filled = append(filled, "startDate", "endDate", "online")
		}
		for _, k := range filled {
			if v := one.Actor[k]; v == nil || reflect.DeepEqual(v, []any{}) {
				t.Fatalf("actor(id: %q) gives %s = %v; the network has it", a.ID, k, v)
			}
		}
		want[a.ID] = one.Actor
	}
	check := func(what string, got map[string]any) {
		t.Helper()
		id, _ := got["id"].(string)
		w, ok := want[id]
		if !ok {
			t.Errorf("%s: actor %q is not in the network", what, id)
			return
		}
		for k, v := range got {
			if !reflect.DeepEqual(v, w[k]) {
				t.Errorf("%s: %s.%s = %v, want %v", what, id, k, v, w[k])
			}
		}
	}
	for name, fields := range partsFields {
		{
			shapes := map[string]string{
				"direct":   "id " + fields,
				"fragment": "id ...F",
				"@include": "id ... @include(if: true) { " + fields + " }",
			}
			for shape, sel := range shapes {
				frag := ""
				if shape == "fragment" {
					frag = " fragment F on Actor { " + fields + " }"
				}
				var got struct {
					Actors struct {
						Edges []struct {
							Node map[string]any
						}
					}
					Hub  map[string]any
					List struct {
						Edges []struct {
							Node struct {
								Relations struct {
									Edges []struct{ Other map[string]any }
								}
							}
						}
					}
					Whole struct {
						Edges []struct {
							Node struct {
								Relations struct {
									Edges []struct{ Other map[string]any }
								}
							}
						}
					}
				}
				// hub's relations are read with hub (actorWithRelations),
				// list's in one batch (RelationsOf); whole asks for every
				// field of the same far ends in the same request.
				api.query(fmt.Sprintf(`{
  actors(first: 10) { edges { node { %[1]s } } }
  hub: actor(id: "hub") { %[1]s relations(first: 10) { edges { other { %[1]s } } } }
  list: actors(kinds: [ORGANIZATION], first: 10) { edges { node { relations(direction: OUT, first: 10) { edges { other { %[1]s } } } } } }
  whole: actors(kinds: [ORGANIZATION], first: 10) { edges { node { relations(direction: OUT, first: 10) { edges { other { %[2]s } } } } } }
}%[3]s`, sel, all, frag), nil, &got)
				n := 0
				for _, e := range got.Actors.Edges {
					check(name+", "+shape+": actors", e.Node)
					n++
				}
				var hub struct {
					Relations struct {
						Edges []struct{ Other map[string]any }
					}
				}
				b, _ := json.Marshal(got.Hub["relations"])
				if err := json.Unmarshal(b, &hub.Relations); err != nil {
					t.Fatal(err)
				}
				delete(got.Hub, "relations")
				check(name+", "+shape+": hub", got.Hub)
				for _, e := range hub.Relations.Edges {
					check(name+", "+shape+": hub's relations", e.Other)
					n++
				}
				for _, l := range [][]struct {
					Node struct {
						Relations struct {
							Edges []struct{ Other map[string]any }
						}
					}
				}{got.List.Edges, got.Whole.Edges} {
					for _, e := range l {
						for _, r := range e.Node.Relations.Edges {
							check(name+", "+shape+": a list's relations", r.Other)
							n++
						}
					}
				}
				if n != 8+7+7+7 {
					t.Errorf("%s, %s: %d actors in the answer, want %d", name, shape, n, 8+7+7+7)
				}
			}
		}
	}
	// The relations of a page: each of their fields asked alone is what
	// the relation alone gives.
	for _, fields := range []string{"note", "citations { excerpt source { id } }", "since until type fromId toId"} {
		var got struct {
			Actor struct {
				Relations struct {
					Edges []struct{ Node map[string]any }
				}
			}
		}
		api.query(`{ actor(id: "hub") { relations(first: 10) { edges { node { id `+fields+` } } } } }`, nil, &got)
		if len(got.Actor.Relations.Edges) != 7 {
			t.Fatalf("%s: hub has %d relations, want 7", fields, len(got.Actor.Relations.Edges))
		}
		for _, e := range got.Actor.Relations.Edges {
			var one struct{ Relation map[string]any }
			api.query(`query($id: ID!) { relation(id: $id) { id `+fields+` } }`, map[string]any{"id": e.Node["id"]}, &one)
			if !reflect.DeepEqual(e.Node, one.Relation) {
				t.Errorf("%s: a page gives %v, the relation alone %v", fields, e.Node, one.Relation)
			}
			if k := strings.Fields(fields)[0]; one.Relation[k] == nil && e.Node["id"] != "r-kr" {
				t.Errorf("%s: relation %v has no %s", fields, e.Node["id"], k)
			}
		}
	}
}
