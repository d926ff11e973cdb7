package embedded

import (
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/ecograph/ecograph/internal/store"
)

// change is one write, planned against memory before anything is written:
// what to delete and what to put, with the records already encoded.
type change struct {
	deleteRelations []string
	deleteActors    []string
	sources         []*store.Source
	actors          []*store.Actor
	relations       []*store.Relation
	records         map[string][]byte // id → encoded record of what is put
}

func (c *change) empty() bool {
	return c == nil || len(c.deleteRelations)+len(c.deleteActors)+len(c.sources)+len(c.actors)+len(c.relations) == 0
}

func (c *change) record(id string, b []byte) {
	if c.records == nil {
		c.records = map[string][]byte{}
	}
	c.records[id] = b
}

func (c *change) putSource(s *store.Source) {
	c.sources = append(c.sources, s)
	c.record(s.ID, encodeSource(s))
}

func (c *change) putActor(a *store.Actor) {
	c.actors = append(c.actors, a)
	c.record(a.ID, encodeActor(a))
}

func (c *change) putRelation(r *store.Relation) {
	c.relations = append(c.relations, r)
	c.record(r.ID, encodeRelation(r))
}

// put writes the change in the bbolt transaction tx. Keys go in in order,
// which keeps a large load's pages full.
func (c *change) put(tx *bolt.Tx) error {
	del := func(bucket []byte, ids []string) error {
		b := tx.Bucket(bucket)
		for _, id := range ids {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := del(bucketRelations, c.deleteRelations); err != nil {
		return err
	}
	if err := del(bucketActors, c.deleteActors); err != nil {
		return err
	}
	for _, p := range []struct {
		bucket []byte
		ids    []string
	}{
		{bucketSources, ids(c.sources, func(s *store.Source) string { return s.ID })},
		{bucketActors, ids(c.actors, func(a *store.Actor) string { return a.ID })},
		{bucketRelations, ids(c.relations, func(r *store.Relation) string { return r.ID })},
	} {
		b := tx.Bucket(p.bucket)
		if len(p.ids) > 1000 {
			b.FillPercent = 0.9
		}
		for _, id := range p.ids {
			if err := b.Put([]byte(id), c.records[id]); err != nil {
				return err
			}
		}
	}
	return nil
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bulkThreshold is the number of new relations past which apply appends
// to adjacency lists and sorts them once, rather than inserting in order.
const bulkThreshold = 64

// apply makes the committed change in memory.
func (c *change) apply(m *memory) {
	for _, id := range c.deleteRelations {
		m.removeRelation(id)
	}
	for _, id := range c.deleteActors {
		m.removeActor(id)
	}
	for _, s := range c.sources {
		m.putSource(s)
	}
	m.bulk = len(c.relations) > bulkThreshold
	for _, a := range c.actors {
		m.putActor(a)
	}
	for _, r := range c.relations {
		m.putRelation(r)
	}
}
