package neo4j

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// The network's version lives on one node, which every write transaction
// gives a new random value first thing (see write). A random value rather
// than a counter: a database wiped and written again never repeats one.
const (
	bumpVersion = "MERGE (m:EcographMeta {key: 'network'}) SET m.version = randomUUID()"
	readVersion = "OPTIONAL MATCH (m:EcographMeta {key: 'network'}) RETURN m.version"
)

// NetworkVersion returns the version the last write left, by any process
// sharing the database.
func (s *Store) NetworkVersion(ctx context.Context) (string, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (string, error) {
		recs, err := rows(ctx, tx, readVersion, nil)
		if err != nil || len(recs) == 0 {
			return "", err
		}
		return asString(recs[0].Values[0]), nil
	})
}

// Network reads the whole network for analytics in one query: a row per
// actor with what store.BuildNetwork reads of it and of the relations
// from it, streamed rather than collected, so that 500,000 relations are
// 100,000 records and not held twice.
func (s *Store) Network(ctx context.Context) (*store.Network, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Network, error) {
		queries.Add(1)
		res, err := tx.Run(ctx, "MATCH (a:Actor) RETURN a.id, a.kind, a.country, a.founded, a.startDate, a.endDate, "+
			"COLLECT { MATCH (a)-[r:"+allTypes+"]->(b:Actor) RETURN [r.id, type(r), b.id, r.since, r.until] } AS out", nil)
		if err != nil {
			return nil, err
		}
		var actors []*store.Actor
		var relations []*store.Relation
		for res.Next(ctx) {
			v := res.Record().Values
			a := &store.Actor{
				ID: asString(v[0]), Kind: store.Kind(asString(v[1])), CountryID: asString(v[2]),
				Founded: parsedDate(v[3]), StartDate: parsedDate(v[4]), EndDate: parsedDate(v[5]),
			}
			actors = append(actors, a)
			out, _ := v[6].([]any)
			for _, item := range out {
				r, _ := item.([]any)
				if len(r) != 5 {
					continue
				}
				relations = append(relations, &store.Relation{
					ID: asString(r[0]), Type: store.RelationType(asString(r[1])), From: a.ID, To: asString(r[2]),
					Since: parsedDate(r[3]), Until: parsedDate(r[4]),
				})
			}
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		return store.BuildNetwork(actors, relations), nil
	})
}

var _ store.Networker = (*Store)(nil)
