package main

// BenchmarkFloor measures the floor that the walks through the API are
// held to (issue 14), from the same actors as the API benchmarks of the
// same names. Run it in one go with them, so that the machine's load is
// the same for both:
//
//	go test . -run '^$' -bench 'Floor|API/(neighborhood-depth2|shortestPath)$' -benchtime 300x
//
// A floor is what a hand-written handler over plain data would spend on
// the same request, in three parts, each reported on its own:
//
//   - typename: a `{ __typename }` round trip through the same handler;
//   - bfs2, bfsPath: a plain breadth-first search over the same network
//     held as int32 arrays;
//   - json2, jsonPath: writing the same answer (the API's own, read back
//     into plain Go structs before the timer starts) with encoding/json.
//
// The 2-hop neighbourhood's floor is typename + bfs2 + json2; the shortest
// path's is typename + bfsPath + jsonPath. An answer of 200 actors and
// 800 relations is 1,000 objects to write: a floor without the writing
// would hold the API to a request that answers nothing
// (docs/benchmarks.md).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// The two walks of the API benchmark that the floor is measured for.
const (
	benchHoodQuery = `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) {
				truncated actors { id name kind } relations { id type from { id } to { id } } } }`
	benchPathQuery = `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) {
				length actors { id name } relations { type } } }`
)

// floorAnswers is how many of a benchmark's first requests the floor's
// encoding part holds the answers of; past that it writes them again.
const floorAnswers = 300

// hoodAnswer and pathAnswer are the answers of benchHoodQuery and
// benchPathQuery as a hand-written handler would hold them: plain
// structs, written by encoding/json.
type hoodAnswer struct {
	Data struct {
		Neighborhood struct {
			Truncated bool `json:"truncated"`
			Actors    []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
				Kind string `json:"kind"`
			} `json:"actors"`
			Relations []struct {
				ID   string   `json:"id"`
				Type string   `json:"type"`
				From floorRef `json:"from"`
				To   floorRef `json:"to"`
			} `json:"relations"`
		} `json:"neighborhood"`
	} `json:"data"`
}

type pathAnswer struct {
	Data struct {
		ShortestPath *struct {
			Length int `json:"length"`
			Actors []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"actors"`
			Relations []struct {
				Type string `json:"type"`
			} `json:"relations"`
		} `json:"shortestPath"`
	} `json:"data"`
}

type floorRef struct {
	ID string `json:"id"`
}

func BenchmarkFloor(b *testing.B) {
	h := benchHandler(b)
	g := benchAPI.floor
	n := len(g.start) - 1

	b.Run("typename", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuMeter(b)
		for b.Loop() {
			benchPost(b, h, `{ __typename }`, nil)
		}
		cpu()
	})
	// Every actor within 2 hops of the API benchmark's centres: the
	// relations a neighbourhood of depth 2 must read, with no order, limit
	// or filter.
	floorWalks(b, g, "bfs2", "neighborhood-depth2", "actors/op", func(w *floorWalk, r *rand.Rand) int {
		return w.within(int32(r.IntN(n)), 2)
	})
	// A shortest path between the API benchmark's pairs, at most 6
	// relations long (shortestPath's default), breadth first from one end
	// until the other is reached, and the path read back.
	floorWalks(b, g, "bfsPath", "shortestPath", "found/op", func(w *floorWalk, r *rand.Rand) int {
		from, to := int32(r.IntN(n)), int32(r.IntN(n))
		if w.path(from, to, 6) == nil {
			return 0
		}
		return 1
	})
	// The same answers as the API benchmark's first requests, written
	// with encoding/json from plain structs.
	ids := benchAPI.ids
	floorJSON[hoodAnswer](b, h, "json2", "neighborhood-depth2", benchHoodQuery, func(r *rand.Rand) map[string]any {
		return map[string]any{"id": ids[r.IntN(len(ids))]}
	})
	floorJSON[pathAnswer](b, h, "jsonPath", "shortestPath", benchPathQuery, func(r *rand.Rand) map[string]any {
		return map[string]any{"from": ids[r.IntN(len(ids))], "to": ids[r.IntN(len(ids))]}
	})
}

// floorJSON runs, as the sub-benchmark name, encoding/json writing the
// answers to the first floorAnswers requests of the API benchmark api
// (query with the variables vars draws from api's random source), read
// into plain structs of type T before the timer starts. It fails when a
// struct does not hold its whole answer, and reports the answer's size.
func floorJSON[T any](b *testing.B, h http.Handler, name, api, query string, vars func(r *rand.Rand) map[string]any) {
	b.Run(name, func(b *testing.B) {
		r := benchRand(api)
		answers := make([]*T, floorAnswers)
		for i := range answers {
			body, err := benchAnswer(h, query, vars(r))
			if err != nil {
				b.Fatal(err)
			}
			answers[i] = new(T)
			if err := sameAnswer(body, answers[i]); err != nil {
				b.Fatal(err)
			}
		}
		size := 0
		i := 0
		b.ReportAllocs()
		cpu := cpuMeter(b)
		for b.Loop() {
			out, err := json.Marshal(answers[i%len(answers)])
			if err != nil {
				b.Fatal(err)
			}
			size += len(out)
			i++
		}
		cpu()
		b.ReportMetric(float64(size)/float64(b.N), "bytes/op")
	})
}

// sameAnswer reads body into v and checks that v, written back, is the
// same JSON value as body: nothing of the answer is left out of the
// floor's writing.
func sameAnswer(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return err
	}
	again, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var want, got any
	if err := json.Unmarshal(body, &want); err != nil {
		return err
	}
	if err := json.Unmarshal(again, &got); err != nil {
		return err
	}
	if !reflect.DeepEqual(want, got) {
		return fmt.Errorf("the floor's struct leaves out part of the answer %.200s", body)
	}
	return nil
}

// benchAnswer sends one GraphQL request and returns its answer, or an
// error when the answer has one. An answer's errors come before its data
// (graphql.Response), so an answer that begins with its data has none:
// the benchmark's client need not read a large answer through to know
// that, and the time it takes is the server's.
func benchAnswer(h http.Handler, query string, vars map[string]any) ([]byte, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte(`{"data":`)) {
		return nil, fmt.Errorf("status %d: %.2000s", rec.Code, rec.Body.String())
	}
	return rec.Body.Bytes(), nil
}

// floorWalks runs walk as the sub-benchmark name, from the random source
// of the API benchmark api, and reports the mean of what it returns as
// unit.
func floorWalks(b *testing.B, g *floorGraph, name, api, unit string, walk func(w *floorWalk, r *rand.Rand) int) {
	b.Run(name, func(b *testing.B) {
		r := benchRand(api)
		w := newFloorWalk(g)
		sum := 0
		b.ReportAllocs()
		cpu := cpuMeter(b)
		for b.Loop() {
			sum += walk(w, r)
		}
		cpu()
		b.ReportMetric(float64(sum)/float64(b.N), unit)
	})
}

// floorGraph is a network as a plain program would hold it: actors
// numbered in the dataset's order, and every relation in both directions
// in compressed rows, actor i's neighbours being next[start[i]:start[i+1]].
type floorGraph struct {
	start []int32
	next  []int32
}

func newFloorGraph(d store.Dataset) *floorGraph {
	index := make(map[string]int32, len(d.Actors))
	for i, a := range d.Actors {
		index[a.ID] = int32(i)
	}
	g := &floorGraph{start: make([]int32, len(d.Actors)+1), next: make([]int32, 2*len(d.Relations))}
	for _, r := range d.Relations {
		g.start[index[r.From]+1]++
		g.start[index[r.To]+1]++
	}
	for i := 1; i < len(g.start); i++ {
		g.start[i] += g.start[i-1]
	}
	fill := append([]int32(nil), g.start[:len(d.Actors)]...)
	for _, r := range d.Relations {
		from, to := index[r.From], index[r.To]
		g.next[fill[from]] = to
		fill[from]++
		g.next[fill[to]] = from
		fill[to]++
	}
	return g
}

// bytes is the size of the adjacency arrays.
func (g *floorGraph) bytes() int { return 4 * (len(g.start) + len(g.next)) }

func (g *floorGraph) neighbours(i int32) []int32 { return g.next[g.start[i]:g.start[i+1]] }

// floorWalk is one walker's state over a floorGraph, reused across walks:
// an actor is seen in this walk when mark holds the walk's epoch, so
// nothing is cleared between walks.
type floorWalk struct {
	g      *floorGraph
	mark   []uint32
	epoch  uint32
	parent []int32
	queue  []int32
}

func newFloorWalk(g *floorGraph) *floorWalk {
	n := len(g.start) - 1
	return &floorWalk{g: g, mark: make([]uint32, n), parent: make([]int32, n)}
}

// begin starts a walk from center.
func (w *floorWalk) begin(center int32) {
	w.epoch++
	w.mark[center] = w.epoch
	w.parent[center] = -1
	w.queue = append(w.queue[:0], center)
}

// within counts the actors at most depth hops from center, center included.
func (w *floorWalk) within(center int32, depth int) int {
	w.begin(center)
	head := 0
	for hop := 0; hop < depth; hop++ {
		end := len(w.queue)
		for ; head < end; head++ {
			for _, o := range w.g.neighbours(w.queue[head]) {
				if w.mark[o] != w.epoch {
					w.mark[o] = w.epoch
					w.queue = append(w.queue, o)
				}
			}
		}
	}
	return len(w.queue)
}

// path returns a shortest path from one actor to another of at most maxLen
// hops, its actors from to to, or nil when there is none.
func (w *floorWalk) path(from, to int32, maxLen int) []int32 {
	w.begin(from)
	head := 0
	for hop := 0; hop < maxLen && w.mark[to] != w.epoch; hop++ {
		end := len(w.queue)
		for ; head < end && w.mark[to] != w.epoch; head++ {
			at := w.queue[head]
			for _, o := range w.g.neighbours(at) {
				if w.mark[o] != w.epoch {
					w.mark[o] = w.epoch
					w.parent[o] = at
					w.queue = append(w.queue, o)
					if o == to {
						break
					}
				}
			}
		}
	}
	if w.mark[to] != w.epoch {
		return nil
	}
	var p []int32
	for at := to; at != -1; at = w.parent[at] {
		p = append(p, at)
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	return p
}
