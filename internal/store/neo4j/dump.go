package neo4j

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// The dump's queries, one per kind of record, each in id order. Records
// stream: the driver fetches them in batches as v takes them.
var (
	dumpSources   = "MATCH (s:Source) RETURN s ORDER BY s.id"
	dumpActors    = "MATCH (a:Actor) RETURN a ORDER BY a.id"
	dumpRelations = "MATCH (a:Actor)-[r:" + allTypes + "]->(b:Actor) RETURN r, a.id, b.id ORDER BY r.id"
)

// Dump calls v with every source, actor and relation, each kind in id
// order, read in one transaction. Neo4j reads committed data, so a write
// that lands during a dump may show in a later part of it.
//
// The transaction is an explicit one, not a managed one: a managed
// transaction may run its work again after a transient error, and v
// cannot take back what it has been given.
func (s *Store) Dump(ctx context.Context, v store.Visitor) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(context.Background())
	tx, err := session.BeginTransaction(ctx, txConfig(ctx)...)
	if err != nil {
		return s.fail(ctx, err)
	}
	defer tx.Close(context.Background())
	each := func(query string, visit func(*neo4j.Record) error) error {
		queries.Add(1)
		res, err := tx.Run(ctx, query, nil)
		if err != nil {
			return s.fail(ctx, err)
		}
		for res.Next(ctx) {
			if err := visit(res.Record()); err != nil {
				return err
			}
		}
		return s.fail(ctx, res.Err())
	}
	if v.Source != nil {
		if err := each(dumpSources, func(rec *neo4j.Record) error {
			return v.Source(decodeSource(rec.Values[0].(dbtype.Node)))
		}); err != nil {
			return err
		}
	}
	if v.Actor != nil {
		if err := each(dumpActors, func(rec *neo4j.Record) error {
			return v.Actor(decodeActor(rec.Values[0].(dbtype.Node)))
		}); err != nil {
			return err
		}
	}
	if v.Relation != nil {
		if err := each(dumpRelations, func(rec *neo4j.Record) error {
			return v.Relation(decodeRelation(rec.Values[0].(dbtype.Relationship), asString(rec.Values[1]), asString(rec.Values[2])))
		}); err != nil {
			return err
		}
	}
	return nil
}

// Lookup tells what the database holds of ids.
func (s *Store) Lookup(ctx context.Context, ids []string) (store.Known, error) {
	k, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (*known, error) { return lookup(ctx, tx, ids) })
	if err != nil {
		return nil, err
	}
	return k, nil
}
