package graph

import (
	"context"
	"errors"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// nodes looks ids up the way node does, in batches: every id through the
// request's actor loader at once, those that name no actor through the
// source loader at once, and only what is left as relations, one by one
// (no store reads relations in a batch). The answer keeps the order of
// ids, with nil where an id names nothing.
func (r *queryResolver) nodes(ctx context.Context, ids []string) ([]model.Node, error) {
	out := make([]model.Node, len(ids))
	l := loadersFrom(ctx)
	actors, err := l.actors.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	var rest []int
	for i, a := range actors {
		if a != nil {
			out[i] = model.NewActor(a)
		} else {
			rest = append(rest, i)
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	restIDs := make([]string, len(rest))
	for j, i := range rest {
		restIDs[j] = ids[i]
	}
	sources, err := l.sources.LoadAll(ctx, restIDs)
	if err != nil {
		return nil, err
	}
	for j, i := range rest {
		if sources[j] != nil {
			out[i] = model.NewSource(sources[j])
			continue
		}
		rel, err := r.Store.Relation(ctx, ids[i])
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[i] = model.NewRelation(rel)
	}
	return out, nil
}
