package embedded

import (
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/ecograph/ecograph/internal/store"
)

// change is one write, planned against memory before anything is written:
// what to delete and what to put, with the records already encoded.
type change struct {
	deleteRelations []string
	deleteActors    []string
	sources         []put[*store.Source]
	actors          []put[*store.Actor]
	relations       []put[*store.Relation]
}

// put is one record to write: the value for memory, and its id and
// encoding for the file.
type put[T any] struct {
	value T
	id    string
	rec   []byte
}

func (c *change) empty() bool {
	return c == nil || len(c.deleteRelations)+len(c.deleteActors)+len(c.sources)+len(c.actors)+len(c.relations) == 0
}

func (c *change) putSource(s *store.Source) {
	c.sources = append(c.sources, put[*store.Source]{s, s.ID, encodeSource(s)})
}

func (c *change) putActor(a *store.Actor) {
	c.actors = append(c.actors, put[*store.Actor]{a, a.ID, encodeActor(a)})
}

func (c *change) putRelation(r *store.Relation) {
	c.relations = append(c.relations, put[*store.Relation]{r, r.ID, encodeRelation(r)})
}

// write writes the change in the bbolt transaction tx.
func (c *change) write(tx *bolt.Tx) error {
	for _, d := range []struct {
		bucket []byte
		ids    []string
	}{{bucketRelations, c.deleteRelations}, {bucketActors, c.deleteActors}} {
		b := tx.Bucket(d.bucket)
		for _, id := range d.ids {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
	}
	if err := putAll(tx.Bucket(bucketSources), c.sources); err != nil {
		return err
	}
	if err := putAll(tx.Bucket(bucketActors), c.actors); err != nil {
		return err
	}
	return putAll(tx.Bucket(bucketRelations), c.relations)
}

// putAll puts records in the order of their keys, which keeps a large
// load's pages full.
func putAll[T any](b *bolt.Bucket, puts []put[T]) error {
	slices.SortFunc(puts, func(x, y put[T]) int { return strings.Compare(x.id, y.id) })
	if len(puts) > 1000 {
		b.FillPercent = 0.9
	}
	for _, p := range puts {
		if err := b.Put([]byte(p.id), p.rec); err != nil {
			return err
		}
	}
	return nil
}

// bulkThreshold is the number of new relations past which apply appends
// to adjacency lists and sorts them once, rather than inserting in order.
const bulkThreshold = 64

// apply makes the committed change in memory.
func (c *change) apply(m *memory) {
	m.version++
	for _, id := range c.deleteRelations {
		m.removeRelation(id)
	}
	for _, id := range c.deleteActors {
		m.removeActor(id)
	}
	for _, p := range c.sources {
		m.putSource(p.value)
	}
	m.reserve(len(c.actors), len(c.relations))
	m.bulk = len(c.relations) > bulkThreshold
	for _, p := range c.actors {
		m.putActor(p.value)
	}
	for _, p := range c.relations {
		m.putRelation(p.value)
	}
}
