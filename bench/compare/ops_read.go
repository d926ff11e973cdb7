package main

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// The reads of the issue: a nested list, a node and its neighbours,
// connection pages, a count and a read through the Actor interface.

func line(fields ...string) string {
	s := fields[0]
	for _, f := range fields[1:] {
		s += "|" + f
	}
	return s
}

// nestedOp: 20 universities of a country, each with its first 10 FOUNDED
// relations and the actor each points to.
func (e *env) nestedOp() *op {
	eco := `query($country: ID!) { actors(kinds: [UNIVERSITY], country: $country, first: 20) { edges { node { id name
  relations(direction: OUT, types: [FOUNDED], first: 10) { edges { node { id since } other { id name } } } } } } }`
	ecoNorm := func(d map[string]any) any {
		out := []string{}
		for _, ed := range list(d, "actors", "edges") {
			n := get(ed, "node")
			out = append(out, line(str(n, "id"), str(n, "name")))
			for _, r := range list(n, "relations", "edges") {
				out = append(out, "  "+line(str(r, "node", "id"), str(r, "node", "since"), str(r, "other", "id"), str(r, "other", "name")))
			}
		}
		return out
	}
	peer := `query($country: String!) { universities(where: {country: {eq: $country}}, limit: 20, sort: [{sortKey: ASC}, {id: ASC}]) { id name
  foundedActorsConnection(first: 10, sort: [{node: {sortKey: ASC}}, {node: {id: ASC}}, {edge: {id: ASC}}]) { edges { properties { id since } node { id name } } } } }`
	peerNorm := func(d map[string]any) any {
		out := []string{}
		for _, u := range list(d, "universities") {
			out = append(out, line(str(u, "id"), str(u, "name")))
			for _, r := range list(u, "foundedActorsConnection", "edges") {
				out = append(out, "  "+line(str(r, "properties", "id"), str(r, "properties", "since"), str(r, "node", "id"), str(r, "node", "name")))
			}
		}
		return out
	}
	cypher := `MATCH (u:Actor:University) WHERE u.country = $country
WITH u ORDER BY u.sortKey, u.id LIMIT 20
CALL (u) {
  OPTIONAL MATCH (u)-[r:FOUNDED]->(b:Actor)
  WITH r, b ORDER BY b.sortKey, b.id, r.id LIMIT 10
  RETURN collect(CASE WHEN r IS NOT NULL THEN [r.id, r.since, b.id, b.name] END) AS rels
}
RETURN u.id, u.name, rels ORDER BY u.sortKey, u.id`
	cypherNorm := func(recs []*neo4j.Record) any {
		out := []string{}
		for _, rec := range recs {
			out = append(out, line(rs(rec.Values[0]), rs(rec.Values[1])))
			for _, r := range rlist(rec.Values[2]) {
				f := rlist(r)
				out = append(out, "  "+line(rs(f[0]), rs(f[1]), rs(f[2]), rs(f[3])))
			}
		}
		return out
	}
	vars := func(a *args) map[string]any { return map[string]any{"country": a.country} }
	return &op{
		name:  "nested-list",
		about: "20 universities of a random country, each with its first 10 FOUNDED relations and the actor at their far end",
		args:  func(r *rand.Rand) *args { return &args{country: pick(r, e.w.uniCountries)} },
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			gql(sysPeer, e.peer, peer, vars, peerNorm),
			e.raw(false, cypher, vars, cypherNorm),
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
		},
	}
}

// neighboursOp: an event with at least 50 participants and its first 50
// PARTICIPATED_IN relations, by the far end's name. (A country and its
// LOCATED_IN relations would be the bigger hub, but the peer collects
// every relation of the node before it sorts them: at 100,000 actors a
// country's thousands pass Neo4j's transaction memory limit.)
func (e *env) neighboursOp() *op {
	eco := `query($id: ID!) { actor(id: $id) { id name
  relations(direction: IN, types: [PARTICIPATED_IN], first: 50) { edges { node { id } other { id name kind } } } } }`
	ecoNorm := func(d map[string]any) any {
		a := get(d, "actor")
		out := []string{line(str(a, "id"), str(a, "name"))}
		for _, r := range list(a, "relations", "edges") {
			out = append(out, line(str(r, "node", "id"), str(r, "other", "id"), str(r, "other", "name"), str(r, "other", "kind")))
		}
		return out
	}
	peer := `query($id: ID!) { events(where: {id: {eq: $id}}) { id name
  participantsConnection(first: 50, sort: [{node: {sortKey: ASC}}, {node: {id: ASC}}, {edge: {id: ASC}}]) { edges { properties { id } node { id name kind } } } } }`
	peerNorm := func(d map[string]any) any {
		c := list(d, "events")
		if len(c) != 1 {
			return fmt.Sprintf("%d events", len(c))
		}
		out := []string{line(str(c[0], "id"), str(c[0], "name"))}
		for _, r := range list(c[0], "participantsConnection", "edges") {
			out = append(out, line(str(r, "properties", "id"), str(r, "node", "id"), str(r, "node", "name"), str(r, "node", "kind")))
		}
		return out
	}
	cypher := `MATCH (c:Actor {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[r:PARTICIPATED_IN]-(b:Actor)
  WITH r, b ORDER BY b.sortKey, b.id, r.id LIMIT 50
  RETURN collect(CASE WHEN r IS NOT NULL THEN [r.id, b.id, b.name, b.kind] END) AS rels
}
RETURN c.id, c.name, rels`
	cypherNorm := func(recs []*neo4j.Record) any {
		if len(recs) != 1 {
			return fmt.Sprintf("%d events", len(recs))
		}
		v := recs[0].Values
		out := []string{line(rs(v[0]), rs(v[1]))}
		for _, r := range rlist(v[2]) {
			f := rlist(r)
			out = append(out, line(rs(f[0]), rs(f[1]), rs(f[2]), rs(f[3])))
		}
		return out
	}
	vars := func(a *args) map[string]any { return map[string]any{"id": a.id} }
	return &op{
		name:  "node+50",
		about: "a random event of at least 50 participants and its first 50 PARTICIPATED_IN relations, by the far end's name, with the actor at the far end",
		args:  func(r *rand.Rand) *args { return &args{id: pick(r, e.w.busyEvents)} },
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			gql(sysPeer, e.peer, peer, vars, peerNorm),
			e.raw(false, cypher, vars, cypherNorm),
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
		},
	}
}

// pageOp: page n of 50 startups in name order, with the total and whether
// more follow. ecograph pages by a keyset cursor; the peer's cursors are
// offsets. (The peer's connection over the Actor interface, all kinds,
// sorts every actor of every kind in one transaction: at 20,000 actors it
// passes Neo4j's transaction memory limit, so the page is of one kind,
// which the peer reads from one label.)
func (e *env) pageOp(name string, n int) *op {
	a := &args{}
	if n > 1 {
		last := e.w.startups[(n-1)*50-1]
		a.key, a.keyID = store.SortKey(last.Name), last.ID
		a.after = store.KeyCursor(a.key, a.keyID)
		a.offset = (n - 1) * 50
	}
	eco := `query($after: String) { actors(kinds: [STARTUP], first: 50, after: $after) { totalCount pageInfo { hasNextPage } edges { node { id name kind } } } }`
	peer := `query($after: String) { startupsConnection(first: 50, after: $after, sort: [{sortKey: ASC}, {id: ASC}]) { totalCount pageInfo { hasNextPage } edges { node { id name kind } } } }`
	norm := func(field string) func(map[string]any) any {
		return func(d map[string]any) any {
			c := get(d, field)
			out := []string{fmt.Sprintf("total %d, more %s", num(c, "totalCount"), str(c, "pageInfo", "hasNextPage"))}
			for _, ed := range list(c, "edges") {
				out = append(out, line(str(ed, "node", "id"), str(ed, "node", "name"), str(ed, "node", "kind")))
			}
			return out
		}
	}
	// a.id IS NOT NULL: Neo4j reads a composite index only when every
	// property of it is in the predicate; then the index gives the order.
	cypher := `MATCH (a:Actor) WHERE a.sortKey >= $key AND a.id IS NOT NULL AND NOT (a.sortKey = $key AND a.id <= $id) AND a.kind = 'STARTUP'
WITH a ORDER BY a.sortKey, a.id LIMIT 51
WITH collect([a.id, a.name, a.kind]) AS page
RETURN COUNT { (:Startup) } AS total, page`
	cypherNorm := func(recs []*neo4j.Record) any {
		page := rlist(recs[0].Values[1])
		out := []string{fmt.Sprintf("total %d, more %v", recs[0].Values[0], len(page) > 50)}
		for _, p := range page[:min(len(page), 50)] {
			f := rlist(p)
			out = append(out, line(rs(f[0]), rs(f[1]), rs(f[2])))
		}
		return out
	}
	ecoVars := func(a *args) map[string]any {
		if a.after == "" {
			return map[string]any{"after": nil}
		}
		return map[string]any{"after": a.after}
	}
	peerVars := func(a *args) map[string]any {
		if a.offset == 0 {
			return map[string]any{"after": nil}
		}
		return map[string]any{"after": base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "arrayconnection:%d", a.offset-1))}
	}
	return &op{
		name:  name,
		about: fmt.Sprintf("page %d of the startups, 50 a page in name order, with totalCount and hasNextPage", n),
		args:  func(*rand.Rand) *args { return a },
		systems: []system{
			gql(sysEco, e.eco, eco, ecoVars, norm("actors")),
			gql(sysPeer, e.peer, peer, peerVars, norm("startupsConnection")),
			e.raw(false, cypher, func(a *args) map[string]any { return map[string]any{"key": a.key, "id": a.keyID} }, cypherNorm),
			gql(sysEmbedded, e.emb, eco, ecoVars, norm("actors")),
		},
	}
}

// countOp: how many startups there are.
func (e *env) countOp() *op {
	none := func(*args) map[string]any { return nil }
	return &op{
		name:  "count",
		about: "the number of startups (a connection's totalCount alone)",
		args:  func(*rand.Rand) *args { return &args{} },
		systems: []system{
			gql(sysEco, e.eco, `{ actors(kinds: [STARTUP], first: 0) { totalCount } }`, none,
				func(d map[string]any) any { return num(d, "actors", "totalCount") }),
			gql(sysPeer, e.peer, `{ startupsConnection { totalCount } }`, none,
				func(d map[string]any) any { return num(d, "startupsConnection", "totalCount") }),
			e.raw(false, `MATCH (a:Startup) RETURN count(a)`, none,
				func(recs []*neo4j.Record) any { return int(recs[0].Values[0].(int64)) }),
			gql(sysEmbedded, e.emb, `{ actors(kinds: [STARTUP], first: 0) { totalCount } }`, none,
				func(d map[string]any) any { return num(d, "actors", "totalCount") }),
		},
	}
}

// interfaceOp: the first 50 startups, organisations and events of a
// country, with each kind's own fields through inline fragments.
func (e *env) interfaceOp() *op {
	frag := `... on Startup { founded } ... on Organization { category } ... on Event { startDate online }`
	eco := `query($country: ID!) { actors(kinds: [STARTUP, ORGANIZATION, EVENT], country: $country, first: 50) { edges { node { id name kind ` + frag + ` } } } }`
	peer := `query($country: String!) { actors(where: {country: {eq: $country}, typename: [Startup, Organization, Event]}, limit: 50, sort: [{sortKey: ASC}, {id: ASC}]) { id name kind ` + frag + ` } }`
	row := func(n any) string {
		return line(str(n, "id"), str(n, "name"), str(n, "kind"), str(n, "founded"), str(n, "category"), str(n, "startDate"), str(n, "online"))
	}
	ecoNorm := func(d map[string]any) any {
		out := []string{}
		for _, ed := range list(d, "actors", "edges") {
			out = append(out, row(get(ed, "node")))
		}
		return out
	}
	peerNorm := func(d map[string]any) any {
		out := []string{}
		for _, n := range list(d, "actors") {
			out = append(out, row(n))
		}
		return out
	}
	cypher := `MATCH (a:Actor) WHERE a.country = $country AND a.kind IN ['STARTUP', 'ORGANIZATION', 'EVENT']
RETURN a.id, a.name, a.kind, a.founded, a.category, a.startDate, a.online ORDER BY a.sortKey, a.id LIMIT 50`
	cypherNorm := func(recs []*neo4j.Record) any {
		out := []string{}
		for _, rec := range recs {
			v := rec.Values
			out = append(out, line(rs(v[0]), rs(v[1]), rs(v[2]), rs(v[3]), rs(v[4]), rs(v[5]), rs(v[6])))
		}
		return out
	}
	vars := func(a *args) map[string]any { return map[string]any{"country": a.country} }
	return &op{
		name:  "interface",
		about: "the first 50 startups, organisations and events of a random country through the Actor interface, each kind's own fields by inline fragments",
		args:  func(r *rand.Rand) *args { return &args{country: pick(r, e.w.uniCountries)} },
		systems: []system{
			gql(sysEco, e.eco, eco, vars, ecoNorm),
			gql(sysPeer, e.peer, peer, vars, peerNorm),
			e.raw(false, cypher, vars, cypherNorm),
			gql(sysEmbedded, e.emb, eco, vars, ecoNorm),
		},
	}
}
