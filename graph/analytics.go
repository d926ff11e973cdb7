package graph

import (
	"context"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
)

// view checks the kinds asked for and returns the network as of asOf.
func (r *queryResolver) view(ctx context.Context, kinds []model.ActorKind, asOf *store.Date) (*analytics.View, error) {
	if _, err := store.CheckKinds(storeKinds(kinds)); err != nil {
		return nil, err
	}
	return r.Analytics.View(ctx, dayOf(asOf))
}

// actorsAt reads the actors at indexes of net, in order; nil for one
// deleted since the network was read.
func (r *queryResolver) actorsAt(ctx context.Context, net *analytics.Network, indexes []int32) ([]*store.Actor, error) {
	ids := make([]string, len(indexes))
	for i, at := range indexes {
		ids[i] = net.Actors[at].ID
	}
	return r.Store.ActorsByID(ctx, ids)
}

// withActors reads the actor of each item (at says where it is in the
// view's network) and makes the answer of each, in order, leaving out an
// item whose actor was deleted since the network was read.
func withActors[T, M any](ctx context.Context, r *queryResolver, v *analytics.View, items []T, at func(T) int32, answer func(model.Actor, T) M) ([]M, error) {
	indexes := make([]int32, len(items))
	for i, it := range items {
		indexes[i] = at(it)
	}
	actors, err := r.actorsAt(ctx, v.Network(), indexes)
	if err != nil {
		return nil, err
	}
	out := make([]M, 0, len(items))
	for i, it := range items {
		if actors[i] != nil {
			out = append(out, answer(model.NewActor(actors[i]), it))
		}
	}
	return out, nil
}

// present drops the nils from actors.
func present(actors []*store.Actor) []*store.Actor {
	out := actors[:0]
	for _, a := range actors {
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// measureOf is the analytics measure a CentralityMeasure names.
func measureOf(m model.CentralityMeasure) (analytics.Measure, error) {
	switch m {
	case model.CentralityMeasureDegree:
		return analytics.Degree, nil
	case model.CentralityMeasureBetweenness:
		return analytics.Betweenness, nil
	case model.CentralityMeasurePagerank:
		return analytics.PageRank, nil
	}
	return 0, store.Invalid("measure", "%q is not a centrality measure", m)
}

// pageAfter is what follows the item whose id is after in items (all of
// them when after is nil): the timeline and a community's members page
// by the id of the last item a client has.
func pageAfter[T any](items []T, after *string, id func(T) string) ([]T, error) {
	if after == nil {
		return items, nil
	}
	for i, it := range items {
		if id(it) == *after {
			return items[i+1:], nil
		}
	}
	return nil, store.Invalid("after", "%q is not in this list: pass the id of the last item of the previous page", *after)
}

// pathSearch serves paths and pathSearch (field names which), with their
// bounds.
func (r *queryResolver) pathSearch(ctx context.Context, field, from, to string, types []model.RelationType, kinds []model.ActorKind, maxLength, first *int, asOf *store.Date) (*model.PathSearch, error) {
	q, err := pathQuery(field, types, kinds, maxLength, defaultPathsLength, asOf)
	if err != nil {
		return nil, err
	}
	n, err := intArg(field, "first", first, defaultPathsFirst)
	if err != nil {
		return nil, err
	}
	ps, truncated, err := r.Store.Paths(ctx, from, to, q, n)
	if err != nil {
		return nil, err
	}
	out := make([]model.Path, len(ps))
	for i, p := range ps {
		out[i] = newPath(p)
	}
	return &model.PathSearch{Paths: out, Truncated: truncated}, nil
}
