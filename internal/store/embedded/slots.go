package embedded

import (
	"slices"
	"sync"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// The walks (neighbourhoods, shortest paths) work on actors' numbers,
// their slots, rather than on their ids: an edge carries the number of
// its far end (traverse.Edge.OtherSlot), memory.slots finds the node of
// a number, and a walk marks the actors it has seen in an array indexed
// by number rather than in a map of strings. A removed actor's number
// (an actor is removed only once it has no relations, so no edge holds
// it) goes to the next new actor.

// number gives a new actor its slot.
func (m *memory) number(n *node) {
	if k := len(m.free); k > 0 {
		n.slot, m.free = m.free[k-1], m.free[:k-1]
		m.slots[n.slot] = n
		return
	}
	n.slot = int32(len(m.slots))
	m.slots = append(m.slots, n)
}

// unnumber frees a removed actor's slot.
func (m *memory) unnumber(n *node) {
	m.slots[n.slot] = nil
	m.free = append(m.free, n.slot)
}

// marks is what one walk notes about each actor: a word per slot, of
// which the high bits are the walk's generation and the low ones
// (markBits) what the walk noted. A word of another generation notes
// nothing, so a walk starts with a clean slate without clearing the
// array: it only moves to the next generation. The arrays are pooled,
// one per walk under way, 4 bytes an actor.
type marks struct {
	gen  uint32
	word []uint32
	// arena holds the slot lists of the walk (a shortest path's layers),
	// reused by the next walk that takes these marks: a path's layers
	// were a third of a request's allocations (issue 14).
	arena []int32
	// refs holds the relations a neighbourhood gathers, for the same
	// reason (hood.go).
	refs []relRef
	// bits has a bit per slot, all clear but while relationsAmong holds
	// a neighbourhood's actors there (hood.go): a set that a walk tests
	// thousands of edges against, small enough to stay in the caches
	// (12 KB for 100,000 actors, where the words take 400 KB).
	bits []uint64
}

// bitsFor makes sure k.bits has a bit for each of n slots.
func (k *marks) bitsFor(n int) {
	if w := (n + 63) / 64; len(k.bits) < w {
		k.bits = make([]uint64, w+w/8)
	}
}

// maxIDs is the most relations kept with pooled marks.
const maxIDs = 1 << 16

// maxArena is the largest arena kept with pooled marks, 4 MB: a walk
// through a hub of more reserves more, and the collector takes it back.
const maxArena = 1 << 20

// slots returns an empty list with room for n slots, from the arena. The
// list stays valid until the marks are given back.
func (k *marks) slots(n int) []int32 {
	if cap(k.arena)-len(k.arena) < n {
		// The lists taken so far keep the old arena alive.
		k.arena = make([]int32, 0, max(2*cap(k.arena), n, 4096))
	}
	l := len(k.arena)
	k.arena = k.arena[:l+n]
	return k.arena[l : l : l+n]
}

const (
	markBits = 11
	markMask = 1<<markBits - 1
	maxGen   = 1<<(32-markBits) - 1
)

var marksPool sync.Pool

// marks returns a clean marks array for every slot of m; putMarks gives it
// back.
func (m *memory) marks() *marks {
	k, _ := marksPool.Get().(*marks)
	if k == nil || len(k.word) < len(m.slots) {
		k = &marks{word: make([]uint32, len(m.slots)+len(m.slots)/8)}
	}
	k.gen++
	if k.gen > maxGen {
		clear(k.word)
		k.gen = 1
	}
	return k
}

func putMarks(k *marks) {
	k.arena = k.arena[:0]
	if cap(k.arena) > maxArena {
		k.arena = nil
	}
	marksPool.Put(k)
}

// get returns what the walk noted about slot s (0 for nothing).
func (k *marks) get(s int32) uint32 {
	if w := k.word[s]; w>>markBits == k.gen {
		return w & markMask
	}
	return 0
}

// set notes v about slot s, in place of what was noted.
func (k *marks) set(s int32, v uint32) { k.word[s] = k.gen<<markBits | v }

// filter is what a walk follows (see the traverse package comment): the
// relations of types (any when empty) in the network on asOf (always when
// nil) leading to an actor of kinds (any when empty) or to one of ends.
type filter struct {
	m     *memory
	types []store.RelationType
	kinds []store.Kind
	asOf  *store.Day
	ends  [2]int32 // -1 for none
	all   bool     // no filter: every edge is followed, and need not be read
}

func newFilter(m *memory, types []store.RelationType, kinds []store.Kind, asOf *store.Day, ends ...*node) *filter {
	if len(types) > 1 {
		// Each type once: segments gives a run per type listed.
		types = slices.Compact(slices.Sorted(slices.Values(types)))
	}
	f := &filter{m: m, types: types, kinds: kinds, asOf: asOf, ends: [2]int32{-1, -1}}
	for i, n := range ends {
		f.ends[i] = n.slot
	}
	f.all = len(types) == 0 && len(kinds) == 0 && asOf == nil
	return f
}

// follows reports whether a walk follows e.
func (f *filter) follows(e *traverse.Edge) bool {
	if f.all {
		return true
	}
	if len(f.types) > 0 && !slices.Contains(f.types, e.Type) {
		return false
	}
	return f.leadsOn(e)
}

// leadsOn is follows without the type, for edges read from a segment of
// a type already known to be followed.
func (f *filter) leadsOn(e *traverse.Edge) bool {
	if f.asOf != nil && !e.Span.Holds(*f.asOf) {
		return false
	}
	if len(f.kinds) == 0 || e.OtherSlot == f.ends[0] || e.OtherSlot == f.ends[1] {
		return true
	}
	return slices.Contains(f.kinds, f.m.slots[e.OtherSlot].actor.Kind)
}

// segments appends to out the runs of part (one part of an actor's edges,
// sorted by store.RelationKey) whose type the walk follows, each sorted
// by the far end's (sort key, id). Boundaries are found by binary search,
// so a hub's part costs a few comparisons per type, not a read of it.
func (f *filter) segments(part []traverse.Edge, out [][]traverse.Edge) [][]traverse.Edge {
	if len(part) == 0 {
		return out
	}
	if len(f.types) == 0 {
		for len(part) > 0 {
			t := part[0].Type
			end := len(part)
			if end <= 16 {
				// A few edges: reading them is cheaper than searching.
				end = 1
				for end < len(part) && part[end].Type == t {
					end++
				}
			} else if part[end-1].Type != t {
				end, _ = slices.BinarySearchFunc(part, t, func(e traverse.Edge, t store.RelationType) int {
					if e.Type <= t {
						return -1
					}
					return 1
				})
			}
			out = append(out, part[:end])
			part = part[end:]
		}
		return out
	}
	for _, t := range f.types {
		lo, _ := slices.BinarySearchFunc(part, t, func(e traverse.Edge, t store.RelationType) int {
			if e.Type < t {
				return -1
			}
			return 1
		})
		hi := lo
		for hi < len(part) && part[hi].Type == t && hi-lo < 8 {
			hi++
		}
		if hi < len(part) && part[hi].Type == t {
			n, _ := slices.BinarySearchFunc(part[hi:], t, func(e traverse.Edge, t store.RelationType) int {
				if e.Type <= t {
					return -1
				}
				return 1
			})
			hi += n
		}
		if hi > lo {
			out = append(out, part[lo:hi])
		}
	}
	return out
}
