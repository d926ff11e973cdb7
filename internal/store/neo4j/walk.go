package neo4j

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// The path walks and common neighbours are internal/traverse's, as in the
// embedded store, so that both stores give the same answers; here they
// read the graph through view, which fetches the relations of a whole
// layer of actors in one query when a walk announces it
// (traverse.Prefetcher). A walk runs in one read transaction. The
// neighbourhood is one statement of its own (hood.go), and so is the
// shortest path, but for pairs with very many shortest paths (shortest.go).

// view is the part of the graph a walk has read, over one transaction.
type view struct {
	ctx     context.Context
	tx      neo4j.ManagedTransaction
	pattern string // the relation types followed
	// degrees: count the relations of the actors met, for
	// walkShortestPath to choose which side to widen without reading both.
	degrees bool
	// dated: read the dates that say when each relation is in the
	// network, which only a walk as of a day needs.
	dated  bool
	edges  map[string][]traverse.Edge
	degree map[string]int // of the actors met at the far end of an edge
	kind   map[string]store.Kind
	// err is the first failure: a query's, or the context's end, which
	// watch tells the walk about (traverse.Stopper).
	err   error
	watch *store.Watch
}

func newView(ctx context.Context, tx neo4j.ManagedTransaction, types []store.RelationType, asOf *store.Day) *view {
	pattern := allTypes
	if types != nil {
		pattern = typePattern(types)
	}
	return &view{ctx: ctx, tx: tx, pattern: pattern, dated: asOf != nil, edges: map[string][]traverse.Edge{}, degree: map[string]int{}, kind: map[string]store.Kind{}, watch: store.NewWatch(ctx)}
}

// Prefetch reads the followed relations of the actors not read yet, with
// the kind and sort key of the actors at their far ends.
func (v *view) Prefetch(ids []string) {
	var missing []string
	for _, id := range ids {
		if _, ok := v.edges[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 || v.err != nil {
		return
	}
	// Each edge is a list, read by the hundred thousand on a walk through
	// hubs: [relation id, type, far end's id, whether the relation is
	// out, far end's kind, far end's sort key], then the far end's degree
	// when counted, then the dates when dated. Types and kinds go as their
	// index in store.RelationTypes and store.Kinds: small numbers cost Go
	// no allocation where strings cost two each.
	item := "r.id, $typeIndex[type(r)], b.id, startNode(r) = a, $kindIndex[b.kind], b.sortKey"
	if v.degrees {
		item += ", " + v.degreeOf()
	}
	if v.dated {
		item += ", r.since, r.until, b.startDate, b.founded"
	}
	recs, err := rows(v.ctx, v.tx, "UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) "+
		"RETURN id, a.kind, a.startDate, a.founded, COLLECT { MATCH (a)-[r:"+v.pattern+"]-(b:Actor) "+
		"RETURN ["+item+"] } AS edges", map[string]any{"ids": missing, "typeIndex": typeIndex, "kindIndex": kindIndex})
	if err != nil {
		v.err = err
		return
	}
	width := 6
	if v.degrees {
		width++
	}
	dates := width
	if v.dated {
		width += 4
	}
	for _, id := range missing {
		v.edges[id] = nil // an id that names no actor has no relations
	}
	for _, rec := range recs {
		id := asString(rec.Values[0])
		kind := store.Kind(asString(rec.Values[1]))
		v.kind[id] = kind
		begins := beginsOf(kind, rec.Values[2], rec.Values[3])
		list, _ := rec.Values[4].([]any)
		edges := make([]traverse.Edge, 0, len(list))
		for _, item := range list {
			e, _ := item.([]any)
			if len(e) != width || asString(e[0]) == "" || asString(e[2]) == "" {
				continue // deleted while the walk read it
			}
			t, k := asInt(e[1]), asInt(e[4])
			if t < 0 || t >= len(store.RelationTypes) || k < 0 || k >= len(store.Kinds) {
				continue
			}
			other, otherKind := asString(e[2]), store.Kinds[k]
			edge := traverse.Edge{RelationID: asString(e[0]), Type: store.RelationTypes[t], Other: other, OtherKey: asString(e[5]), Out: asBool(e[3])}
			if v.dated {
				edge.Span = store.RelationSpan(parsedDate(e[dates]), parsedDate(e[dates+1]), begins, beginsOf(otherKind, e[dates+2], e[dates+3]))
			} else {
				edge.Span = store.RelationSpan(store.Date{}, store.Date{}, begins, beginsOf(otherKind, nil, nil))
			}
			edges = append(edges, edge)
			v.kind[other] = otherKind
			if v.degrees {
				v.degree[other] = asInt(e[6])
			}
		}
		v.edges[id] = edges
	}
}

// typeIndex and kindIndex number the relation types and actor kinds as
// store.RelationTypes and store.Kinds list them, for the walks' queries.
var typeIndex, kindIndex = func() (map[string]any, map[string]any) {
	ts, ks := map[string]any{}, map[string]any{}
	for i, t := range store.RelationTypes {
		ts[string(t)] = i
	}
	for i, k := range store.Kinds {
		ks[string(k)] = i
	}
	return ts, ks
}()

// degreeOf is the Cypher expression for how many followed relations the
// far end b has. Following every type, that is all of b's relations but
// its names and search terms, two look-ups of its degree; else a look-up
// per type and direction.
func (v *view) degreeOf() string {
	if v.pattern == allTypes {
		return "COUNT { (b)--() } - COUNT { (b)-[:NAMED|TERM]-() }"
	}
	return "COUNT { (b)-[:" + v.pattern + "]-() }"
}

// beginsOf is store.Begins of an actor of kind with the stored startDate
// and founded values.
func beginsOf(kind store.Kind, startDate, founded any) store.Day {
	return store.Begins(&store.Actor{Kind: kind, StartDate: parsedDate(startDate), Founded: parsedDate(founded)})
}

// parsedDate reads a date property; nothing, or anything but a date, is
// the zero Date.
func parsedDate(v any) store.Date {
	s := asString(v)
	if s == "" {
		return store.Date{}
	}
	d, _ := store.ParseDate(s)
	return d
}

func (v *view) Edges(id string) []traverse.Edge {
	if _, ok := v.edges[id]; !ok {
		v.Prefetch([]string{id})
	}
	return v.edges[id]
}

// Degree is how many followed relations actor id has: counted as it was
// met, or from its relations once read.
func (v *view) Degree(id string) int {
	if edges, ok := v.edges[id]; ok {
		return len(edges)
	}
	if d, ok := v.degree[id]; ok {
		return d
	}
	return len(v.Edges(id))
}

// Stopped reports whether the walk should give up: a query failed, or the
// context ended. Its answer is then incomplete, and materialize returns
// the error instead.
func (v *view) Stopped() bool {
	if v.err == nil && v.watch.Stop() {
		v.err = v.watch.Err()
	}
	return v.err != nil
}

var _ traverse.Stopper = (*view)(nil)

func (v *view) Kind(id string) (store.Kind, bool) {
	k, ok := v.kind[id]
	return k, ok
}

// materialize reads a walk's actors and relations by id, in its order.
func (v *view) materialize(r traverse.Result) ([]*store.Actor, []*store.Relation, error) {
	if v.err != nil {
		return nil, nil, v.err
	}
	actors, err := actorsByID(v.ctx, v.tx, r.Actors)
	if err != nil {
		return nil, nil, err
	}
	rels := []*store.Relation{}
	if len(r.Relations) > 0 {
		byID, err := relationsByID(v.ctx, v.tx, r.Relations)
		if err != nil {
			return nil, nil, err
		}
		rels = make([]*store.Relation, len(r.Relations))
		for i, id := range r.Relations {
			rels[i] = byID[id]
		}
	}
	return actors, rels, nil
}

// mustExist reads the actors ids with their relations, and fails with a
// *store.NotFoundError for the first that does not exist.
func (v *view) mustExist(ids ...string) error {
	v.Prefetch(ids)
	if v.err != nil {
		return v.err
	}
	for _, id := range ids {
		if _, ok := v.kind[id]; !ok {
			return &store.NotFoundError{What: "actor", ID: id}
		}
	}
	return nil
}

// walkShortestPath returns what traverse.ShortestPath finds, or nil,
// reading the graph through a view: ShortestPath's way when two actors
// have more shortest paths than its statement lists (shortest.go). The
// filters are checked.
func (s *Store) walkShortestPath(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error) {
	types, _ := store.CheckTypes(q.Types)
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Path, error) {
		v := newView(ctx, tx, types, q.AsOf)
		v.degrees = true
		if err := v.mustExist(from, to); err != nil {
			return nil, err
		}
		r, ok := traverse.ShortestPath(v, from, to, q)
		if !ok {
			return nil, v.err
		}
		actors, rels, err := v.materialize(r)
		if err != nil {
			return nil, err
		}
		return &store.Path{Actors: actors, Relations: rels}, nil
	})
}

// Paths returns what traverse.Paths finds.
func (s *Store) Paths(ctx context.Context, from, to string, q store.PathQuery, first int) ([]store.Path, bool, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, false, err
	}
	types, _ := store.CheckTypes(q.Types)
	type found struct {
		paths     []store.Path
		truncated bool
	}
	f, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (found, error) {
		v := newView(ctx, tx, types, q.AsOf)
		if err := v.mustExist(from, to); err != nil {
			return found{}, err
		}
		rs, truncated := traverse.Paths(v, from, to, q, first)
		paths := make([]store.Path, len(rs))
		for i, r := range rs {
			actors, rels, err := v.materialize(r)
			if err != nil {
				return found{}, err
			}
			paths[i] = store.Path{Actors: actors, Relations: rels}
		}
		return found{paths, truncated}, v.err
	})
	return f.paths, f.truncated, err
}

// CommonNeighbors returns what traverse.Common finds: one query reads the
// relations of a and b with their far ends.
func (s *Store) CommonNeighbors(ctx context.Context, a, b string, q store.NeighborsQuery) ([]*store.Actor, bool, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, false, err
	}
	types, _ := store.CheckTypes(q.Types)
	type common struct {
		actors []*store.Actor
		more   bool
	}
	c, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (common, error) {
		v := newView(ctx, tx, types, q.AsOf)
		if err := v.mustExist(a, b); err != nil {
			return common{}, err
		}
		ids, more := traverse.Common(v, a, b, q)
		actors, _, err := v.materialize(traverse.Result{Actors: ids})
		return common{actors, more}, err
	})
	return c.actors, c.more, err
}
