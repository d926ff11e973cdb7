package graph

import (
	"context"
	"encoding/json"
	"errors"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// actorTypes are the types a selection on an actor may name in its
// fragments: the interfaces and every kind's type.
var actorTypes = []string{"Node", "Actor", "Country", "University", "Startup", "Organization", "GovernmentBody", "Event", "Program"}

// relationsArgs is what the relations field's arguments ask of the store.
func relationsArgs(direction *model.Direction, types []model.RelationType, first *int, after *string) (store.RelationFilter, store.Page, error) {
	f := store.RelationFilter{Direction: store.Both, Types: storeTypes(types)}
	if direction != nil {
		f.Direction = store.Direction(*direction)
	}
	n, err := intArg("relations", "first", first, defaultFirst)
	if err != nil {
		return f, store.Page{}, err
	}
	return f, store.Page{First: n, After: stringOr(after)}, nil
}

// relationsAhead looks into the selection of the actor field being
// resolved for the page of relations it asks of the actor, so that the
// actor and its page are read together (actorWithRelations). ok is false
// when the selection asks for no page, for pages with different
// arguments, or for one with arguments the relations resolver refuses.
func relationsAhead(ctx context.Context) (store.RelationFilter, store.Page, bool) {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil {
		return store.RelationFilter{}, store.Page{}, false
	}
	return relationsIn(oc, []ast.SelectionSet{fc.Field.Selections}, actorSkip(oc, fc.Field.Selections, nil))
}

// relationsIn is the one page of relations that sels, selections of an
// actor, ask for (with owner as its SkipOwner), as relationsAhead.
func relationsIn(oc *graphql.OperationContext, sels []ast.SelectionSet, owner store.ActorParts) (store.RelationFilter, store.Page, bool) {
	var f store.RelationFilter
	var p store.Page
	found := false
	for _, sel := range sels {
		for _, field := range graphql.CollectFields(oc, sel, actorTypes) {
			if field.Name != "relations" {
				continue
			}
			ff, fp, err := relationsArgsOf(field.ArgumentMap(oc.Variables))
			relationPageSkip(oc, field.Selections, &fp)
			fp.SkipOwner = owner
			if err != nil || found && !sameRelations(f, p, ff, fp) {
				return f, p, false
			}
			f, p, found = ff, fp, true
		}
	}
	return f, p, found
}

func sameRelations(f store.RelationFilter, p store.Page, g store.RelationFilter, q store.Page) bool {
	return keyOf("", f, p) == keyOf("", g, q)
}

// errArgs: an argument relationsArgsOf does not know how to read; the
// resolver, which gets it coerced, reads it then.
var errArgs = errors.New("an argument not read ahead")

// relationsArgsOf reads the relations field's arguments as the query
// gives them (literals and variables, defaults filled in) into what
// relationsArgs makes of them after gqlgen's coercion.
func relationsArgsOf(args map[string]any) (store.RelationFilter, store.Page, error) {
	var direction *model.Direction
	if v, ok := args["direction"]; ok && v != nil {
		s, ok := v.(string)
		if !ok {
			return store.RelationFilter{}, store.Page{}, errArgs
		}
		d := model.Direction(s)
		direction = &d
	}
	var types []model.RelationType
	switch v := args["types"].(type) {
	case nil:
	case string: // a single value for a list
		types = []model.RelationType{model.RelationType(v)}
	case []string: // a variable, coerced
		for _, t := range v {
			types = append(types, model.RelationType(t))
		}
	case []any:
		for _, t := range v {
			s, ok := t.(string)
			if !ok {
				return store.RelationFilter{}, store.Page{}, errArgs
			}
			types = append(types, model.RelationType(s))
		}
	default:
		return store.RelationFilter{}, store.Page{}, errArgs
	}
	var first *int
	if v, ok := args["first"]; ok && v != nil {
		n, ok := intValue(v)
		if !ok {
			return store.RelationFilter{}, store.Page{}, errArgs
		}
		first = &n
	}
	var after *string
	if v, ok := args["after"]; ok && v != nil {
		s, ok := v.(string)
		if !ok {
			return store.RelationFilter{}, store.Page{}, errArgs
		}
		after = &s
	}
	return relationsArgs(direction, types, first, after)
}

// intValue reads an Int argument as a literal or a variable may hold it.
func intValue(v any) (int, bool) {
	var n int64
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		n = v
	case json.Number:
		var err error
		if n, err = v.Int64(); err != nil {
			return 0, false
		}
	case float64:
		if v != math.Trunc(v) || math.Abs(v) > math.MaxInt32 {
			return 0, false
		}
		n = int64(v)
	default:
		return 0, false
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}

// actorWithRelations reads actor id with the page of relations that the
// query asks of it, in one store call, and keeps the page for the
// relations resolver. It returns nil for an id that names no actor.
func actorWithRelations(ctx context.Context, r store.Reader, id string, f store.RelationFilter, p store.Page) (*store.Actor, error) {
	pages, err := r.RelationsOf(ctx, []string{id}, f, p)
	switch {
	case err != nil:
		// The relations resolver meets the error again, and reports it
		// on its field; the actor is read alone.
	case pages[0] == nil:
		return nil, nil
	case pages[0].Actor != nil:
		// Kept as the relations resolver asks for it, which does not
		// read the actor (relationPageSkip).
		p.SkipOwner = store.AllActorParts
		loadersFrom(ctx).ahead.Store(keyOf(id, f, p), pages[0])
		return pages[0].Actor, nil
	}
	a, err := r.Actor(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return a, err
}

// actorsWithRelations reads a page of actors, and with it, when the
// field being resolved (a list of actors) asks the same page of relations
// of each of its actors, each actor's page (store.Page.Relations): the
// nested list is then one store call, one Cypher statement on Neo4j. The
// pages are kept for the relations resolver and the plain answer
// (plainpages.go), which find them as they find actorWithRelations's; a
// store that leaves them to RelationsOf answers as before.
func actorsWithRelations(ctx context.Context, r store.Reader, f store.ActorFilter, p store.Page) (*store.ActorPage, error) {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil {
		return r.Actors(ctx, f, p)
	}
	rf, rp, ok := relationsIn(oc, selectionsAt(oc, fc.Field.Selections, actorsOfConnection), store.AllActorParts)
	if !ok {
		return r.Actors(ctx, f, p)
	}
	q := p
	q.Relations = &store.NestedRelations{Filter: rf, Page: rp}
	page, err := r.Actors(ctx, f, q)
	if _, invalid := errors.AsType[*store.InvalidError](err); invalid {
		// Maybe the relations' arguments (a cursor, a direction): the
		// page of actors is read alone, and the relations resolver meets
		// the error again and reports it on its field.
		return r.Actors(ctx, f, p)
	}
	if err != nil || page.Relations == nil {
		return page, err
	}
	l := loadersFrom(ctx)
	for i, a := range page.Actors {
		l.ahead.Store(keyOf(a.ID, rf, rp), page.Relations[i])
	}
	return page, nil
}

// selectsField reports whether the field being resolved, whose value is of
// type typ, has field name in its selection: asked for directly, in a
// fragment on typ, and not skipped by @skip or @include.
func selectsField(ctx context.Context, typ, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{typ}) {
		if f.Name == name {
			return true
		}
	}
	return false
}
