package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// The seven actor types share these resolvers; each type's generated
// resolver method only forwards to them.

// country resolves an actor's home country through the request's loader.
func country(ctx context.Context, a *store.Actor) (*model.Country, error) {
	if a.CountryID == "" {
		return nil, nil
	}
	c, err := actorLoad(ctx, a.CountryID)
	if err != nil || c == nil {
		return nil, err
	}
	m, _ := model.NewActor(c).(*model.Country)
	return m, nil
}

// relations resolves one page of an actor's relations, with the pages of
// the other actors of a list in one batch (relationsLoad); the far ends
// come with it: each edge keeps its own for RelationEdge.other, and whole
// ones prime the request's actor loader as well.
func (r *Resolver) relations(ctx context.Context, a *store.Actor, direction *model.Direction, types []model.RelationType, first *int, after *string) (*model.RelationConnection, error) {
	f, p, err := relationsArgs(direction, types, first, after)
	if err != nil {
		return nil, err
	}
	if fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx); fc != nil && oc != nil {
		relationPageSkip(oc, fc.Field.Selections, &p)
	}
	page, err := relationsLoad(ctx, r.Store, a.ID, f, p)
	if err != nil {
		return nil, err
	}
	conn := &model.RelationConnection{
		Edges:      make([]model.RelationEdge, len(page.Edges)),
		PageInfo:   &model.PageInfo{HasNextPage: page.HasNext},
		TotalCount: page.Total,
	}
	for i, e := range page.Edges {
		if e.OtherActor != nil && p.Skip == 0 {
			loadersFrom(ctx).actors.Prime(e.Other, e.OtherActor)
		}
		conn.Edges[i] = model.RelationEdge{
			Cursor:    e.Cursor,
			Node:      model.NewRelation(e.Relation),
			Direction: model.Direction(e.Direction),
			OtherID:   e.Other,
			Other:     e.OtherActor,
		}
	}
	if n := len(page.Edges); n > 0 {
		conn.PageInfo.StartCursor = &page.Edges[0].Cursor
		conn.PageInfo.EndCursor = &page.Edges[n-1].Cursor
	}
	if after != nil && *after != "" {
		conn.PageInfo.Previous = func(ctx context.Context) (bool, error) {
			head, err := relationsLoad(ctx, r.Store, a.ID, f, store.Page{First: 1})
			if err != nil || len(head.Edges) == 0 {
				return false, err
			}
			return somethingBefore(head.Edges[0].Cursor, conn.PageInfo.StartCursor), nil
		}
	}
	return conn, nil
}

// mustActor loads an actor that a relation names; a relation never
// outlives its actors, so a miss is an internal error.
func mustActor(ctx context.Context, id string) (model.Actor, error) {
	a, err := actorLoad(ctx, id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, &store.NotFoundError{What: "actor", ID: id}
	}
	return model.NewActor(a), nil
}

// somethingBefore reports whether a page asked for with after has items
// before it, given the cursor of the list's first item (head) and the
// page's start cursor. The page holds what follows after in the list's
// order, so an item lies before it unless the list begins with the page
// itself; an empty page past the end has everything before it. Cursors
// are keyset encodings, the same for the same item, so equality suffices.
func somethingBefore(head string, start *string) bool {
	return start == nil || *start != head
}
