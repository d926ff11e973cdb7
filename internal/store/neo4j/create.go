package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// Create writes new records in one transaction (store.Writer.Create): one
// lookup of every id the records name, the checks of store.PlanCreate,
// then a statement per kind of actor and type of relation, as Load
// writes them. Many records cost about what one does: the transaction,
// not the record, is what takes a write's time.
func (s *Store) Create(ctx context.Context, in store.Dataset) (*store.Dataset, error) {
	return write(ctx, s, func(tx neo4j.ManagedTransaction, cs *changes) (*store.Dataset, error) {
		d := in.Clone()
		gen := store.NewIDs(&d)
		k, err := lookup(ctx, tx, d.IDs())
		if err != nil {
			return nil, err
		}
		// A new id that is taken already (a chance in 2^32) is made again.
		for _, g := range gen {
			if k.Holder(*g.ID) != "" {
				if *g.ID, err = freshID(ctx, tx, g.From); err != nil {
					return nil, err
				}
			}
		}
		p, err := store.PlanCreate(d, k)
		if err != nil {
			return nil, err
		}
		out := p.Created(d)
		sources := make([]*store.Source, 0, len(p.Sources))
		for _, src := range p.Sources {
			sources = append(sources, src)
		}
		var rows []any
		for _, src := range sortedByID(sources, func(s *store.Source) string { return s.ID }) {
			rows = append(rows, sourceProps(src))
			cs.source(store.Created, src)
		}
		for chunk := range slices.Chunk(rows, batchSize) {
			if _, err := runRows(ctx, tx, putSourcesQuery, chunk); err != nil {
				return nil, err
			}
		}
		actors := make([]*store.Actor, 0, len(p.Actors))
		for _, a := range p.Actors {
			actors = append(actors, a)
		}
		for _, a := range sortedByID(actors, func(a *store.Actor) string { return a.ID }) {
			cs.actor(store.Created, a)
		}
		if err := putActors(ctx, tx, actors); err != nil {
			return nil, err
		}
		rels := make([]*store.Relation, 0, len(p.Relations))
		for _, r := range p.Relations {
			rels = append(rels, r)
		}
		for _, r := range sortedByID(rels, func(r *store.Relation) string { return r.ID }) {
			cs.relation(store.Created, r)
		}
		return out, putRelations(ctx, tx, rels)
	})
}
