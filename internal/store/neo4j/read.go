package neo4j

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// queries counts the Cypher queries this process has sent.
var queries atomic.Int64

// QueryCount is how many Cypher queries the process has sent to Neo4j so
// far (through every Store): tests and benchmarks count round trips with it.
func QueryCount() int64 { return queries.Load() }

// rows runs one query in tx and returns its records.
func rows(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	queries.Add(1)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// Actor returns actor id, or a *store.NotFoundError.
func (s *Store) Actor(ctx context.Context, id string) (*store.Actor, error) {
	as, err := s.ActorsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if as[0] == nil {
		return nil, &store.NotFoundError{What: "actor", ID: id}
	}
	return as[0], nil
}

// ActorsByID returns the actors in the order of ids, nil where an id names
// none, in one query.
func (s *Store) ActorsByID(ctx context.Context, ids []string) ([]*store.Actor, error) {
	recs, err := s.query(ctx, actorsByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return nodesByID(recs, ids, decodeActor, actorID), nil
}

// actorsByID is ActorsByID within tx.
func actorsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]*store.Actor, error) {
	recs, err := rows(ctx, tx, actorsByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return nodesByID(recs, ids, decodeActor, actorID), nil
}

func actorID(a *store.Actor) string { return a.ID }

// nodesByID decodes the records of a query that returns the nodes $ids
// name, in the order of ids, nil where an id names none.
func nodesByID[T any](recs []*neo4j.Record, ids []string, decode func(dbtype.Node) *T, idOf func(*T) string) []*T {
	byID := make(map[string]*T, len(recs))
	for _, rec := range recs {
		v := decode(rec.Values[0].(dbtype.Node))
		byID[idOf(v)] = v
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out
}

// Source returns source id, or a *store.NotFoundError.
func (s *Store) Source(ctx context.Context, id string) (*store.Source, error) {
	ss, err := s.SourcesByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if ss[0] == nil {
		return nil, &store.NotFoundError{What: "source", ID: id}
	}
	return ss[0], nil
}

// SourcesByID returns the sources in the order of ids, nil where an id
// names none, in one query.
func (s *Store) SourcesByID(ctx context.Context, ids []string) ([]*store.Source, error) {
	recs, err := s.query(ctx, sourcesByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return nodesByID(recs, ids, decodeSource, func(s *store.Source) string { return s.ID }), nil
}

// Relation returns relation id, or a *store.NotFoundError.
func (s *Store) Relation(ctx context.Context, id string) (*store.Relation, error) {
	recs, err := s.query(ctx, relationByIDQuery, map[string]any{"ids": []string{id}})
	if err != nil {
		return nil, err
	}
	rs := decodeRelations(recs)
	if rs[id] == nil {
		return nil, &store.NotFoundError{What: "relation", ID: id}
	}
	return rs[id], nil
}

const (
	actorsByIDQuery  = "UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) RETURN a"
	sourcesByIDQuery = "UNWIND $ids AS id MATCH (s:Source {id: id}) USING INDEX SEEK s:Source(id) RETURN s"
)

// relationByIDQuery finds relations by id: one index seek per relation
// type, since Neo4j indexes relationship properties by type.
//
// The SEEK hints are needed: a branch planned while its type had no
// relations yet (the first batches of an import) was cached as a scan of
// the type's whole index per id, which a plain USING INDEX hint also
// allows; an import of 200,000 relations then spent minutes in one
// lookup (127 million index entries read for 20,000 ids).
var relationByIDQuery = relationSeek("MATCH (f:Actor)-[r:%[1]s {id: rid}]->(t:Actor) USING INDEX SEEK r:%[1]s(id) RETURN r, f.id AS from, t.id AS to", "r, from, to")

// relationIDsQuery returns which of $ids relations hold, and nothing more,
// in one record.
var relationIDsQuery = relationSeek("MATCH ()-[r:%[1]s {id: rid}]->() USING INDEX SEEK r:%[1]s(id) RETURN rid AS found", "collect(found)")

// relationSeek unions, for each id, a branch per relation type: branch
// is a statement with %[1]s where the type goes; returns what the union
// returns.
func relationSeek(branch, returns string) string {
	return "UNWIND $ids AS rid CALL (rid) {\n" + relationBranches(branch) + "} RETURN " + returns
}

// relationBranches writes branch once per relation type, with the type
// for %[1]s, joined by UNION ALL: the body of a CALL subquery.
func relationBranches(branch string) string {
	var b strings.Builder
	for i, t := range store.RelationTypes {
		if i > 0 {
			b.WriteString("  UNION ALL\n")
		}
		b.WriteString("  " + fmt.Sprintf(branch, t) + "\n")
	}
	return b.String()
}

// relationsByID returns the relations that ids name, by id.
func relationsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]*store.Relation, error) {
	recs, err := rows(ctx, tx, relationByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return decodeRelations(recs), nil
}

// decodeRelations reads relationByIDQuery's records, by id.
func decodeRelations(recs []*neo4j.Record) map[string]*store.Relation {
	out := make(map[string]*store.Relation, len(recs))
	for _, rec := range recs {
		r := decodeRelation(rec.Values[0].(dbtype.Relationship), asString(rec.Values[1]), asString(rec.Values[2]))
		out[r.ID] = r
	}
	return out
}

// Empty reports whether the database holds no ecograph actor, relation or
// source (other data in the same database does not count).
func (s *Store) Empty(ctx context.Context) (bool, error) {
	recs, err := s.query(ctx, "RETURN EXISTS { MATCH (a:Actor) } OR EXISTS { MATCH (s:Source) } AS any", nil)
	if err != nil {
		return false, err
	}
	return !asBool(recs[0].Values[0]), nil
}

// Actors pages through actors as the embedded store does: ordered by
// sortKey then id, after a keyset cursor, with the total the filter
// admits counted by a COUNT subquery, in one statement.
func (s *Store) Actors(ctx context.Context, f store.ActorFilter, p store.Page) (*store.ActorPage, error) {
	var key, id string
	if p.After != "" {
		var err error
		if key, id, err = store.ParseActorCursor(p.After); err != nil {
			return nil, err
		}
	}
	kinds, err := store.CheckKinds(f.Kinds)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"first": max(p.First, 0) + 1, "key": key, "id": id, "country": f.Country}
	// The page is a seek in the (sortKey, id) index, in its order; on the
	// first page key and id are "", below every actor's.
	conds := []string{"a.sortKey >= $key", "a.id IS NOT NULL", "NOT (a.sortKey = $key AND a.id <= $id)"}
	// The total: from Neo4j's count store where a kind's label says it all.
	var counts []string
	switch {
	case f.Country != "":
		// The page is a seek in the country index instead, and the kinds
		// are checked by label: the kind property, read from the property
		// store, made the page of a country's 578 universities among its
		// 11,586 actors cost twice the time (6.5 against 2.8 ms, the same
		// db hits) and the nested list's statement as much again.
		conds = append(conds, "a.country = $country")
		kindCond := "true"
		if kinds != nil {
			kindCond = kindLabelCond("a", kinds)
			conds = append(conds, kindCond)
		}
		counts = []string{"COUNT { MATCH (a:Actor {country: $country}) WHERE " + kindCond + " }"}
	case kinds != nil:
		conds = append(conds, "a.kind IN $kinds")
		params["kinds"] = kindStrings(kinds)
		for _, k := range kinds {
			counts = append(counts, "COUNT { (:"+kindLabels[k]+") }")
		}
	default:
		counts = []string{"COUNT { (:Actor) }"}
	}
	// One statement: the total, and the page as a list in its order. A
	// count alone (the first page of none) needs no page: there is a next
	// page when there is any actor.
	if p.NoTotal {
		counts = []string{"0"}
	}
	total := "RETURN " + strings.Join(counts, " + ") + " AS total"
	if p.First <= 0 && p.After == "" {
		recs, err := s.query(ctx, total, params)
		if err != nil {
			return nil, err
		}
		n := asInt(recs[0].Values[0])
		return &store.ActorPage{Actors: []*store.Actor{}, Cursors: []string{}, Total: n, HasNext: n > 0}, nil
	}
	// Each actor's page of relations, when asked for, is two more
	// items of its row, read as RelationsOf reads them.
	nested := ""
	if p.Relations != nil {
		relTotal, relPage, err := relationPartOf(p.Relations.Filter, p.Relations.Page, "rfirst", params)
		if err != nil {
			return nil, err
		}
		nested = ", " + relTotal + ", " + relPage
	}
	query := total + ", COLLECT { MATCH (a:Actor) WHERE " + strings.Join(conds, " AND ") +
		" WITH a ORDER BY a.sortKey, a.id LIMIT $first RETURN [" + actorColumns("a", p.Skip) + ", a.sortKey" + nested + "] } AS page"
	recs, err := s.query(ctx, query, params)
	if err != nil {
		return nil, err
	}
	out := &store.ActorPage{Actors: []*store.Actor{}, Cursors: []string{}, Total: asInt(recs[0].Values[0])}
	// Reads are read-committed: an actor renamed while the query scans
	// the index may come twice, at its old and new place (it counts
	// once), and its properties may be newer than the index entry that
	// placed it. The cursor is that entry's key, so that the next page
	// starts where this one ended.
	items := asList(recs[0].Values[1])
	seen := make(map[string]bool, len(items))
	// A row is the actor's columns, its sort key, then (when asked) its
	// relations' total and page.
	w := actorWidth(p.Skip)
	width := w + 1
	if p.Relations != nil {
		width = w + 3
		out.Relations = []*store.RelationPage{}
	}
	for _, item := range items {
		row := asList(item)
		if len(row) != width {
			continue
		}
		id := asString(row[0])
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		actor := decodeActorColumns(row, p.Skip)
		out.Actors = append(out.Actors, actor)
		out.Cursors = append(out.Cursors, store.KeyCursor(asString(row[w]), id))
		if p.Relations != nil {
			page := relationPage(id, row[w+1], row[w+2], p.Relations.Page)
			page.Actor = actor
			out.Relations = append(out.Relations, page)
		}
	}
	if first := max(p.First, 0); len(out.Actors) > first {
		out.HasNext = true
		out.Actors, out.Cursors = out.Actors[:first], out.Cursors[:first]
		if out.Relations != nil {
			out.Relations = out.Relations[:first]
		}
	}
	return out, nil
}

// kindLabelCond is a predicate that v has the label of one of kinds
// (every actor has its kind's label beside :Actor, kindLabels); the
// labels come from that fixed map, never from a request.
func kindLabelCond(v string, kinds []store.Kind) string {
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = v + ":" + kindLabels[k]
	}
	return "(" + strings.Join(labels, " OR ") + ")"
}

func kindStrings(kinds []store.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}
