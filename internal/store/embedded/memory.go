package embedded

import (
	"github.com/google/btree"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// memory is the whole network held in indexes that answer every read
// without touching the file. The *Actor, *Relation and *Source values in
// it are never changed once stored: a write replaces them, so that values
// handed to callers stay as they were.
type memory struct {
	actors    map[string]*node
	relations map[string]*store.Relation
	sources   map[string]*store.Source
	// bare holds, per source, the one slice that every citation of the
	// source alone (no excerpt) shares: see internCitations.
	bare map[string][]store.Citation

	// byName orders every actor by (SortKey(name), id); byKind and
	// byCountry hold the same order per kind and per (country, kind), so
	// that every filter of Actors is a merge of a few disjoint ordered sets.
	byName    *btree.BTreeG[actorItem]
	byKind    map[store.Kind]*btree.BTreeG[actorItem]
	byCountry map[string]map[store.Kind]*btree.BTreeG[actorItem]

	// names finds actors by the search terms of their names.
	names *nameIndex

	// In bulk mode (loads, and reading the file) new relations wait in
	// pending until settle adds them to the adjacency lists all at once.
	// unsorted holds the actors whose lists need sorting before the next
	// read: bulk additions append, and renames change far-end keys.
	bulk     bool
	pending  []*store.Relation
	unsorted map[*node]sorted

	// slots numbers the actors for the walks (slots.go); free lists the
	// numbers that removed actors left, for the next new ones.
	slots []*node
	free  []int32

	// version counts the changes applied, for analytics to tell that the
	// network it worked on is out of date.
	version uint64
}

// node is one actor with its relations, both ways.
type node struct {
	actor *store.Actor
	key   string // store.SortKey(actor.Name)
	// names are the actor's names folded for search (search.Keys): the
	// terms nameIndex holds for it, and what the scorer reads.
	names []search.Key
	// edges is every relation of the actor as traverse reads them, and
	// the adjacency lists that pages of relations read: the first nOut
	// are the relations from the actor, the rest those to it, each part
	// sorted by store.RelationKey (see adjacency.go).
	edges []traverse.Edge
	// far is the slot of each edge's far end, in the edges' order: the
	// walks test far ends against their marks reading 4 bytes an edge
	// rather than 80 (slots.go).
	far  []int32
	nOut int32
	// grow counts the edges build is about to add.
	grow int32
	// slot is the actor's number, its place in memory.slots: the walks
	// mark and find actors by number, not by id (slots.go).
	slot int32
}

// actorItem is an actor in the Actors order, (key, id): the node itself,
// 8 bytes in each of the three trees that hold every actor rather than a
// copy of both strings' headers (40). A search that starts from a cursor
// compares a node made for it, with those two fields alone.
type actorItem = *node

func lessItem(a, b actorItem) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	return a.actor.ID < b.actor.ID
}

const btreeDegree = 32

func newTree() *btree.BTreeG[actorItem] { return btree.NewG(btreeDegree, lessItem) }

func newMemory() *memory {
	return &memory{
		actors:    map[string]*node{},
		relations: map[string]*store.Relation{},
		sources:   map[string]*store.Source{},
		bare:      map[string][]store.Citation{},
		byName:    newTree(),
		byKind:    map[store.Kind]*btree.BTreeG[actorItem]{},
		byCountry: map[string]map[store.Kind]*btree.BTreeG[actorItem]{},
		names:     newNameIndex(),
		unsorted:  map[*node]sorted{},
	}
}

// reserve makes room for more actors and relations at once, so that a
// large load does not grow the maps step by step.
func (m *memory) reserve(actors, relations int) {
	if actors > 1024 && actors > len(m.actors) {
		m.actors = grownMap(m.actors, actors)
	}
	if relations > 1024 && relations > len(m.relations) {
		m.relations = grownMap(m.relations, relations)
	}
}

func grownMap[V any](old map[string]V, more int) map[string]V {
	m := make(map[string]V, len(old)+more)
	for k, v := range old {
		m[k] = v
	}
	return m
}

// taken names what already holds id in the one namespace of actors,
// relations and sources, or "" when nothing does.
func (m *memory) taken(id string) string {
	switch {
	case m.actors[id] != nil:
		return "actor"
	case m.relations[id] != nil:
		return "relation"
	case m.sources[id] != nil:
		return "source"
	}
	return ""
}

func (m *memory) actor(id string) *store.Actor {
	if n := m.actors[id]; n != nil {
		return n.actor
	}
	return nil
}

func (m *memory) putSource(s *store.Source) { m.sources[s.ID] = s }

// putActor adds an actor or replaces the one with its id; a kind never
// changes, and the callers check that.
func (m *memory) putActor(a *store.Actor) {
	m.internActor(a)
	n := m.actors[a.ID]
	if n == nil {
		n = &node{actor: a, key: store.SortKey(a.Name)}
		m.actors[a.ID] = n
		m.number(n)
		m.indexActor(n)
		m.names.add(n)
		return
	}
	old := n.actor
	m.unindexActor(n)
	m.names.remove(n)
	n.actor, n.key = a, store.SortKey(a.Name)
	m.indexActor(n)
	m.names.add(n)
	if store.Begins(a) != store.Begins(old) {
		m.respan(n)
	}
	if n.key != store.SortKey(old.Name) {
		// The neighbours order their lists by this actor's name.
		for _, e := range n.edges {
			other := m.actors[e.Other]
			other.rekey(a.ID, n.key)
			m.disorder(other)
		}
	}
}

// rekey changes the far-end key of every edge that points at id.
func (n *node) rekey(id, key string) {
	for i := range n.edges {
		if n.edges[i].Other == id {
			n.edges[i].OtherKey = key
		}
	}
}

// removeActor removes an actor that has no relations left.
func (m *memory) removeActor(id string) {
	n := m.actors[id]
	if n == nil {
		return
	}
	m.unindexActor(n)
	m.names.remove(n)
	delete(m.actors, id)
	delete(m.unsorted, n)
	m.unnumber(n)
}

// internActor makes an actor share the strings memory holds already.
func (m *memory) internActor(a *store.Actor) {
	a.Citations = m.internCitations(a.Citations)
	if n := m.actors[a.CountryID]; n != nil {
		a.CountryID = n.actor.ID
	}
}

func (m *memory) indexActor(n *node) {
	it := n
	m.byName.ReplaceOrInsert(it)
	kind := n.actor.Kind
	t := m.byKind[kind]
	if t == nil {
		t = newTree()
		m.byKind[kind] = t
	}
	t.ReplaceOrInsert(it)
	if c := n.actor.CountryID; c != "" {
		byKind := m.byCountry[c]
		if byKind == nil {
			byKind = map[store.Kind]*btree.BTreeG[actorItem]{}
			m.byCountry[c] = byKind
		}
		t := byKind[kind]
		if t == nil {
			t = newTree()
			byKind[kind] = t
		}
		t.ReplaceOrInsert(it)
	}
}

func (m *memory) unindexActor(n *node) {
	it := n
	m.byName.Delete(it)
	kind := n.actor.Kind
	if t := m.byKind[kind]; t != nil {
		t.Delete(it)
	}
	if c := n.actor.CountryID; c != "" {
		if t := m.byCountry[c][kind]; t != nil {
			t.Delete(it)
			if t.Len() == 0 {
				delete(m.byCountry[c], kind)
				if len(m.byCountry[c]) == 0 {
					delete(m.byCountry, c)
				}
			}
		}
	}
}

// inCountry lists the ids of the actors located in country c.
func (m *memory) inCountry(c string) []string {
	var ids []string
	for _, t := range m.byCountry[c] {
		t.Ascend(func(it actorItem) bool {
			ids = append(ids, it.actor.ID)
			return true
		})
	}
	return ids
}

// putRelation adds a relation or replaces the one with its id; both of its
// actors exist. In bulk mode it only takes note of the relation: settle
// builds the adjacency lists of many relations at once.
func (m *memory) putRelation(r *store.Relation) {
	if old := m.relations[r.ID]; old != nil {
		m.removeRelation(r.ID)
	}
	m.relations[r.ID] = r
	from, to := m.actors[r.From], m.actors[r.To]
	// Share the strings memory holds already rather than keep copies.
	r.From, r.To = from.actor.ID, to.actor.ID
	r.Citations = m.internCitations(r.Citations)
	if m.bulk {
		m.pending = append(m.pending, r)
		return
	}
	out, in := edgesOf(r, from, to)
	from.link(out)
	to.link(in)
}

func spanOf(r *store.Relation, from, to *node) store.Span {
	return store.RelationSpan(r.Since, r.Until, store.Begins(from.actor), store.Begins(to.actor))
}

// respan works out again when each relation of n is in the network, after
// the day n begins on changed. It reads n's edges once, and the edges of
// each actor at the far end of one.
func (m *memory) respan(n *node) {
	for i := range n.edges {
		e := &n.edges[i]
		r := m.relations[e.RelationID]
		from, to := m.actors[r.From], m.actors[r.To]
		e.Span = spanOf(r, from, to)
		other := m.actors[e.Other]
		if other == n {
			continue // a relation to itself: n's own edges
		}
		for j := range other.edges {
			if other.edges[j].RelationID == r.ID {
				other.edges[j].Span = e.Span
			}
		}
	}
}

// internCitations points citations at the ids of the sources they name,
// and returns them. A record that cites one source and no sentence of it
// gets the slice every such record of that source shares: a slice is a
// heap object of its own, one for each of millions of actors and
// relations, and stored values are never changed (a write replaces
// them), so they may share it.
func (m *memory) internCitations(cs []store.Citation) []store.Citation {
	bare := len(cs) == 1 && cs[0].Excerpt == ""
	if bare && m.bare[cs[0].SourceID] != nil {
		return m.bare[cs[0].SourceID]
	}
	for i, c := range cs {
		if s := m.sources[c.SourceID]; s != nil {
			cs[i].SourceID = s.ID
		}
	}
	if bare && m.sources[cs[0].SourceID] != nil {
		m.bare[cs[0].SourceID] = cs[:1:1]
	}
	return cs
}

func (m *memory) removeRelation(id string) {
	r := m.relations[id]
	if r == nil {
		return
	}
	delete(m.relations, id)
	for _, end := range []string{r.From, r.To} {
		if n := m.actors[end]; n != nil {
			n.unlink(id)
		}
	}
}

// settle builds the adjacency lists of the relations a bulk write noted
// and sorts the lists that it and renames left out of order; every write
// calls it before readers may look.
func (m *memory) settle() {
	if len(m.pending) > 0 {
		m.build(m.pending)
		clear(m.pending)
		m.pending = m.pending[:0]
	}
	var buf []traverse.Edge
	for n, s := range m.unsorted {
		buf = n.arrange(s, buf)
	}
	clear(m.unsorted)
	m.bulk = false
}

// findHeads finds the search prefixes' heads again where the terms have
// grown by half since they were last found (prefixIndex.due), and calls
// set with the function that puts each index's new heads in place. It
// only reads memory: a writer runs it beside readers, after it applied
// its change, and takes the gate only for set (at 1,000,000 actors
// finding the heads takes seconds).
func (m *memory) findHeads(set func(put func())) {
	for _, x := range []*prefixIndex{m.names.loose, m.names.words} {
		if x.due() {
			heads := x.findHeads()
			set(func() { x.setHeads(heads) })
		}
	}
}

// now is findHeads' set for memory no reader sees yet.
func now(put func()) { put() }

// The traverse package walks the network through memory as a traverse.Graph.

// Edges returns every relation of actor id; the slice is memory's own and
// must not be changed.
func (m *memory) Edges(id string) []traverse.Edge {
	if n := m.actors[id]; n != nil {
		return n.edges
	}
	return nil
}

// Kind returns the actor's kind.
func (m *memory) Kind(id string) (store.Kind, bool) {
	if n := m.actors[id]; n != nil {
		return n.actor.Kind, true
	}
	return "", false
}

var _ traverse.Graph = (*memory)(nil)
