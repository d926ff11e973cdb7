package main

import "sync"

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
