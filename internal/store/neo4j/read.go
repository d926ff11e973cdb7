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
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Actor, error) {
		return actorsByID(ctx, tx, ids)
	})
}

func actorsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]*store.Actor, error) {
	return nodesByID(ctx, tx, actorsByIDQuery, ids, decodeActor, func(a *store.Actor) string { return a.ID })
}

// nodesByID runs query, which returns the nodes that $ids name, and
// returns them decoded in the order of ids, nil where an id names none.
func nodesByID[T any](ctx context.Context, tx neo4j.ManagedTransaction, query string, ids []string, decode func(dbtype.Node) *T, idOf func(*T) string) ([]*T, error) {
	recs, err := rows(ctx, tx, query, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*T, len(recs))
	for _, rec := range recs {
		v := decode(rec.Values[0].(dbtype.Node))
		byID[idOf(v)] = v
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
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
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Source, error) {
		return nodesByID(ctx, tx, sourcesByIDQuery, ids, decodeSource, func(s *store.Source) string { return s.ID })
	})
}

// Relation returns relation id, or a *store.NotFoundError.
func (s *Store) Relation(ctx context.Context, id string) (*store.Relation, error) {
	rs, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string]*store.Relation, error) {
		return relationsByID(ctx, tx, []string{id})
	})
	if err != nil {
		return nil, err
	}
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
	var b strings.Builder
	b.WriteString("UNWIND $ids AS rid CALL (rid) {\n")
	for i, t := range store.RelationTypes {
		if i > 0 {
			b.WriteString("  UNION ALL\n")
		}
		b.WriteString("  " + fmt.Sprintf(branch, t) + "\n")
	}
	b.WriteString("} RETURN " + returns)
	return b.String()
}

// relationsByID returns the relations that ids name, by id.
func relationsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]*store.Relation, error) {
	recs, err := rows(ctx, tx, relationByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*store.Relation, len(recs))
	for _, rec := range recs {
		r := decodeRelation(rec.Values[0].(dbtype.Relationship), asString(rec.Values[1]), asString(rec.Values[2]))
		out[r.ID] = r
	}
	return out, nil
}

// Empty reports whether the database holds no ecograph actor, relation or
// source (other data in the same database does not count).
func (s *Store) Empty(ctx context.Context) (bool, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		recs, err := rows(ctx, tx, "RETURN EXISTS { MATCH (a:Actor) } OR EXISTS { MATCH (s:Source) } AS any", nil)
		if err != nil {
			return false, err
		}
		return !asBool(recs[0].Values[0]), nil
	})
}

// Actors pages through actors as the embedded store does: ordered by
// sortKey then id, after a keyset cursor, with the total the filter
// admits counted by a COUNT subquery. Two queries in one transaction.
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
	if kinds != nil {
		conds = append(conds, "a.kind IN $kinds")
		params["kinds"] = kindStrings(kinds)
	}
	// The total: from Neo4j's count store where a kind's label says it all.
	var counts []string
	switch {
	case f.Country != "":
		conds = append(conds, "a.country = $country")
		counts = []string{"COUNT { MATCH (a:Actor {country: $country}) WHERE $kinds IS NULL OR a.kind IN $kinds }"}
		if kinds == nil {
			params["kinds"] = nil
		}
	case kinds == nil:
		counts = []string{"COUNT { (:Actor) }"}
	default:
		for _, k := range kinds {
			counts = append(counts, "COUNT { (:"+kindLabels[k]+") }")
		}
	}
	pageQuery := "MATCH (a:Actor) WHERE " + strings.Join(conds, " AND ") + " RETURN a, a.sortKey, a.id ORDER BY a.sortKey, a.id LIMIT $first"
	totalQuery := "RETURN " + strings.Join(counts, " + ")
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ActorPage, error) {
		total, err := rows(ctx, tx, totalQuery, params)
		if err != nil {
			return nil, err
		}
		out := &store.ActorPage{Actors: []*store.Actor{}, Cursors: []string{}, Total: asInt(total[0].Values[0])}
		recs, err := rows(ctx, tx, pageQuery, params)
		if err != nil {
			return nil, err
		}
		// Reads are read-committed: an actor renamed while the query scans
		// the index may come twice, at its old and new place (it counts
		// once), and its properties may be newer than the index entry that
		// placed it. The cursor is that entry's key, so that the next page
		// starts where this one ended.
		seen := make(map[string]bool, len(recs))
		for _, rec := range recs {
			a := decodeActor(rec.Values[0].(dbtype.Node))
			if seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			out.Actors = append(out.Actors, a)
			out.Cursors = append(out.Cursors, store.KeyCursor(asString(rec.Values[1]), asString(rec.Values[2])))
		}
		if first := max(p.First, 0); len(out.Actors) > first {
			out.HasNext = true
			out.Actors, out.Cursors = out.Actors[:first], out.Cursors[:first]
		}
		return out, nil
	})
}

func kindStrings(kinds []store.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// Relations pages through one actor's relations ordered by
// store.RelationKey, with the far-end actors and the total (COUNT
// subqueries, from Neo4j's degree counts), in one query.
func (s *Store) Relations(ctx context.Context, actorID string, f store.RelationFilter, p store.Page) (*store.RelationPage, error) {
	var after store.RelationKey
	if p.After != "" {
		var err error
		if after, err = store.ParseRelationCursor(p.After); err != nil {
			return nil, err
		}
	}
	types, err := store.CheckTypes(f.Types)
	if err != nil {
		return nil, err
	}
	pattern := allTypes
	if types != nil {
		pattern = typePattern(types)
	}
	var branches, counts []string
	switch f.Direction {
	case store.Out, store.Both, "":
		branches = append(branches, "MATCH (a)-[r:"+pattern+"]->(b:Actor) RETURN r, b, 'OUT' AS dir")
		counts = append(counts, "COUNT { (a)-[:"+pattern+"]->(:Actor) }")
	case store.In:
	default:
		return nil, store.Invalid("direction", "%q is not OUT, IN or BOTH", f.Direction)
	}
	if f.Direction != store.Out {
		branches = append(branches, "MATCH (a)<-[r:"+pattern+"]-(b:Actor) RETURN r, b, 'IN' AS dir")
		counts = append(counts, "COUNT { (a)<-[:"+pattern+"]-(:Actor) }")
	}
	where := ""
	if p.After != "" {
		where = ` WHERE type(r) > $t OR (type(r) = $t AND (k > $k OR (k = $k AND (b.id > $o OR (b.id = $o AND r.id > $r)))))`
	}
	// OPTIONAL CALL keeps the actor's row (and its total) when the page
	// is empty; no row at all means no such actor.
	query := "MATCH (a:Actor {id: $id}) WITH a, " + strings.Join(counts, " + ") + " AS total" +
		" OPTIONAL CALL (a) { CALL (a) { " + strings.Join(branches, " UNION ALL ") + " }" +
		" WITH r, b, dir, b.sortKey AS k" + where +
		" RETURN r, b, dir, k ORDER BY type(r), k, b.id, r.id LIMIT $first }" +
		" RETURN total, r, b, dir, k ORDER BY type(r), k, b.id, r.id"
	params := map[string]any{"id": actorID, "first": max(p.First, 0) + 1,
		"t": string(after.Type), "k": after.OtherKey, "o": after.OtherID, "r": after.RelationID}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.RelationPage, error) {
		recs, err := rows(ctx, tx, query, params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, &store.NotFoundError{What: "actor", ID: actorID}
		}
		page := &store.RelationPage{Edges: []store.RelationEdge{}, Total: asInt(recs[0].Values[0])}
		if recs[0].Values[1] == nil {
			recs = nil // the actor, without a relation on this page
		}
		for _, rec := range recs {
			other := decodeActor(rec.Values[2].(dbtype.Node))
			dir := store.Direction(asString(rec.Values[3]))
			from, to := actorID, other.ID
			if dir == store.In {
				from, to = to, from
			}
			r := decodeRelation(rec.Values[1].(dbtype.Relationship), from, to)
			// The key the page was ordered by, which a concurrent rename
			// may have changed since.
			key := store.RelationKey{Type: r.Type, OtherKey: asString(rec.Values[4]), OtherID: other.ID, RelationID: r.ID}
			page.Edges = append(page.Edges, store.RelationEdge{Relation: r, Direction: dir, Other: other.ID, Cursor: key.Cursor(), OtherActor: other})
		}
		if first := max(p.First, 0); len(page.Edges) > first {
			page.HasNext = true
			page.Edges = page.Edges[:first]
		}
		return page, nil
	})
}
