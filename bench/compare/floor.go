package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/ecograph/ecograph/internal/store"
)

// The floor of the embedded store's walks: what the same walk costs as a
// plain breadth-first search over integer adjacency lists in memory, with
// nothing of ecograph's (no ids, names, filters, ordering or GraphQL).
// Over HTTP the floor adds a { __typename } round trip to the same server;
// the table adds the two medians.

// marks is a visited set for one walk: a generation number per actor, so
// that clearing it between walks costs nothing.
type marks struct {
	gen  uint32
	seen []uint32
	side []int8
}

var marksPool sync.Pool

func (w *world) marks() *marks {
	m, _ := marksPool.Get().(*marks)
	if m == nil || len(m.seen) != len(w.adj) {
		m = &marks{seen: make([]uint32, len(w.adj)), side: make([]int8, len(w.adj))}
	}
	m.gen++
	return m
}

// floorHood counts the actors within two hops of c: the whole
// neighbourhood, which ecograph must also look through to rank the
// first 200 by name.
func (w *world) floorHood(c int32) int {
	m := w.marks()
	defer marksPool.Put(m)
	m.seen[c] = m.gen
	n := 1
	level := []int32{c}
	for range 2 {
		var next []int32
		for _, a := range level {
			for _, b := range w.adj[a] {
				if m.seen[b] != m.gen {
					m.seen[b] = m.gen
					next = append(next, b)
				}
			}
		}
		n += len(next)
		level = next
	}
	return n
}

// floorPath is the length of a shortest path from a to b of at most max
// relations, or -1: a breadth-first search from both ends, a whole level
// of the smaller frontier at a time.
func (w *world) floorPath(a, b int32, max int) int {
	if a == b {
		return 0
	}
	m := w.marks()
	defer marksPool.Put(m)
	m.seen[a], m.side[a] = m.gen, 1
	m.seen[b], m.side[b] = m.gen, 2
	front := [3][]int32{nil, {a}, {b}}
	depth := [3]int{}
	for depth[1]+depth[2] < max && len(front[1]) > 0 && len(front[2]) > 0 {
		s := int8(1)
		if len(front[2]) < len(front[1]) {
			s = 2
		}
		var next []int32
		for _, x := range front[s] {
			for _, y := range w.adj[x] {
				if m.seen[y] == m.gen {
					if m.side[y] != s {
						return depth[1] + depth[2] + 1
					}
					continue
				}
				m.seen[y], m.side[y] = m.gen, s
				next = append(next, y)
			}
		}
		front[s] = next
		depth[s]++
	}
	return -1
}

// The floor's third part: writing the answer. A 2-hop neighbourhood's
// answer is 200 actors and up to 800 relations, about 1,000 objects; a
// floor that wrote nothing would hold ecograph to a server that answers
// nothing (docs/benchmarks.md). The floor writes an answer of the same
// shape with encoding/json from plain structs, as a hand-written handler
// would: the first 200 actors its search reaches and the relations among
// them, for one of floorAnswers centres drawn once (the harness's calls
// are timed whole, so the answer is made before; the centre is picked by
// the id asked for, so the sizes vary as the answers do). It then reads
// the answer back as the harness's client reads ecograph's: the client's
// part of a call is timed on both sides.

// floorAnswers is how many answers of each kind the floor holds.
const floorAnswers = 64

// floorNet is what the floor's answers are made of: every actor's kind,
// and beside adj the relation behind each entry.
type floorNet struct {
	kinds []store.Kind
	rel   [][]int32 // rel[a][i] is the relation of adj[a][i]
	rels  []store.Relation
	hoods [floorAnswers]*hoodAnswer
	paths [floorAnswers]*pathAnswer
}

// hoodAnswer and pathAnswer are ecograph's answers to the harness's
// queries (ops_walk.go) as plain structs.
type hoodAnswer struct {
	Data struct {
		Neighborhood struct {
			Truncated bool          `json:"truncated"`
			Actors    []floorActor  `json:"actors"`
			Relations []floorRelRef `json:"relations"`
		} `json:"neighborhood"`
	} `json:"data"`
}

type pathAnswer struct {
	Data struct {
		ShortestPath struct {
			Length    int          `json:"length"`
			Actors    []floorActor `json:"actors"`
			Relations []struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			} `json:"relations"`
		} `json:"shortestPath"`
	} `json:"data"`
}

type floorActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

type floorRelRef struct {
	ID   string   `json:"id"`
	Type string   `json:"type"`
	From floorRef `json:"from"`
	To   floorRef `json:"to"`
}

type floorRef struct {
	ID string `json:"id"`
}

// newFloorNet keeps what the floor's answers need of d, adj having been
// made from d.Relations in order, and makes the answers.
func (w *world) newFloorNet(d store.Dataset) {
	n := &floorNet{kinds: make([]store.Kind, len(d.Actors)), rel: make([][]int32, len(d.Actors)), rels: d.Relations}
	for i, a := range d.Actors {
		n.kinds[i] = a.Kind
	}
	for i, r := range d.Relations {
		f, t := w.index[r.From], w.index[r.To]
		n.rel[f] = append(n.rel[f], int32(i))
		n.rel[t] = append(n.rel[t], int32(i))
	}
	w.floor = n
	if len(d.Actors) == 0 {
		return
	}
	rng := rand.New(rand.NewPCG(14, 14))
	for i := range floorAnswers {
		n.hoods[i] = w.hoodAnswer(int32(rng.IntN(len(d.Actors))), 200, 800)
		n.paths[i] = w.pathAnswer(int32(rng.IntN(len(d.Actors))), int32(rng.IntN(len(d.Actors))), 6)
	}
}

// floorJSON writes the answer the floor holds for id of the given kind
// ("2-hop" or "shortest-path") with encoding/json, reads it back as the
// harness's client reads every answer in the timed turns (readAnswer),
// and returns its size.
func (w *world) floorJSON(op, id string) (int, error) {
	h := fnv.New32a()
	h.Write([]byte(id))
	i := h.Sum32() % floorAnswers
	var v any = w.floor.hoods[i]
	if op == "shortest-path" {
		v = w.floor.paths[i]
	}
	b, err := json.Marshal(v)
	if err == nil && !readAnswer(b) {
		err = fmt.Errorf("the floor's %s answer does not read back", op)
	}
	return len(b), err
}

func (w *world) actorOf(i int32) floorActor {
	return floorActor{ID: w.ids[i], Name: w.names[i], Kind: string(w.floor.kinds[i])}
}

// hoodAnswer is the centre c and the first actors within 2 hops that a
// breadth-first search reaches, limit in all, and the relations among
// them, at most maxRels.
func (w *world) hoodAnswer(c int32, limit, maxRels int) *hoodAnswer {
	kept := map[int32]bool{c: true}
	order := []int32{c}
	level := []int32{c}
	truncated := false
	for range 2 {
		var next []int32
		for _, a := range level {
			for _, b := range w.adj[a] {
				if kept[b] {
					continue
				}
				if len(order) == limit {
					truncated = true
					break
				}
				kept[b] = true
				order = append(order, b)
				next = append(next, b)
			}
		}
		level = next
	}
	out := &hoodAnswer{}
	g := &out.Data.Neighborhood
	for _, a := range order {
		g.Actors = append(g.Actors, w.actorOf(a))
	}
	g.Relations = []floorRelRef{}
	for _, a := range order {
		for _, ri := range w.floor.rel[a] {
			r := &w.floor.rels[ri]
			if r.From != w.ids[a] || !kept[w.index[r.To]] {
				continue
			}
			if len(g.Relations) == maxRels {
				truncated = true
				break
			}
			g.Relations = append(g.Relations, floorRelRef{ID: r.ID, Type: string(r.Type), From: floorRef{r.From}, To: floorRef{r.To}})
		}
	}
	g.Truncated = truncated
	return out
}

// pathAnswer is a shortest path from a to b of at most max relations, by
// a breadth-first search from a; an empty one when there is none.
func (w *world) pathAnswer(a, b int32, max int) *pathAnswer {
	out := &pathAnswer{}
	p := &out.Data.ShortestPath
	p.Actors = []floorActor{}
	parent := map[int32]int32{a: -1}
	via := map[int32]int32{}
	level := []int32{a}
	for depth := 0; depth < max && len(level) > 0; depth++ {
		var next []int32
		for _, x := range level {
			for i, y := range w.adj[x] {
				if _, seen := parent[y]; !seen {
					parent[y], via[y] = x, w.floor.rel[x][i]
					next = append(next, y)
				}
			}
		}
		if _, ok := parent[b]; ok {
			break
		}
		level = next
	}
	if _, ok := parent[b]; !ok {
		return out
	}
	for at := b; at != -1; at = parent[at] {
		p.Actors = append([]floorActor{{ID: w.ids[at], Name: w.names[at]}}, p.Actors...)
		if at != a {
			r := &w.floor.rels[via[at]]
			p.Relations = append(p.Relations, struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			}{r.ID, string(r.Type)})
		}
	}
	slices.Reverse(p.Relations)
	p.Length = len(p.Relations)
	return out
}
