package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// Plain answers with relations (issue 14): a page of actors, or an actor,
// whose selection asks for a page of each actor's relations, such as the
// first 10 FOUNDED relations of 20 universities. gqlgen would resolve the
// relations field of each actor in a goroutine of its own, gathered into
// one store call by the request's loader after it waits a moment for
// them all; here the pages are read in one store call for all the actors
// (or taken from the page read with the actor, actorWithRelations) before
// the answer is written in one pass. One level of relations only: the far
// ends' own relations are left to gqlgen.

// readPlainPages reads the relation pages that fields select of the
// actors of v (an actor or a page of actors) into the fields, and says
// whether the answer can be written here: false when an argument is one
// that only the resolver reads, when the store refuses (gqlgen then meets
// the same refusal and reports it on its field) or when a page lacks what
// gqlgen would look up.
func readPlainPages(ctx context.Context, r store.Reader, fields []plainField, v any) bool {
	var actors []model.Actor
	var selections []plainField
	switch v := v.(type) {
	case model.Actor:
		actors, selections = []model.Actor{v}, fields
	case *model.ActorConnection:
		for _, f := range fields {
			if f.op != opEdges {
				continue
			}
			for _, g := range f.sub {
				if g.op == opNode && selects(g.sub, opActorRelations) {
					selections = g.sub
				}
			}
		}
		if selections == nil {
			return true
		}
		for i := range v.Edges {
			actors = append(actors, v.Edges[i].Node)
		}
	default:
		return true
	}
	for i := range selections {
		if selections[i].op == opActorRelations && !readPlainPage(ctx, r, &selections[i], actors) {
			return false
		}
	}
	return true
}

// readPlainPage reads the page that f, an actor's relations field, asks
// of each of actors.
func readPlainPage(ctx context.Context, r store.Reader, f *plainField, actors []model.Actor) bool {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil {
		return false
	}
	filter, page, err := relationsArgsOf(f.field.ArgumentMap(oc.Variables))
	if err != nil {
		return false
	}
	if page.After != "" && selectsPrevious(f.sub) {
		return false // hasPreviousPage costs a store call of its own
	}
	relationPageSkip(oc, f.field.SelectionSet, &page)
	f.pages = make(map[string]*store.RelationPage, len(actors))
	l := loadersFrom(ctx)
	var rest []string
	for _, a := range actors {
		id := fieldsOf(a).ID
		if _, ok := f.pages[id]; ok {
			continue
		}
		if p, ok := l.ahead.Load(keyOf(id, filter, page)); ok {
			f.pages[id] = p.(*store.RelationPage)
			continue
		}
		f.pages[id] = nil
		rest = append(rest, id)
	}
	if len(rest) > 0 {
		pages, err := r.RelationsOf(ctx, rest, filter, page)
		if err != nil {
			return false
		}
		for i, id := range rest {
			f.pages[id] = pages[i]
		}
	}
	others := selectsEdge(f.sub, opOther)
	for _, p := range f.pages {
		if p == nil {
			return false // no such actor: the resolver says so
		}
		for i := range p.Edges {
			if others && p.Edges[i].OtherActor == nil {
				return false
			}
		}
	}
	return true
}

// selectsPrevious reports whether a connection's fields select
// pageInfo.hasPreviousPage.
func selectsPrevious(fields []plainField) bool {
	for _, f := range fields {
		if f.op == opPageInfo && selects(f.sub, opHasPrevious) {
			return true
		}
	}
	return false
}

// selectsEdge reports whether a connection's fields select op of its edges.
func selectsEdge(fields []plainField, op plainOp) bool {
	for _, f := range fields {
		if f.op == opEdges && selects(f.sub, op) {
			return true
		}
	}
	return false
}

// relationConnection writes a page of an actor's relations as the
// relations resolver (actors.go) makes it.
func (w *plainWriter) relationConnection(fields []plainField, p *store.RelationPage) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "RelationConnection")
		case opTotalCount:
			w.b = appendInt(w.b, p.Total)
		case opPageInfo:
			info := &model.PageInfo{HasNextPage: p.HasNext}
			if n := len(p.Edges); n > 0 {
				info.StartCursor, info.EndCursor = &p.Edges[0].Cursor, &p.Edges[n-1].Cursor
			}
			w.pageInfo(f.sub, info)
		case opEdges:
			writeList(w, p.Edges, func(e *store.RelationEdge) { w.relationEdge(f.sub, e) })
		}
	})
}

func (w *plainWriter) relationEdge(fields []plainField, e *store.RelationEdge) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "RelationEdge")
		case opCursor:
			w.b = appendQuoted(w.b, e.Cursor)
		case opDirection:
			w.b = appendEnum(w.b, string(e.Direction))
		case opNode:
			w.edgeRelation(f.sub, e.Relation)
		case opOther:
			w.storeActor(f.sub, e.OtherActor)
		}
	})
}

func (w *plainWriter) edgeRelation(fields []plainField, r *store.Relation) {
	w.object(fields, func(f *plainField) { w.storeRelationField(f, r) })
}

// storeRelationField writes f of a store's relation when it is one of the
// relation's own fields (not an end), and says whether it was.
func (w *plainWriter) storeRelationField(f *plainField, r *store.Relation) bool {
	switch f.op {
	case opTypename:
		w.b = appendQuoted(w.b, "Relation")
	case opID:
		w.b = appendQuoted(w.b, r.ID)
	case opType:
		w.b = appendEnum(w.b, string(r.Type))
	case opFromID:
		w.b = appendQuoted(w.b, r.From)
	case opToID:
		w.b = appendQuoted(w.b, r.To)
	case opSince:
		model.MarshalDate(r.Since).MarshalGQL(appender{&w.b})
	case opUntil:
		model.MarshalDate(r.Until).MarshalGQL(appender{&w.b})
	default:
		return false
	}
	return true
}

// appender is an io.Writer that appends to a byte slice, for the
// scalars' own MarshalGQL.
type appender struct{ b *[]byte }

func (a appender) Write(p []byte) (int, error) {
	*a.b = append(*a.b, p...)
	return len(p), nil
}
