package neo4j

import (
	"context"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// Neighborhood is one Cypher statement that does in Neo4j what
// traverse.Neighborhood does (its doc comment is the contract): each hop
// keeps its first new actors by (sortKey, id) up to the limit, a hop cut
// short ends the walk, and the relations among the actors kept come by
// id, at most 4 × limit. Ranking in Neo4j matters on hubs: a 2-hop
// neighbourhood usually reaches a country, whose 10,000 to 20,000
// relations the walk through internal/traverse read into Go to keep 200
// of their far ends; here they never leave the server, and the statement
// returns the actors and relations whole, so nothing is read again.

// Neighborhood returns the actors within q.Depth hops of actor id and the
// relations among them, as traverse.Neighborhood defines them.
func (s *Store) Neighborhood(ctx context.Context, id string, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, err
	}
	types, _ := store.CheckTypes(q.Types)
	pattern := allTypes
	if types != nil {
		pattern = typePattern(types)
	}
	params := map[string]any{
		"id": id,
		// Each hop ranks this many new actors: one more than the room
		// left (at most limit - 1) tells whether the limit cuts.
		"take":  max(q.Limit, 1),
		"hub":   2 * max(q.Limit, 1), // hopFrom says why 2
		"limit": q.Limit,
		// One more relation than the cap tells whether it cuts.
		"rtake": 4*max(q.Limit, 0) + 1,
	}
	if len(q.Kinds) > 0 {
		params["kinds"] = kindStrings(q.Kinds)
	}
	if q.AsOf != nil {
		params["asOf"] = dayString(*q.AsOf)
		params["event"], params["startup"] = string(store.KindEvent), string(store.KindStartup)
	}
	recs, err := s.query(ctx, hoodQuery(q.Depth, pattern, len(q.Kinds) > 0, q.AsOf != nil), params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, &store.NotFoundError{What: "actor", ID: id}
	}
	v := recs[0].Values
	nodes, rels := asList(v[0]), asList(v[1])
	g := &store.Subgraph{Actors: make([]*store.Actor, 0, len(nodes)), Relations: make([]*store.Relation, 0, len(rels)), Truncated: asBool(v[2])}
	for _, n := range nodes {
		g.Actors = append(g.Actors, decodeActor(n.(dbtype.Node)))
	}
	if limit := 4 * max(q.Limit, 0); len(rels) > limit {
		rels, g.Truncated = rels[:limit], true
	}
	for _, item := range rels {
		e := asList(item)
		g.Relations = append(g.Relations, decodeRelation(e[0].(dbtype.Relationship), asString(e[1]), asString(e[2])))
	}
	return g, nil
}

// hoodQuery writes the statement for a neighbourhood of depth hops along
// the relation types of pattern, to actors of the kinds $kinds when kinds,
// in the network as of the day $asOf when dated. Its one record holds the
// actors (the center first, then each hop's by sortKey and id), the
// relations among them with their ends' ids (by id, at most $rtake) and
// whether the limit cut the actors. No record means no actor $id.
//
// A hop's candidates are the far ends of the followed relations of the
// last hop's actors (level) that no earlier hop holds (seen); the first
// $take of them by (sortKey, id) are ranked in Neo4j, of which the room
// left under $limit are kept, and any beyond the room is a cut. m is how
// many actors there are, which hopFrom weighs hubs by.
func hoodQuery(depth int, pattern string, kinds, dated bool) string {
	var b strings.Builder
	b.WriteString("MATCH (c:Actor {id: $id})\nWITH c, [c] AS seen, [c] AS level, [] AS found, false AS cut, COUNT { (:Actor) } AS m\n")
	for range depth {
		b.WriteString("CALL (seen, level, cut, m) {\n" + hopFrom(pattern, kinds, dated) + "}\n" +
			"WITH c, m, seen, found, cut, next, CASE WHEN $limit - 1 - size(found) > 0 THEN $limit - 1 - size(found) ELSE 0 END AS room\n" +
			"WITH c, m, seen + next[..room] AS seen, next[..room] AS level, found + next[..room] AS found, cut OR size(next) > room AS cut\n")
	}
	// The relations among the actors, each from its from end. b IN
	// actors makes b an actor: checking its label would cost a look-up
	// for every relation of every actor.
	b.WriteString("WITH [c] + found AS actors, cut\n" +
		"CALL (actors) {\n" +
		"  UNWIND actors AS a\n" +
		"  MATCH (a)-[r:" + pattern + "]->(b)\n" +
		"  WHERE b IN actors")
	if dated {
		b.WriteString(" AND " + presentAsOf("r", "a", "b"))
	}
	b.WriteString("\n  WITH r, a, b ORDER BY r.id LIMIT $rtake\n" +
		"  RETURN collect([r, a.id, b.id]) AS rels\n}\n" +
		"RETURN actors, rels, cut")
	return b.String()
}

// hopFrom is the body of a hop's subquery: from seen, level, cut and m,
// the first $take candidates in order as next (a list, so that the
// subquery returns its one row even when there are none).
//
// The candidates of most actors are read from their relations. A hub's
// are not when the walk follows all of its relations (no kinds, no day):
// one with d relations among m actors has a neighbour about every m/d
// actors in the (sortKey, id) index, so its first $take come within
// $take × m/d entries of the index read in order, each checked for a
// relation to the hub, where reading the hub's relations costs d far
// ends read and ranked. Measured at 100,000 actors, an entry checked
// costs about two far ends (interleaved runs of factors 1, 2 and 4 on 80
// random actors' 2-hop neighbourhoods: 2 was quickest), so an actor is
// read as a hub when d² > 2 × $take × m ($hub = 2 × $take): Uzbekistan's
// 23,000 relations rank in 8 ms read that way, against 120 ms. Only
// without kinds or a day does d say how many of a hub's neighbours are
// candidates; with them, few may be, and the read of the index would go
// on far.
//
// The index is read under an UNWIND of one row when there are hubs and
// none when not: given "WITH ... WHERE size(hubs) > 0" instead, Neo4j
// 5.26 planned that test after the index scan, and read all of it for
// every hop without a hub.
func hopFrom(pattern string, kinds, dated bool) string {
	expand := "MATCH (y)-[r:" + pattern + "]-(z:Actor)\n  WHERE NOT z IN seen"
	if kinds {
		expand += " AND z.kind IN $kinds"
	}
	if dated {
		expand += " AND " + presentAsOf("r", "y", "z")
	}
	rank := "  WITH DISTINCT z ORDER BY z.sortKey, z.id LIMIT $take\n  RETURN collect(z) AS next\n"
	if kinds || dated {
		return "  UNWIND CASE WHEN cut THEN [] ELSE level END AS y\n  " + expand + "\n" + rank
	}
	return "  CALL (level, cut, m) {\n" +
		"    UNWIND CASE WHEN cut THEN [] ELSE level END AS y\n" +
		"    WITH y, COUNT { (y)-[:" + pattern + "]-() } AS d, $hub * m AS bar\n" +
		"    RETURN collect(CASE WHEN d * d > bar THEN y END) AS hubs, collect(CASE WHEN d * d <= bar THEN y END) AS small\n" +
		"  }\n" +
		"  CALL (seen, hubs, small) {\n" +
		"    UNWIND small AS y\n" +
		"    " + expand + "\n" +
		"    RETURN z\n" +
		"  UNION\n" +
		"    UNWIND CASE WHEN size(hubs) > 0 THEN [hubs] ELSE [] END AS hs\n" +
		"    CALL (seen, hs) {\n" +
		"      MATCH (z:Actor) WHERE z.sortKey IS NOT NULL AND z.id IS NOT NULL AND NOT z IN seen\n" +
		"        AND EXISTS { (z)-[:" + pattern + "]-(x) WHERE x IN hs }\n" +
		"      RETURN z ORDER BY z.sortKey, z.id LIMIT $take\n" +
		"    }\n" +
		"    RETURN z\n" +
		"  }\n" +
		// UNION has made the candidates distinct: ranked without DISTINCT,
		// Neo4j keeps the first $take as it goes (Top) instead of sorting
		// them all.
		"  WITH z ORDER BY z.sortKey, z.id LIMIT $take\n  RETURN collect(z) AS next\n"
}

// presentAsOf is the Cypher condition that relation r between actors a
// and b is in the network on the day $asOf (store.RelationSpan, Present):
// its since and both actors' beginnings (store.Begins: an event's start
// date, a startup's founding) are on or before that day, its until on or
// after it. Dates are stored as "2024", "2024-06" or "2024-06-13", so a
// date's first day is on or before $asOf ("YYYY-MM-DD") exactly when the
// date is at most $asOf cut to its length, and its last day on or after
// $asOf when it is at least that; a missing date holds always.
func presentAsOf(r, a, b string) string {
	return started(r+".since") + " AND " + unended(r+".until") + " AND " + begun(a) + " AND " + begun(b)
}

func begun(a string) string {
	return "CASE " + a + ".kind WHEN $event THEN " + started(a+".startDate") +
		" WHEN $startup THEN " + started(a+".founded") + " ELSE true END"
}

func started(date string) string {
	return "coalesce(" + date + " <= left($asOf, size(" + date + ")), true)"
}

func unended(date string) string {
	return "coalesce(" + date + " >= left($asOf, size(" + date + ")), true)"
}

// dayString writes day as presentAsOf compares it, "YYYY-MM-DD". A day
// before year 1 or after year 9999, which no stored date can reach,
// becomes a string before or after every date of its length.
func dayString(day store.Day) string {
	t := time.Unix(int64(day)*86400, 0).UTC()
	switch {
	case t.Year() < 1:
		return "0000-00-00"
	case t.Year() > 9999:
		return "9999-99-99"
	}
	return t.Format(time.DateOnly)
}
