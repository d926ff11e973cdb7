package main

import (
	"context"
	"math/rand/v2"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/search"
)

// Search and the walks: the peer cannot express them, so they are
// ecograph on each store against hand-written Cypher and, for the
// embedded store, against the floor (floor.go).

// searchOp: an actor's whole name. The answers compared are the actors
// that match it whole (score 0.8 or more: the name, an alias or another
// spelling of it); Cypher looks those up by the same :Term keys
// (internal/search) as ecograph's first tier does.
func (e *env) searchOp() *op {
	eco := `query($text: String!) { search(text: $text, first: 10) { score matched actor { id name kind } } }`
	ecoNorm := func(d map[string]any) any {
		out := []string{}
		for _, h := range list(d, "search") {
			if s, _ := get(h, "score").(float64); s >= search.ScoreFolded {
				out = append(out, str(h, "actor", "id"))
			}
		}
		slices.Sort(out)
		return out
	}
	cypher := `UNWIND $terms AS k
MATCH (:Term {k: k})<-[:TERM]-(a:Actor)
WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT 10
RETURN a.id, a.name, a.kind`
	raw := system{name: sysCypher, check: true, call: func(ctx context.Context, a *args) (any, error) {
		q, err := search.Parse(a.text)
		if err != nil {
			return nil, err
		}
		var terms []string
		for _, t := range q.Lookups() {
			terms = append(terms, t.String())
		}
		recs, err := e.cypher(ctx, false, cypher, map[string]any{"terms": terms})
		if err != nil || !a.verify {
			return nil, err
		}
		out := []string{}
		for _, r := range recs {
			out = append(out, rs(r.Values[0]))
		}
		slices.Sort(out)
		return out, nil
	}}
	vars := func(a *args) map[string]any { return map[string]any{"text": a.text} }
	return &op{
		name:  "search",
		about: "search(text, first: 10) for a random actor's whole name; Cypher: the actors linked to the :Term nodes of the text's whole-name terms",
		args:  func(r *rand.Rand) *args { return &args{text: pick(r, e.w.names)} },
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			raw,
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
		},
	}
}

// floorRTT is the floor's HTTP part: { __typename } from the embedded
// store's server.
func (e *env) floorRTT() system {
	return system{name: sysFloorRTT, call: func(ctx context.Context, a *args) (any, error) {
		return nil, e.emb.send(ctx, "{ __typename }", nil)
	}}
}

// floorJSON is the floor's writing part: an answer of op's shape written
// with encoding/json (floor.go), picked by the arguments key gives.
func (e *env) floorJSON(op string, key func(*args) string) system {
	return system{name: sysFloorJSON, call: func(_ context.Context, a *args) (any, error) {
		return e.w.floorJSON(op, key(a))
	}}
}

// hoodOp: the 2-hop neighbourhood of a random actor, at most 200 actors.
func (e *env) hoodOp() *op {
	eco := `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) {
  truncated actors { id name kind } relations { id type from { id } to { id } } } }`
	ecoNorm := func(d map[string]any) any {
		h := get(d, "neighborhood")
		out := []string{"truncated " + str(h, "truncated")}
		for _, a := range list(h, "actors") {
			out = append(out, str(a, "id"))
		}
		for _, r := range list(h, "relations") {
			out = append(out, line(str(r, "id"), str(r, "type"), str(r, "from", "id"), str(r, "to", "id")))
		}
		return out
	}
	// What traverse.Neighborhood does: the centre, then each hop's new
	// actors by name up to the limit (a hop cut short ends the walk), then
	// the relations among them by id, at most 4 × limit.
	cypher := `MATCH (c:Actor {id: $id})
CALL (c) {
  MATCH (c)-[:` + allTypes + `]-(x:Actor) WHERE x <> c
  WITH DISTINCT x ORDER BY x.sortKey, x.id LIMIT $limit
  RETURN collect(x) AS h1
}
WITH c, h1[..$room] AS h1, size(h1) > $room AS cut
CALL (c, h1, cut) {
  UNWIND CASE WHEN cut THEN [] ELSE h1 END AS y
  MATCH (y)-[:` + allTypes + `]-(z:Actor) WHERE z <> c AND NOT z IN h1
  WITH DISTINCT z ORDER BY z.sortKey, z.id LIMIT $limit
  RETURN collect(z) AS h2
}
WITH c, h1, h2, cut, $room - size(h1) AS room2
WITH [c] + h1 + h2[..room2] AS actors, cut OR size(h2) > room2 AS cut
CALL (actors) {
  UNWIND actors AS a
  MATCH (a)-[r:` + allTypes + `]->(b:Actor) WHERE b IN actors
  WITH r, a, b ORDER BY r.id LIMIT $rlimit
  RETURN collect([r.id, type(r), a.id, b.id]) AS rels
}
RETURN [a IN actors | [a.id, a.name, a.kind]], rels, cut`
	cypherNorm := func(recs []*neo4j.Record) any {
		v := recs[0].Values
		rels := rlist(v[1])
		cut := v[2].(bool) || len(rels) > 800
		out := []string{"truncated " + rs(cut)}
		for _, a := range rlist(v[0]) {
			out = append(out, rs(rlist(a)[0]))
		}
		for _, r := range rels[:min(len(rels), 800)] {
			f := rlist(r)
			out = append(out, line(rs(f[0]), rs(f[1]), rs(f[2]), rs(f[3])))
		}
		return out
	}
	vars := func(a *args) map[string]any { return map[string]any{"id": a.id} }
	return &op{
		name:  "2-hop",
		about: "neighborhood(depth: 2, limit: 200) of a random actor, with the actors' names and kinds and the relations' types and ends",
		args:  func(r *rand.Rand) *args { return &args{id: pick(r, e.w.ids)} },
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			e.raw(false, cypher, func(a *args) map[string]any {
				return map[string]any{"id": a.id, "limit": 200, "room": 199, "rlimit": 801}
			}, cypherNorm),
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
			e.floorRTT(),
			{name: sysFloorBFS, call: func(_ context.Context, a *args) (any, error) {
				return e.w.floorHood(e.w.index[a.id]), nil
			}},
			e.floorJSON("2-hop", func(a *args) string { return a.id }),
		},
	}
}

// pathOp: a shortest path between two random actors, at most 6 relations.
// The answers compared are the lengths: among equally short paths
// ecograph gives the one whose ids come first, Neo4j any.
func (e *env) pathOp() *op {
	eco := `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length actors { id name } relations { id type } } }`
	ecoNorm := func(d map[string]any) any { return num(d, "shortestPath", "length") }
	cypher := `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[:` + allTypes + `*..6]-(b))
RETURN length(p), [n IN nodes(p) | [n.id, n.name]], [r IN relationships(p) | [r.id, type(r)]]`
	cypherNorm := func(recs []*neo4j.Record) any {
		if n, ok := recs[0].Values[0].(int64); ok {
			return int(n)
		}
		return -1
	}
	vars := func(a *args) map[string]any { return map[string]any{"from": a.from, "to": a.to} }
	return &op{
		name:  "shortest-path",
		about: "shortestPath between two random actors (maxLength 6), with the actors' names and the relations' types",
		args: func(r *rand.Rand) *args {
			a := &args{from: pick(r, e.w.ids)}
			for a.to = pick(r, e.w.ids); a.to == a.from; a.to = pick(r, e.w.ids) {
			}
			return a
		},
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			e.raw(false, cypher, vars, cypherNorm),
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
			e.floorRTT(),
			{name: sysFloorBFS, check: true, call: func(_ context.Context, a *args) (any, error) {
				return e.w.floorPath(e.w.index[a.from], e.w.index[a.to], 6), nil
			}},
			e.floorJSON("shortest-path", func(a *args) string { return a.from + " " + a.to }),
		},
	}
}
