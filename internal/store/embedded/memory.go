package embedded

import (
	"slices"
	"strings"

	"github.com/google/btree"

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

	// byName orders every actor by (SortKey(name), id); byKind and
	// byCountry hold the same order per kind and per (country, kind), so
	// that every filter of Actors is a merge of a few disjoint ordered sets.
	byName    *btree.BTreeG[actorItem]
	byKind    map[store.Kind]*btree.BTreeG[actorItem]
	byCountry map[string]map[store.Kind]*btree.BTreeG[actorItem]

	names *nameIndex

	// unsorted holds the actors whose adjacency lists need sorting before
	// the next read: bulk loads append, and renames change far-end keys.
	unsorted map[*node]struct{}
	bulk     bool
}

// node is one actor with its relations, both ways.
type node struct {
	actor *store.Actor
	key   string // store.SortKey(actor.Name)
	// out and in are the relations from and to the actor, each sorted by
	// store.RelationKey, so that a page of relations is a binary search.
	out, in []adj
	// edges is every relation of the actor as traverse reads them.
	edges []traverse.Edge
}

// adj is one relation in one actor's list.
type adj struct {
	rel      *store.Relation
	other    string // the far end's id
	otherKey string // the far end's SortKey
}

func (e adj) relationKey() store.RelationKey {
	return store.RelationKey{Type: e.rel.Type, OtherKey: e.otherKey, OtherID: e.other, RelationID: e.rel.ID}
}

// compareAdj orders adjacency entries as store.RelationKey.Compare does.
func compareAdj(a, b adj) int {
	if c := strings.Compare(string(a.rel.Type), string(b.rel.Type)); c != 0 {
		return c
	}
	if c := strings.Compare(a.otherKey, b.otherKey); c != 0 {
		return c
	}
	if c := strings.Compare(a.other, b.other); c != 0 {
		return c
	}
	return strings.Compare(a.rel.ID, b.rel.ID)
}

func compareAdjKey(e adj, k store.RelationKey) int {
	if c := strings.Compare(string(e.rel.Type), string(k.Type)); c != 0 {
		return c
	}
	if c := strings.Compare(e.otherKey, k.OtherKey); c != 0 {
		return c
	}
	if c := strings.Compare(e.other, k.OtherID); c != 0 {
		return c
	}
	return strings.Compare(e.rel.ID, k.RelationID)
}

// actorItem is an actor's place in the Actors order.
type actorItem struct{ key, id string }

func lessItem(a, b actorItem) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	return a.id < b.id
}

const btreeDegree = 32

func newTree() *btree.BTreeG[actorItem] { return btree.NewG(btreeDegree, lessItem) }

func newMemory() *memory {
	return &memory{
		actors:    map[string]*node{},
		relations: map[string]*store.Relation{},
		sources:   map[string]*store.Source{},
		byName:    newTree(),
		byKind:    map[store.Kind]*btree.BTreeG[actorItem]{},
		byCountry: map[string]map[store.Kind]*btree.BTreeG[actorItem]{},
		names:     newNameIndex(),
		unsorted:  map[*node]struct{}{},
	}
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
	n := m.actors[a.ID]
	if n == nil {
		n = &node{actor: a, key: store.SortKey(a.Name)}
		m.actors[a.ID] = n
		m.indexActor(n)
		m.names.add(a)
		return
	}
	old := n.actor
	m.unindexActor(n)
	m.names.remove(old)
	n.actor, n.key = a, store.SortKey(a.Name)
	m.indexActor(n)
	m.names.add(a)
	if n.key != store.SortKey(old.Name) {
		// The neighbours order their lists by this actor's name.
		for _, list := range [][]adj{n.out, n.in} {
			for _, e := range list {
				other := m.actors[e.other]
				other.rekey(a.ID, n.key)
				m.unsorted[other] = struct{}{}
			}
		}
	}
}

// rekey changes the far-end key of every entry that points at id.
func (n *node) rekey(id, key string) {
	for _, list := range [][]adj{n.out, n.in} {
		for i := range list {
			if list[i].other == id {
				list[i].otherKey = key
			}
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
	m.names.remove(n.actor)
	delete(m.actors, id)
	delete(m.unsorted, n)
}

func (m *memory) indexActor(n *node) {
	it := actorItem{n.key, n.actor.ID}
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
	it := actorItem{n.key, n.actor.ID}
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
			ids = append(ids, it.id)
			return true
		})
	}
	return ids
}

// putRelation adds a relation or replaces the one with its id; both of its
// actors exist.
func (m *memory) putRelation(r *store.Relation) {
	if old := m.relations[r.ID]; old != nil {
		m.removeRelation(r.ID)
	}
	m.relations[r.ID] = r
	from, to := m.actors[r.From], m.actors[r.To]
	from.insert(&from.out, adj{rel: r, other: r.To, otherKey: to.key}, !m.bulk)
	to.insert(&to.in, adj{rel: r, other: r.From, otherKey: from.key}, !m.bulk)
	from.edges = append(from.edges, traverse.Edge{RelationID: r.ID, Type: r.Type, Other: r.To, Out: true})
	to.edges = append(to.edges, traverse.Edge{RelationID: r.ID, Type: r.Type, Other: r.From, Out: false})
	if m.bulk {
		m.unsorted[from] = struct{}{}
		m.unsorted[to] = struct{}{}
	}
}

// insert adds e to a list, in order when sorted is set, else at the end
// for a later sort.
func (n *node) insert(list *[]adj, e adj, sorted bool) {
	if !sorted {
		*list = append(*list, e)
		return
	}
	i, _ := slices.BinarySearchFunc(*list, e, compareAdj)
	*list = slices.Insert(*list, i, e)
}

func (m *memory) removeRelation(id string) {
	r := m.relations[id]
	if r == nil {
		return
	}
	delete(m.relations, id)
	for _, end := range []struct {
		id  string
		out bool
	}{{r.From, true}, {r.To, false}} {
		n := m.actors[end.id]
		if n == nil {
			continue
		}
		if end.out {
			n.out = removeAdj(n.out, id)
		} else {
			n.in = removeAdj(n.in, id)
		}
		n.edges = slices.DeleteFunc(n.edges, func(e traverse.Edge) bool { return e.RelationID == id })
	}
}

func removeAdj(list []adj, relID string) []adj {
	return slices.DeleteFunc(list, func(e adj) bool { return e.rel.ID == relID })
}

// settle sorts the adjacency lists that bulk loads and renames left out
// of order; every write calls it before readers may look.
func (m *memory) settle() {
	for n := range m.unsorted {
		slices.SortFunc(n.out, compareAdj)
		slices.SortFunc(n.in, compareAdj)
	}
	clear(m.unsorted)
	m.bulk = false
}

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

// SortKey returns the actor's sort key.
func (m *memory) SortKey(id string) string {
	if n := m.actors[id]; n != nil {
		return n.key
	}
	return ""
}

var _ traverse.Graph = (*memory)(nil)
