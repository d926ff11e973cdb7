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

// Network reads the whole network for analytics in one read transaction:
// of each actor and relation only what store.BuildNetwork reads.
func (s *Store) Network(ctx context.Context) (*store.Network, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Network, error) {
		recs, err := rows(ctx, tx, "MATCH (a:Actor) RETURN a.id, a.kind, a.country, a.founded, a.startDate, a.endDate", nil)
		if err != nil {
			return nil, err
		}
		actors := make([]*store.Actor, len(recs))
		for i, rec := range recs {
			v := rec.Values
			actors[i] = &store.Actor{
				ID: asString(v[0]), Kind: store.Kind(asString(v[1])), CountryID: asString(v[2]),
				Founded: parsedDate(v[3]), StartDate: parsedDate(v[4]), EndDate: parsedDate(v[5]),
			}
		}
		recs, err = rows(ctx, tx, "MATCH (a:Actor)-[r:"+allTypes+"]->(b:Actor) RETURN r.id, type(r), a.id, b.id, r.since, r.until", nil)
		if err != nil {
			return nil, err
		}
		relations := make([]*store.Relation, len(recs))
		for i, rec := range recs {
			v := rec.Values
			relations[i] = &store.Relation{
				ID: asString(v[0]), Type: store.RelationType(asString(v[1])), From: asString(v[2]), To: asString(v[3]),
				Since: parsedDate(v[4]), Until: parsedDate(v[5]),
			}
		}
		return store.BuildNetwork(actors, relations), nil
	})
}

var _ store.Networker = (*Store)(nil)
