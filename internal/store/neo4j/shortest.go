package neo4j

import (
	"context"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// ShortestPath is one Cypher statement that gives what
// traverse.ShortestPath gives (its doc comment is the contract): of the
// paths with the fewest followed relations, the one whose actor ids come
// first, then whose relation ids do. Neo4j's allShortestPaths searches
// from both ends inside the server, hubs' thousands of relations never
// leaving it, and lists every shortest path, of which the statement keeps
// the smallest by those ids; the answer comes back whole, actors and
// relations, in the one round trip. The walk over internal/traverse
// (walk.go) read each layer's relations into Go, whole hub lists with
// them, in a query per layer and step: at 100,000 actors, a median of 45
// ms where this takes 3.6 (BenchmarkShortestPath).
//
// The filters are the search's own: the types are its pattern, and the
// kinds and the day are predicates on every actor and relation of a
// path, which Neo4j checks as it searches, not on the paths it found.
//
// Most pairs have a few shortest paths, a thousand at most among random
// pairs at 100,000 actors; but two hubs may have millions. The statement
// lists at most shortestCap of them, and when it reaches that many, the
// walk answers instead, which picks its way through them without listing
// them.

// shortestCap is how many shortest paths the statement lists before it
// leaves the answer to the walk: enough for every random pair measured at
// 100,000 actors (1,101 at most of 300), few enough to list in tens of
// milliseconds (90,000 took 0.3 to 0.7 s on a loaded machine, where the
// walk took 0.2 to 0.3).
const shortestCap = 4096

// ShortestPath returns a shortest path from one actor to another, as
// traverse.ShortestPath chooses it, or nil when none has at most
// q.MaxLength relations.
func (s *Store) ShortestPath(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, err
	}
	types, _ := store.CheckTypes(q.Types)
	pattern := allTypes
	if types != nil {
		pattern = typePattern(types)
	}
	search := from != to && q.MaxLength > 0
	params := map[string]any{"from": from, "to": to, "cap": shortestCap}
	if len(q.Kinds) > 0 {
		params["kinds"] = kindStrings(q.Kinds)
	}
	if q.AsOf != nil {
		params["asOf"] = dayString(*q.AsOf)
		params["event"], params["startup"] = string(store.KindEvent), string(store.KindStartup)
	}
	recs, err := s.query(ctx, shortestQuery(search, pattern, q.MaxLength, len(q.Kinds) > 0, q.AsOf != nil), params)
	if err != nil {
		return nil, err
	}
	v := recs[0].Values
	switch {
	case v[0] == nil:
		return nil, &store.NotFoundError{What: "actor", ID: from}
	case v[1] == nil:
		return nil, &store.NotFoundError{What: "actor", ID: to}
	case !search:
		if from == to {
			return &store.Path{Actors: []*store.Actor{decodeActor(v[0].(dbtype.Node))}, Relations: []*store.Relation{}}, nil
		}
		return nil, nil
	}
	switch found := asInt(v[2]); {
	case found == 0:
		return nil, nil
	case found >= shortestCap:
		return s.walkShortestPath(ctx, from, to, q)
	}
	nodes, rels := asList(v[3]), asList(v[4])
	p := &store.Path{Actors: make([]*store.Actor, len(nodes)), Relations: make([]*store.Relation, len(rels))}
	for i, n := range nodes {
		p.Actors[i] = decodeActor(n.(dbtype.Node))
	}
	for i, item := range rels {
		e := asList(item)
		p.Relations[i] = decodeRelation(e[0].(dbtype.Relationship), asString(e[1]), asString(e[2]))
	}
	return p, nil
}

// shortestQuery writes the statement for a shortest path of at most
// maxLength relations along the types of pattern, through actors of the
// kinds $kinds when kinds, in the network as of the day $asOf when dated.
// Its one record holds the actor $from (its id when search) and $to's id,
// null for one that does not exist, then, when search, how many shortest paths it listed (at
// most $cap; 0 for none), and the smallest one's actors and relations,
// each relation with its ends' ids.
//
// maxLength is written into the statement, as Cypher wants a path's
// bounds: it is a number, never text from a client.
func shortestQuery(search bool, pattern string, maxLength int, kinds, dated bool) string {
	q := "OPTIONAL MATCH (a:Actor {id: $from})\nOPTIONAL MATCH (b:Actor {id: $to})\n"
	if !search {
		return q + "RETURN a, b.id"
	}
	q += "CALL (a, b) {\n" +
		"  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL\n" +
		"  MATCH p = allShortestPaths((a)-[:" + pattern + "*.." + strconv.Itoa(maxLength) + "]-(b))\n"
	// Every actor but the two ends must be of one of the kinds; every
	// relation and both its actors must be in the network on the day
	// (presentAsOf, split by what each part reads).
	var actor, relation string
	if kinds {
		actor = "(n = a OR n = b OR n.kind IN $kinds)"
	}
	if dated {
		if actor != "" {
			actor += " AND "
		}
		actor += begun("n")
		relation = started("r.since") + " AND " + unended("r.until")
	}
	switch {
	case actor != "" && relation != "":
		q += "  WHERE all(n IN nodes(p) WHERE " + actor + ") AND all(r IN relationships(p) WHERE " + relation + ")\n"
	case actor != "":
		q += "  WHERE all(n IN nodes(p) WHERE " + actor + ")\n"
	}
	// Lists compare element by element, and ids are ASCII (store.ValidID),
	// which Neo4j and Go order alike; no two paths have the same ids, so
	// min never compares the paths themselves.
	return q + "  WITH p LIMIT $cap\n" +
		"  RETURN count(p) AS found, min([[n IN nodes(p) | n.id], [r IN relationships(p) | r.id], p]) AS best\n" +
		"}\n" +
		"RETURN a.id, b.id, found, nodes(best[2]), [r IN relationships(best[2]) | [r, startNode(r).id, endNode(r).id]]"
}
