package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// The write: 10 new organisations, each citing the network's source, and
// a PARTNERS_WITH relation from each to an existing organisation. ecograph
// makes them with one createMany mutation (one transaction); the peer with one createOrganizations mutation that connects
// each to its partner; Cypher with one UNWIND statement. Their ids begin
// with benchPrefix, so that loadNeo4j and the end of the run delete them.

const writeSize = 10

// writeIDs are the ids system tag gives the write a: actors, then relations.
func (e *env) writeIDs(tag string, a *args) (actors, rels []string) {
	for i := range writeSize {
		base := fmt.Sprintf("%s%s-%s-%d-%d", benchPrefix, e.run, tag, a.seq, i)
		actors = append(actors, base)
		rels = append(rels, base+"-r")
	}
	return actors, rels
}

func writeName(a *args, i int) string { return fmt.Sprintf("Bench Partner %d-%d", a.seq, i) }

func (e *env) writeOp() *op {
	const ecoMutation = `mutation($input: CreateManyInput!) { createMany(input: $input) { actors { id } relations { id } } }`
	cite := []map[string]any{{"source": synth.SourceID}}

	eco := func(name string, c *client) system {
		vars := func(a *args) map[string]any {
			actors, rels := e.writeIDs(name, a)
			as, rs := make([]map[string]any, writeSize), make([]map[string]any, writeSize)
			for i := range writeSize {
				as[i] = map[string]any{"id": actors[i], "kind": "ORGANIZATION", "name": writeName(a, i), "citations": cite}
				rs[i] = map[string]any{"id": rels[i], "type": "PARTNERS_WITH", "from": actors[i], "to": a.partners[i], "citations": cite}
			}
			return map[string]any{"input": map[string]any{"actors": as, "relations": rs}}
		}
		return system{name: name, check: true, query: ecoMutation, vars: vars, call: func(ctx context.Context, a *args) (any, error) {
			if err := c.send(ctx, ecoMutation, vars(a)); err != nil {
				return nil, err
			}
			actors, _ := e.writeIDs(name, a)
			return e.readBack(ctx, a, actors)
		}}
	}
	peerMutation := `mutation($input: [OrganizationCreateInput!]!) { createOrganizations(input: $input) { organizations { id } } }`
	peer := system{name: sysPeer, check: true, call: func(ctx context.Context, a *args) (any, error) {
		actors, rels := e.writeIDs(sysPeer, a)
		input := make([]map[string]any, writeSize)
		for i := range writeSize {
			name := writeName(a, i)
			input[i] = map[string]any{
				"id": actors[i], "kind": "ORGANIZATION", "name": name, "sortKey": store.SortKey(name),
				"citeSource": []string{synth.SourceID}, "citeExcerpt": []string{""},
				"partnersWith": map[string]any{"connect": []any{map[string]any{
					"where": map[string]any{"node": map[string]any{"id": map[string]any{"eq": a.partners[i]}}},
					"edge":  map[string]any{"id": rels[i], "citeSource": []string{synth.SourceID}, "citeExcerpt": []string{""}},
				}}},
			}
		}
		if err := e.peer.send(ctx, peerMutation, map[string]any{"input": input}); err != nil {
			return nil, err
		}
		return e.readBack(ctx, a, actors)
	}}
	cypher := `UNWIND $rows AS row
CREATE (a:Actor:Organization {id: row.id, kind: 'ORGANIZATION', name: row.name, sortKey: row.sortKey, citeSource: row.cs, citeExcerpt: row.ce})
WITH a, row
MATCH (b:Actor {id: row.partner})
CREATE (a)-[:PARTNERS_WITH {id: row.rid, citeSource: row.cs, citeExcerpt: row.ce}]->(b)`
	raw := system{name: sysCypher, check: true, call: func(ctx context.Context, a *args) (any, error) {
		actors, rels := e.writeIDs(sysCypher, a)
		rows := make([]any, writeSize)
		for i := range writeSize {
			name := writeName(a, i)
			rows[i] = map[string]any{"id": actors[i], "name": name, "sortKey": store.SortKey(name), "partner": a.partners[i],
				"rid": rels[i], "cs": []string{synth.SourceID}, "ce": []string{""}}
		}
		if _, err := e.cypher(ctx, true, cypher, map[string]any{"rows": rows}); err != nil {
			return nil, err
		}
		return e.readBack(ctx, a, actors)
	}}
	return &op{
		name:  "write",
		about: "10 new organisations and a PARTNERS_WITH relation from each to an existing one: ecograph's createMany (one mutation, one transaction), the peer's createOrganizations with connect, Cypher's UNWIND … CREATE",
		args: func(r *rand.Rand) *args {
			a := &args{seq: e.seq.Add(1)}
			for range writeSize {
				a.partners = append(a.partners, pick(r, e.w.byKind[store.KindOrganization]))
			}
			return a
		},
		systems: []system{eco(sysEco, e.eco), peer, raw},
	}
}

// readBack is what a write stored, for the check (a.verify) only: each
// new actor's labels and properties and its relation, with the writer's
// part of the ids cut off.
func (e *env) readBack(ctx context.Context, a *args, ids []string) (any, error) {
	if !a.verify {
		return nil, nil
	}
	recs, err := e.cypher(ctx, false, `MATCH (a:Actor) WHERE a.id IN $ids
OPTIONAL MATCH (a)-[r:PARTNERS_WITH]->(b:Actor)
RETURN a.id, labels(a), a.kind, a.name, a.sortKey, a.citeSource, r.id, b.id, r.citeSource ORDER BY a.id`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	prefix := strings.TrimSuffix(ids[0], "0")
	out := []string{}
	for _, rec := range recs {
		v := rec.Values
		var labels []string
		for _, l := range rlist(v[1]) {
			labels = append(labels, rs(l))
		}
		slices.Sort(labels)
		out = append(out, line(strings.TrimPrefix(rs(v[0]), prefix), strings.Join(labels, ":"), rs(v[2]), rs(v[3]), rs(v[4]),
			fmt.Sprint(v[5]), strings.TrimPrefix(rs(v[6]), prefix), rs(v[7]), fmt.Sprint(v[8])))
	}
	return out, nil
}
