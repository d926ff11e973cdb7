package analytics

import (
	"cmp"
	"context"
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Broker is an actor whose removal would split the network: an
// articulation point of the view's graph.
type Broker struct {
	Actor int32
	// Separated is how many actors would lose their connection to the
	// largest piece left of the broker's part of the network were it
	// gone: the sizes of all the other pieces added up.
	Separated int
}

// Brokers returns the view's brokers, most actors separated first and
// then by id; when kinds is not empty, only brokers of those kinds.
func (v *View) Brokers(kinds []store.Kind) []Broker {
	out, err := v.BrokersContext(context.Background(), kinds)
	if err != nil {
		panic(err)
	}
	return out
}

// BrokersContext is Brokers, worked out (or waited for) until ctx ends,
// and then ctx's error.
func (v *View) BrokersContext(ctx context.Context, kinds []store.Kind) ([]Broker, error) {
	all, err := v.brokers.get(ctx)
	if err != nil || len(kinds) == 0 {
		return all, err
	}
	var out []Broker
	for _, b := range all {
		if slices.Contains(kinds, v.net.Actors[b.Actor].Kind) {
			out = append(out, b)
		}
	}
	return out, nil
}

// computeBrokers finds the articulation points with Tarjan's depth-first
// search (gonum has none), kept on an explicit stack because a path of
// actors can be longer than a goroutine stack would like.
//
// When a child c of u in the search tree has no link back above u
// (low[c] >= disc[u]), c's subtree is cut off from the rest when u goes.
// The pieces left of u's component are those subtrees and, unless u is
// the root, everything else but u.
func (v *View) computeBrokers(ctx context.Context) ([]Broker, error) {
	n := len(v.in)
	var (
		disc   = make([]int32, n) // discovery time from 1; 0 when not yet reached
		low    = make([]int32, n) // earliest discovery time reachable from the subtree by one back link
		size   = make([]int32, n) // actors in the subtree
		cutSum = make([]int32, n) // actors in the subtrees that u's removal cuts off
		cutMax = make([]int32, n) // largest of those subtrees
		parent = make([]int32, n)
		next   = make([]int32, n) // position in adj of the next neighbour to look at
		stack  []int32
		cuts   []int32 // actors of the current component with a subtree cut off
		time   int32
		out    []Broker
	)
	g := &v.graph
	w := store.NewWatch(ctx)
	for _, root := range v.present {
		if disc[root] != 0 {
			continue
		}
		rootChildren := 0
		cuts = cuts[:0]
		visit := func(u, p int32) {
			time++
			disc[u], low[u], size[u], parent[u], next[u] = time, time, 1, p, g.off[u]
			stack = append(stack, u)
		}
		visit(root, -1)
		for len(stack) > 0 {
			if w.Stop() {
				return nil, w.Err()
			}
			u := stack[len(stack)-1]
			if next[u] < g.off[u+1] {
				w := g.adj[next[u]]
				next[u]++
				switch {
				case disc[w] == 0:
					if u == root {
						rootChildren++
					}
					visit(w, u)
				case w != parent[u]:
					low[u] = min(low[u], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			p := parent[u]
			if p < 0 {
				continue
			}
			low[p] = min(low[p], low[u])
			size[p] += size[u]
			if low[u] >= disc[p] {
				if cutSum[p] == 0 {
					cuts = append(cuts, p)
				}
				cutSum[p] += size[u]
				cutMax[p] = max(cutMax[p], size[u])
			}
		}
		others := size[root] - 1 // the component without the broker
		for _, u := range cuts {
			if u == root && rootChildren < 2 {
				continue // the root's one subtree stays whole
			}
			largest := max(cutMax[u], others-cutSum[u])
			out = append(out, Broker{Actor: u, Separated: int(others - largest)})
		}
	}
	slices.SortFunc(out, func(a, b Broker) int {
		if c := cmp.Compare(b.Separated, a.Separated); c != 0 {
			return c
		}
		return cmp.Compare(a.Actor, b.Actor)
	})
	return out, nil
}
