package analytics

import (
	"iter"
	"slices"
)

// csr is a graph as compressed sparse rows: the neighbours of actor u are
// adj[off[u]:off[u+1]], ascending and without repeats. Rows are indexed by
// position in Network.Actors, so an absent actor simply has an empty row;
// int32 keeps the arrays half the size of int on the networks this package
// is meant for (well under 2^31 links).
type csr struct {
	off []int32
	adj []int32
}

// newCSR builds the rows of n actors from the links that links yields,
// dropping repeats and links from an actor to itself. It walks links twice,
// once to size the rows and once to fill them, so that no edge list is
// ever held.
func newCSR(n int, links iter.Seq2[int32, int32]) csr {
	off := make([]int32, n+1)
	for u, v := range links {
		if u != v {
			off[u+1]++
		}
	}
	for i := range n {
		off[i+1] += off[i]
	}
	adj := make([]int32, off[n])
	next := slices.Clone(off[:n])
	for u, v := range links {
		if u != v {
			adj[next[u]] = v
			next[u]++
		}
	}
	// Sort and compact each row in place; rows only shrink, so writing at
	// w never overtakes reading at off[u].
	var w int32
	for u := range n {
		row := adj[off[u]:off[u+1]]
		slices.Sort(row)
		row = slices.Compact(row)
		off[u] = w
		w += int32(copy(adj[w:], row))
	}
	off[n] = w
	if int(w) < len(adj) {
		// Repeats are common (relations of several types between the same
		// two actors); a copy lets the larger array go.
		adj = slices.Clone(adj[:w])
	}
	return csr{off: off, adj: adj}
}

// row returns u's neighbours; callers must not change them.
func (g csr) row(u int32) []int32 { return g.adj[g.off[u]:g.off[u+1]] }

// has reports whether v is among u's neighbours.
func (g csr) has(u, v int32) bool {
	_, ok := slices.BinarySearch(g.row(u), v)
	return ok
}

// reverse returns the graph with every link turned around.
func (g csr) reverse() csr {
	n := len(g.off) - 1
	return newCSR(n, func(yield func(int32, int32) bool) {
		for u := range int32(n) {
			for _, v := range g.row(u) {
				if !yield(v, u) {
					return
				}
			}
		}
	})
}

// bfsOrder renumbers the actors of g in breadth-first order from its
// best-linked actor (and then from each actor not yet reached, in index
// order), and returns g under the new numbers along with each actor's new
// number. Neighbours get nearby numbers, so a search over the result finds
// more of what it reads in cache: on a synthetic network of 100,000
// actors Brandes runs about 1.5 times as fast.
func (g csr) bfsOrder() (csr, []int32) {
	n := int32(len(g.off) - 1)
	renum := make([]int32, n)
	for i := range renum {
		renum[i] = -1
	}
	order := make([]int32, 0, n)
	hub := int32(0)
	for u := range n {
		if len(g.row(u)) > len(g.row(hub)) {
			hub = u
		}
	}
	visit := func(root int32) {
		if renum[root] >= 0 {
			return
		}
		head := len(order)
		renum[root] = int32(head)
		order = append(order, root)
		for ; head < len(order); head++ {
			for _, w := range g.row(order[head]) {
				if renum[w] < 0 {
					renum[w] = int32(len(order))
					order = append(order, w)
				}
			}
		}
	}
	visit(hub)
	for u := range n {
		visit(u)
	}
	return newCSR(int(n), func(yield func(int32, int32) bool) {
		for u := range n {
			for _, w := range g.row(u) {
				if !yield(renum[u], renum[w]) {
					return
				}
			}
		}
	}), renum
}
