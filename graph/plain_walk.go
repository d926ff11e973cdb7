package graph

import (
	"context"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// Walks answered from the store's values (issue 14, fourth pass). A
// neighbourhood or shortest path with a plain selection (plain.go) was
// resolved into model values, an interface value and a copy of the
// fields for each actor, a relation value with its ends for each
// relation, and only then written: for a 2-hop neighbourhood 75 KB and a
// fifth of the request's CPU, for values that are written once and
// dropped. Here the field middleware runs the walk itself, with the
// arguments read as the resolver reads them (neighborhoodQuery,
// pathQuery), and the answer is written straight from the store's actors
// and relations. Whatever the resolver would answer otherwise (an error,
// no path) is answered the same; an answer whose relation ends are not
// all among its actors, or with an actor missing, is mapped into model
// values as the resolver maps it and left to gqlgen.

// plainWalk answers the root field fc, when it is a walk with a plain
// selection, and says whether it did.
func plainWalk(ctx context.Context, r store.Reader, fc *graphql.FieldContext) (res any, done bool, err error) {
	var typ string
	switch fc.Field.Name {
	case "neighborhood":
		typ = "Subgraph"
	case "shortestPath":
		typ = "Path"
	default:
		return nil, false, nil
	}
	fields, ok := plainSelection(fc.Field.Selections, typ)
	if !ok {
		return nil, false, nil
	}
	// gqlgen sets every argument, typed, defaults included; anything else
	// is left to the resolver and gqlgen.
	types, ok1 := fc.Args["types"].([]model.RelationType)
	kinds, ok2 := fc.Args["kinds"].([]model.ActorKind)
	asOf, ok3 := fc.Args["asOf"].(*store.Date)
	if !ok1 || !ok2 || !ok3 {
		return nil, false, nil
	}
	if typ == "Subgraph" {
		id, ok1 := fc.Args["id"].(string)
		depth, ok2 := fc.Args["depth"].(*int)
		limit, ok3 := fc.Args["limit"].(*int)
		if !ok1 || !ok2 || !ok3 {
			return nil, false, nil
		}
		q, err := neighborhoodQuery(depth, types, kinds, limit, asOf)
		if err != nil {
			return nil, true, err
		}
		g, err := r.Neighborhood(ctx, id, q)
		if err != nil {
			return nil, true, err
		}
		ends, ok := walkEnds(fields, g.Actors, g.Relations)
		if !ok {
			actors := model.NewActors(g.Actors)
			return &model.Subgraph{Actors: actors, Relations: model.NewRelations(g.Relations, actors), Truncated: g.Truncated}, true, nil
		}
		return plainAnswer{fields: fields, value: g, ends: ends}, true, nil
	}
	from, ok1 := fc.Args["from"].(string)
	to, ok2 := fc.Args["to"].(string)
	maxLength, ok3 := fc.Args["maxLength"].(*int)
	if !ok1 || !ok2 || !ok3 {
		return nil, false, nil
	}
	q, err := pathQuery("shortestPath", types, kinds, maxLength, defaultShortestLength, asOf)
	if err != nil {
		return nil, true, err
	}
	p, err := r.ShortestPath(ctx, from, to, q)
	if err != nil || p == nil {
		return nil, true, err
	}
	ends, ok := walkEnds(fields, p.Actors, p.Relations)
	if !ok {
		path := newPath(*p)
		return &path, true, nil
	}
	return plainAnswer{fields: fields, value: p, ends: ends}, true, nil
}

// endsPool holds the maps from id to actor that walkEnds finds a walk's
// relation ends in.
var endsPool = sync.Pool{New: func() any { return make(map[string]*store.Actor, 256) }}

// walkEnds checks the actors and relations of a walk for a plain answer
// that selects fields: every actor there (as model.NewActor would map
// one), and when more than the id of a relation's from or to is
// selected, each relation's two ends among the actors, which it returns
// (from and to of relation i at 2i and 2i+1), as model.NewRelations
// would map them. A missing end would be looked up by gqlgen, so the
// answer is then not plain.
//
// An end of which only the id is selected is written from the
// relation's own from or to: the store gives the relations among a
// neighbourhood's actors and between a path's consecutive ones, so that
// is the id of the end model.NewRelations maps; and were an end not
// among them, gqlgen's lookup of it by that id would answer the same id,
// an actor being removed only once it has no relations. Looking the
// 1,600 ends of a 2-hop neighbourhood up in a map took a tenth of its
// CPU.
func walkEnds(fields []plainField, actors []*store.Actor, relations []*store.Relation) ([]*store.Actor, bool) {
	for _, a := range actors {
		if a == nil {
			return nil, false
		}
	}
	for _, r := range relations {
		if r == nil {
			return nil, false
		}
	}
	if warm(actors, relations) < 0 {
		return nil, false // never: warm sums lengths and bytes
	}
	if !endsRead(fields) {
		return nil, true
	}
	byID := endsPool.Get().(map[string]*store.Actor)
	defer func() {
		clear(byID)
		endsPool.Put(byID)
	}()
	for _, a := range actors {
		byID[a.ID] = a
	}
	ends := make([]*store.Actor, 2*len(relations))
	for i, r := range relations {
		from, to := byID[r.From], byID[r.To]
		if from == nil || to == nil {
			return nil, false
		}
		ends[2*i], ends[2*i+1] = from, to
	}
	return ends, true
}

// warm reads what the writer will read of a walk's actors and relations
// (their fields, then the first bytes of their ids, names and ends) in
// passes of loads that do not wait on one another, and returns a number
// made of them so that they are not left out. The store's values lie
// scattered over its heap, hundreds of megabytes: read one after the other
// as the answer is written, each actor or relation waited for a miss of
// the caches at each step, two fifths of a 2-hop request's CPU (issue 14,
// fifth pass); read here, many misses are under way at once.
func warm(actors []*store.Actor, relations []*store.Relation) int {
	n := 0
	for _, a := range actors {
		n += len(a.ID) + len(a.Name) + len(a.Kind)
	}
	for _, r := range relations {
		n += len(r.ID) + len(r.From) + len(r.To)
	}
	for _, a := range actors {
		n += int(first(a.ID)) + int(first(a.Name))
	}
	for _, r := range relations {
		n += int(first(r.ID)) + int(first(r.From)) + int(first(r.To))
	}
	return n
}

// first is s's first byte, or 0.
func first(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

func (w *plainWriter) storeSubgraph(fields []plainField, g *store.Subgraph, ends []*store.Actor) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Subgraph")
		case opTruncated:
			w.b = strconv.AppendBool(w.b, g.Truncated)
		case opActors:
			w.storeActors(f.sub, g.Actors)
		case opRelations:
			w.storeRelations(f.sub, g.Relations, ends)
		}
	})
}

func (w *plainWriter) storePath(fields []plainField, p *store.Path, ends []*store.Actor) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Path")
		case opLength:
			w.b = appendInt(w.b, len(p.Relations))
		case opActors:
			w.storeActors(f.sub, p.Actors)
		case opRelations:
			w.storeRelations(f.sub, p.Relations, ends)
		}
	})
}

func (w *plainWriter) storeActors(fields []plainField, as []*store.Actor) {
	writeList(w, as, func(a **store.Actor) { w.storeActor(fields, *a) })
}

// storeActor writes a store's actor as its model value (model.NewActor)
// is written.
func (w *plainWriter) storeActor(fields []plainField, a *store.Actor) {
	w.object(fields, func(p *plainField) { w.actorField(p, a) })
}

// actorField writes p of a store's actor when it is one of the fields
// every Actor has, and says whether it was.
func (w *plainWriter) actorField(p *plainField, a *store.Actor) bool {
	switch p.op {
	case opTypename:
		w.b = appendQuoted(w.b, typeOfKind(a.Kind))
	case opID:
		w.b = appendQuoted(w.b, a.ID)
	case opName:
		w.b = appendQuoted(w.b, a.Name)
	case opKind:
		w.b = appendEnum(w.b, string(a.Kind))
	default:
		return false
	}
	return true
}

// storeRelations writes a walk's relations, their ends (when selected)
// from ends, as walkEnds found them.
func (w *plainWriter) storeRelations(fields []plainField, rs []*store.Relation, ends []*store.Actor) {
	for i := range rs {
		if i == 0 {
			w.b = append(w.b, '[')
		} else {
			w.b = append(w.b, ',')
		}
		r := rs[i]
		w.object(fields, func(f *plainField) {
			switch f.op {
			case opFrom:
				w.storeEnd(f.sub, ends, 2*i, r.From)
			case opTo:
				w.storeEnd(f.sub, ends, 2*i+1, r.To)
			default:
				w.storeRelationField(f, r)
			}
		})
	}
	if len(rs) == 0 {
		w.b = append(w.b, '[')
	}
	w.b = append(w.b, ']')
}

// storeEnd writes a relation's end: ends[i], or, when walkEnds found no
// ends to look up (nothing but ids selected), id.
func (w *plainWriter) storeEnd(fields []plainField, ends []*store.Actor, i int, id string) {
	if ends != nil {
		w.storeActor(fields, ends[i])
		return
	}
	w.object(fields, func(*plainField) { w.b = appendQuoted(w.b, id) })
}

// endsRead reports whether fields select more of a relation's from or to
// than their ids.
func endsRead(fields []plainField) bool {
	for _, f := range fields {
		if f.op != opRelations {
			continue
		}
		for _, g := range f.sub {
			if g.op != opFrom && g.op != opTo {
				continue
			}
			for _, h := range g.sub {
				if h.op != opID {
					return true
				}
			}
		}
	}
	return false
}

// typeOfKind is the GraphQL type of an actor of kind k, as model.NewActor
// maps it and gqlgen names it.
func typeOfKind(k store.Kind) string {
	switch k {
	case store.KindCountry:
		return "Country"
	case store.KindUniversity:
		return "University"
	case store.KindStartup:
		return "Startup"
	case store.KindOrganization:
		return "Organization"
	case store.KindGovernmentBody:
		return "GovernmentBody"
	case store.KindEvent:
		return "Event"
	}
	return "Program"
}
