package embedded

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/btree"
)

// prefixIndex holds the search terms of one kind that a search scans by
// prefix (names' loose forms, or the suffixes from each of their words):
// each term's actors, the terms in order, and the heads of the prefixes
// that many postings share.
//
// A short prefix matches a share of every name, so at 1,000,000 actors
// four letters matched ten times as many postings as at 100,000, and a
// search visited each to keep the first few by name. A head is a
// prefix's first actors in the order the hits of one score come (by
// SortKey(name), then id), kept as writes come and go: a search reads
// them instead of the postings, and scans only the prefixes that no head
// stands for, which hold few postings.
type prefixIndex struct {
	posts map[string][]*node
	terms *btree.BTreeG[string]
	heads map[string]*head
	// postings counts the postings, and added those added since the heads
	// were last found (findHeads): writes keep the heads there are, and
	// once the postings have grown by half (due) the heads are found
	// again, for the prefixes that have grown heavy meanwhile.
	postings, added int
}

// head is the first actors holding a term under one prefix.
type head struct {
	first []*node // in hit order, each actor once, at most headCap
	more  bool    // whether more actors than first hold a term under the prefix
}

const (
	// headCap is how many actors a head keeps: a search for more, or
	// with a kind filter that leaves fewer, scans the prefix instead.
	headCap = 32
	// headMin is how many postings a prefix has before it gets a head
	// (when findHeads runs): fewer cost less to scan than a head keeps.
	headMin = 2 * headCap
)

func newPrefixIndex() *prefixIndex {
	return &prefixIndex{
		posts: map[string][]*node{},
		terms: btree.NewG(btreeDegree, func(a, b string) bool { return a < b }),
		heads: map[string]*head{},
	}
}

// compareNodes orders actors as hits of one score: by key, then id.
func compareNodes(a, b *node) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return strings.Compare(a.actor.ID, b.actor.ID)
}

// add indexes term for n.
func (x *prefixIndex) add(term string, n *node) {
	ps, ok := x.posts[term]
	if !ok {
		x.terms.ReplaceOrInsert(term)
	}
	x.posts[term] = append(ps, n)
	x.postings++
	x.added++
	x.eachHead(term, func(_ string, h *head) { h.offer(n) })
}

// remove takes out term for n; n's key is still the one it was added
// with.
func (x *prefixIndex) remove(term string, n *node) {
	ps := slices.DeleteFunc(x.posts[term], func(p *node) bool { return p == n })
	if len(ps) > 0 {
		x.posts[term] = ps
	} else {
		delete(x.posts, term)
		x.terms.Delete(term)
	}
	x.postings--
	x.eachHead(term, func(prefix string, h *head) {
		if i := slices.Index(h.first, n); i >= 0 {
			h.first = slices.Delete(h.first, i, i+1)
			if len(h.first) < headCap/2 && h.more {
				x.refill(prefix, h)
			}
		}
	})
}

// eachHead calls visit with the heads of term's prefixes, shortest first.
// A prefix without a head has no longer one with: findHeads gives heads
// to the prefixes of many postings, and a prefix has at least the
// postings of every longer one.
func (x *prefixIndex) eachHead(term string, visit func(prefix string, h *head)) {
	if len(x.heads) == 0 {
		return
	}
	for end := 1; end <= len(term); end++ {
		if end < len(term) && !utf8.RuneStart(term[end]) {
			continue
		}
		p := term[:end]
		h := x.heads[p]
		if h == nil {
			return
		}
		visit(p, h)
	}
}

// offer puts n in the head if it is among the first, and reports false
// when n comes after every actor kept while more follow: then a head
// that holds every actor this one holds, and more, keeps it out too.
func (h *head) offer(n *node) bool {
	// Most actors offered come after a full head: one comparison.
	if k := len(h.first); k > 0 && (k == headCap || h.more) && compareNodes(n, h.first[k-1]) > 0 {
		h.more = true
		return false
	}
	i, found := slices.BinarySearchFunc(h.first, n, compareNodes)
	if !found {
		h.first = slices.Insert(h.first, i, n)
		if len(h.first) > headCap {
			h.first[headCap] = nil
			h.first = h.first[:headCap]
			h.more = true
		}
	}
	return true
}

// refill finds a head's first actors again from the postings under its
// prefix, after removals left it short.
func (x *prefixIndex) refill(prefix string, h *head) {
	clear(h.first)
	h.first, h.more = h.first[:0], false
	x.scan(prefix, func(ns []*node) bool {
		for _, n := range ns {
			h.offer(n)
		}
		return true
	})
}

// scan calls visit with the actors of every term that begins with
// prefix, in the terms' order, until visit returns false.
func (x *prefixIndex) scan(prefix string, visit func(ns []*node) bool) {
	x.terms.AscendGreaterOrEqual(prefix, func(t string) bool {
		return strings.HasPrefix(t, prefix) && visit(x.posts[t])
	})
}

// due reports whether the heads should be found again: the postings
// have grown by half since they were last found, and prefixes without a
// head may now hold many.
func (x *prefixIndex) due() bool {
	return x.added > headMin && x.added*3 > x.postings
}

// setHeads puts heads that findHeads found in place.
func (x *prefixIndex) setHeads(heads map[string]*head) {
	x.heads, x.added = heads, 0
}

// findHeads gives a head to every prefix of more than headMin postings,
// in two walks of the terms in order: the first counts the postings
// under each prefix of the term it is at, the second offers each
// posting to the heads of its term's prefixes, longest first. It only
// reads the index, so that it can run beside readers (see
// memory.findHeads).
func (x *prefixIndex) findHeads() map[string]*head {
	heads := map[string]*head{}
	type frame struct{ end, count int } // a prefix of the term at: its length, its postings so far
	var stack []frame
	prev := ""
	pop := func(to int) {
		for len(stack) > 0 && stack[len(stack)-1].end > to {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.count > headMin {
				heads[strings.Clone(prev[:f.end])] = &head{first: make([]*node, 0, headCap+1)}
			}
			if len(stack) > 0 {
				stack[len(stack)-1].count += f.count
			}
		}
	}
	x.terms.Ascend(func(t string) bool {
		pop(commonPrefix(prev, t))
		from := 0
		if len(stack) > 0 {
			from = stack[len(stack)-1].end
		}
		for end := from + 1; end <= len(t); end++ {
			if end == len(t) || utf8.RuneStart(t[end]) {
				stack = append(stack, frame{end: end})
			}
		}
		stack[len(stack)-1].count += len(x.posts[t])
		prev = t
		return true
	})
	pop(-1)

	// The heads of the term's prefixes, kept from one term to the next
	// as far as they share a beginning; miss is where the previous
	// term's first prefix without a head ended (0: none).
	type link struct {
		end int
		h   *head
	}
	var chain []link
	prev, miss := "", 0
	x.terms.Ascend(func(t string) bool {
		shared := commonPrefix(prev, t)
		for len(chain) > 0 && chain[len(chain)-1].end > shared {
			chain = chain[:len(chain)-1]
		}
		if miss == 0 || miss > shared {
			// t's prefixes beyond the shared beginning: look them up.
			from := 0
			if len(chain) > 0 {
				from = chain[len(chain)-1].end
			}
			miss = 0
			for end := from + 1; end <= len(t); end++ {
				if end < len(t) && !utf8.RuneStart(t[end]) {
					continue
				}
				h := heads[t[:end]]
				if h == nil {
					miss = end
					break
				}
				chain = append(chain, link{end, h})
			}
		}
		for _, n := range x.posts[t] {
			i := len(chain) - 1
			for i >= 0 && chain[i].h.offer(n) {
				i--
			}
			// A head that keeps n out is full of actors before it, and
			// the shorter prefixes' heads, which were offered all it was,
			// are too.
			for ; i >= 0; i-- {
				chain[i].h.more = true
			}
		}
		prev = t
		return true
	})
	return heads
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// readHead calls visit with the first actors holding a term under
// prefix, in hit order, each once, until visit returns false, and reports
// whether that answered: it did not when prefix has no head, or when the
// head ran out while visit wanted more and more actors follow; the
// caller then scans the prefix.
func (x *prefixIndex) readHead(prefix string, visit func(n *node) bool) bool {
	h := x.heads[prefix]
	if h == nil {
		return false
	}
	for _, n := range h.first {
		if !visit(n) {
			return true
		}
	}
	return !h.more
}
