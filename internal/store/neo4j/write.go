package neo4j

import (
	"context"
	"reflect"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// Every write checks what it needs with the functions the embedded store
// uses (store.Conflict, store.CheckActorRefs, store.PlanLoad, ...) over a
// known: what the database holds of the ids the write names, read in the
// write's own transaction. Each write is one managed transaction; its
// work function starts from its arguments every time, so a retry after a
// transient error does the same thing again. A race for one id that both
// writers' checks passed ends at a uniqueness constraint: a conflict.

// known is what the database holds of some ids: a store.Known.
type known struct {
	holders map[string]string
	actors  map[string]*store.Actor
}

func (k *known) Holder(id string) string      { return k.holders[id] }
func (k *known) Actor(id string) *store.Actor { return k.actors[id] }
func (k *known) HasSource(id string) bool     { return k.holders[id] == "source" }

// lookup reads what holds each of ids, of a stored actor only its kind,
// all that the checks read (store.Known): a write's few ids in one
// statement (lookupAllQuery), an import's many in two, the second for the
// ids no actor or source holds.
func lookup(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (*known, error) {
	if len(ids) == 0 {
		return &known{holders: map[string]string{}, actors: map[string]*store.Actor{}}, nil
	}
	if len(ids) <= smallLookup {
		return lookupOne(ctx, tx, lookupAllQuery, ids)
	}
	return lookupMany(ctx, tx, ids)
}

// lockAndLookup is lookup that takes the network version's lock first
// (bumpVersion, as write does): for a write's few ids in the same
// statement, one round trip less in the turn.
func lockAndLookup(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (*known, error) {
	if len(ids) <= smallLookup {
		return lookupOne(ctx, tx, lockedLookupQuery, ids)
	}
	if _, err := rows(ctx, tx, bumpVersion, nil); err != nil {
		return nil, err
	}
	return lookupMany(ctx, tx, ids)
}

// lookupOne reads what holds ids with query, lookupAllQuery or
// lockedLookupQuery: one record of actors' [id, kind] pairs, sources'
// ids and relations' ids.
func lookupOne(ctx context.Context, tx neo4j.ManagedTransaction, query string, ids []string) (*known, error) {
	recs, err := rows(ctx, tx, query, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	k := holders(recs[0])
	for _, id := range asList(recs[0].Values[2]) {
		k.holders[asString(id)] = "relation"
	}
	return k, nil
}

// lookupMany reads what holds ids in two statements, the second for the
// ids no actor or source holds (an id is held once in the store); a batch
// of relations names far more actors.
func lookupMany(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (*known, error) {
	recs, err := rows(ctx, tx, lookupQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	k := holders(recs[0])
	var rest []any
	for _, id := range ids {
		if k.holders[id] == "" {
			rest = append(rest, id)
		}
	}
	if len(rest) == 0 {
		return k, nil
	}
	recs, err = rows(ctx, tx, relationIDsQuery, map[string]any{"ids": rest})
	if err != nil {
		return nil, err
	}
	for _, id := range asList(recs[0].Values[0]) {
		k.holders[asString(id)] = "relation"
	}
	return k, nil
}

// holders reads the actors and sources of a lookup's record.
func holders(rec *neo4j.Record) *known {
	k := &known{holders: map[string]string{}, actors: map[string]*store.Actor{}}
	for _, pair := range asList(rec.Values[0]) {
		p := asList(pair)
		id := asString(p[0])
		k.holders[id], k.actors[id] = "actor", &store.Actor{ID: id, Kind: store.Kind(asString(p[1]))}
	}
	for _, id := range asList(rec.Values[1]) {
		k.holders[asString(id)] = "source"
	}
	return k
}

// The statements that find actors, sources or relations by id, run on
// batches of thousands of ids, say USING INDEX SEEK: a plan made while a
// label or type was still empty may otherwise read the whole index for
// each id (see relationByIDQuery), and Neo4j keeps such a plan cached
// until its statistics have drifted far enough.
const (
	// lookupQuery answers in one record, [id, kind] pairs of the actors and
	// the ids of the sources: a record costs about 15 µs between server and
	// driver (30,000 ids: 0.56 s as records, 0.05 s counted), more than
	// the two index seeks of an id.
	lookupQuery = "UNWIND $ids AS id OPTIONAL MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) WITH id, a " +
		"OPTIONAL MATCH (s:Source {id: id}) USING INDEX SEEK s:Source(id) " +
		"RETURN collect(CASE WHEN a IS NOT NULL THEN [id, a.kind] END), collect(CASE WHEN s IS NOT NULL THEN id END)"
	putSourcesQuery = "UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s = row"
	putNamesQuery   = "UNWIND $rows AS row MATCH (a:Actor {id: row.id}) USING INDEX SEEK a:Actor(id) " + replaceNames
)

// replaceNames replaces the :Name nodes and :TERM links of the actor a by
// those of row (termRow): putActorsQuery, putNamesQuery and Reindex
// write them so. A :Term node is shared by every actor whose names have
// the term, and outlives them (an unlinked term finds nobody). Only the
// links that change are deleted and made: a transaction that deletes
// thousands of links of the common terms (Reindex's 2,000 actors) made
// each later look-up of those terms in it slow, 7 s for one batch.
const replaceNames = "CALL (a) { MATCH (a)-[:NAMED]->(n:Name) DETACH DELETE n } " +
	"CALL (a, row) { MATCH (a)-[r:TERM]->(t:Term) WHERE NOT t.k IN row.terms AND NOT t.k IN row.suffixes DELETE r } " +
	"WITH a, row, [(a)-[:TERM]->(t:Term) | t.k] AS linked " + linkTerms +
	"WITH a, row UNWIND row.names AS nm CREATE (a)-[:NAMED]->(:Name {value: nm.value, rank: nm.rank})"

// linkTerms links the actor a to the :Term nodes of row's terms and
// suffixes not linked yet, making those missing (the Cypher script writes
// it too, with nothing linked). The links there are, a few, are read from
// the actor's side; a MERGE of each link would lock both its ends, and
// every write that links a common term would wait on it.
const linkTerms = "CALL (a, row, linked) { UNWIND row.terms AS k WITH k WHERE NOT k IN linked MERGE (t:Term {k: k}) CREATE (a)-[:TERM]->(t) } " +
	"CALL (a, row, linked) { UNWIND row.suffixes AS k WITH k WHERE NOT k IN linked MERGE (t:Term:Suffix {k: k}) CREATE (a)-[:TERM]->(t) } "

// lookupAllQuery is lookupQuery that also returns, third, the ids
// relations hold: for a write's few ids (smallLookup) one round trip,
// where seeking each id in every relation type's index costs little. Only
// the ids no actor or source holds are sought there (an id is held once):
// of the harness's write, the new ids, not the partners nor the source.
var lookupAllQuery = "UNWIND $ids AS id OPTIONAL MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) WITH id, a " +
	"OPTIONAL MATCH (s:Source {id: id}) USING INDEX SEEK s:Source(id) " +
	"WITH collect(CASE WHEN a IS NOT NULL THEN [id, a.kind] END) AS actors, collect(CASE WHEN s IS NOT NULL THEN id END) AS sources, " +
	"collect(CASE WHEN a IS NULL AND s IS NULL THEN id END) AS free " +
	// The free ids go to the relation indexes as a list of their own: a
	// filter on each id's a and s is planned after the seeks.
	"CALL (free) { UNWIND free AS rid CALL (rid) {\n" +
	relationBranches("MATCH ()-[r:%[1]s {id: rid}]->() USING INDEX SEEK r:%[1]s(id) RETURN rid AS found") +
	"} RETURN collect(found) AS rels } RETURN actors, sources, rels"

// lockedLookupQuery is lookupAllQuery after bumpVersion: the lock, then
// the look-up, in one statement.
var lockedLookupQuery = bumpVersion + " WITH count(*) AS locked " + lookupAllQuery

// smallLookup is the most ids lookup finds in one statement.
const smallLookup = 1000

// putRelationsQuery creates relations of type t from $rows.
func putRelationsQuery(t store.RelationType) string {
	return "UNWIND $rows AS row MATCH (f:Actor {id: row.from}) USING INDEX SEEK f:Actor(id) " +
		"MATCH (t:Actor {id: row.to}) USING INDEX SEEK t:Actor(id) " +
		"CREATE (f)-[r:" + string(t) + "]->(t) SET r = row.props"
}

// deleteRelationsQuery deletes the relations of type t that $ids name.
func deleteRelationsQuery(t store.RelationType) string {
	return "UNWIND $ids AS rid MATCH ()-[r:" + string(t) + " {id: rid}]->() USING INDEX SEEK r:" + string(t) + "(id) DELETE r"
}

// freshID makes a new id from a name that nothing holds yet.
func freshID(ctx context.Context, tx neo4j.ManagedTransaction, name string) (string, error) {
	for {
		id := store.NewID(name)
		k, err := lookup(ctx, tx, []string{id})
		if err != nil || k.Holder(id) == "" {
			return id, err
		}
	}
}

func citedSources(cs []store.Citation) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.SourceID
	}
	return ids
}

// UpdateActor applies the patch to actor id, checked as CreateActor checks.
func (s *Store) UpdateActor(ctx context.Context, id string, p store.ActorPatch) (*store.Actor, error) {
	return write(ctx, s, func(tx neo4j.ManagedTransaction, cs *changes) (*store.Actor, error) {
		// Reads do not lock, but write has taken the network version's
		// lock first thing, so no other write runs between this read and
		// the commit: the patch (and its Edit) applies to the actor as it
		// stands.
		olds, err := actorsByID(ctx, tx, []string{id})
		if err != nil {
			return nil, err
		}
		old := olds[0]
		if old == nil {
			return nil, &store.NotFoundError{What: "actor", ID: id}
		}
		patched, err := p.Apply(*old)
		if err != nil {
			return nil, err
		}
		a := store.CloneActor(patched)
		if err := store.ValidateActor(a); err != nil {
			return nil, err
		}
		k, err := lookup(ctx, tx, append([]string{a.CountryID}, citedSources(a.Citations)...))
		if err != nil {
			return nil, err
		}
		if err := store.CheckActorRefs(a, k); err != nil {
			return nil, err
		}
		if sameActor(a, old) {
			return old, nil
		}
		cs.actor(store.Updated, a)
		return a, putActors(ctx, tx, []*store.Actor{a})
	})
}

// DeleteActor deletes actor id, its relations, and the country of the
// actors located in it, in one transaction. The feed records the
// relations deleted, the actors located in it updated, then the actor
// deleted, each as it was (or became).
func (s *Store) DeleteActor(ctx context.Context, id string) error {
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction, cs *changes) (struct{}, error) {
		olds, err := actorsByID(ctx, tx, []string{id})
		if err != nil {
			return struct{}{}, err
		}
		if olds[0] == nil {
			return struct{}{}, &store.NotFoundError{What: "actor", ID: id}
		}
		recs, err := rows(ctx, tx, "MATCH (a:Actor {id: $id})-[r:"+allTypes+"]-(:Actor) "+
			"RETURN DISTINCT r, startNode(r).id, endNode(r).id", map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		rels := make([]*store.Relation, 0, len(recs))
		for _, rec := range recs {
			rels = append(rels, decodeRelation(rec.Values[0].(dbtype.Relationship), asString(rec.Values[1]), asString(rec.Values[2])))
		}
		recs, err = rows(ctx, tx, "MATCH (x:Actor {country: $id}) REMOVE x.country RETURN x", map[string]any{"id": id})
		if err != nil {
			return struct{}{}, err
		}
		located := make([]*store.Actor, 0, len(recs))
		for _, rec := range recs {
			located = append(located, decodeActor(rec.Values[0].(dbtype.Node)))
		}
		for _, r := range sortedByID(rels, func(r *store.Relation) string { return r.ID }) {
			cs.relation(store.Deleted, r)
		}
		for _, a := range sortedByID(located, func(a *store.Actor) string { return a.ID }) {
			cs.actor(store.Updated, a)
		}
		cs.actor(store.Deleted, olds[0])
		_, err = rows(ctx, tx, "MATCH (a:Actor {id: $id}) CALL (a) { MATCH (a)-[:NAMED]->(n:Name) DETACH DELETE n } DETACH DELETE a", map[string]any{"id": id})
		return struct{}{}, err
	})
	return err
}

// DeleteRelation deletes relation id.
func (s *Store) DeleteRelation(ctx context.Context, id string) error {
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction, cs *changes) (struct{}, error) {
		rels, err := relationsByID(ctx, tx, []string{id})
		if err != nil {
			return struct{}{}, err
		}
		if rels[id] == nil {
			return struct{}{}, &store.NotFoundError{What: "relation", ID: id}
		}
		cs.relation(store.Deleted, rels[id])
		return struct{}{}, deleteRelations(ctx, tx, rels)
	})
	return err
}

// Load upserts a dataset by id in one transaction, checked by
// store.PlanLoad exactly as the embedded store checks it. Relations whose
// id is stored already are replaced (their type or ends may change).
func (s *Store) Load(ctx context.Context, d store.Dataset) error {
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction, cs *changes) (struct{}, error) {
		k, err := lookup(ctx, tx, d.IDs())
		if err != nil {
			return struct{}{}, err
		}
		p, err := store.PlanLoad(d, k)
		if err != nil {
			return struct{}{}, err
		}
		// Sources, actors and relations stored already as the dataset
		// has them are left alone: a file imported again writes nothing
		// but the network's version, and records no change.
		changed, err := changedSources(ctx, tx, p.Sources, k)
		if err != nil {
			return struct{}{}, err
		}
		var sources []any
		for _, src := range changed {
			sources = append(sources, sourceProps(src))
			cs.source(opFor(k.Holder(src.ID) == "source"), src)
		}
		for rows := range slices.Chunk(sources, batchSize) {
			if _, err := runRows(ctx, tx, putSourcesQuery, rows); err != nil {
				return struct{}{}, err
			}
		}
		var restored []string // stored actors the dataset names again
		for id := range p.Actors {
			if k.Holder(id) == "actor" {
				restored = append(restored, id)
			}
		}
		same := map[string]bool{}
		if len(restored) > 0 {
			olds, err := actorsByID(ctx, tx, restored)
			if err != nil {
				return struct{}{}, err
			}
			for _, old := range olds {
				if old != nil && sameActor(old, p.Actors[old.ID]) {
					same[old.ID] = true
				}
			}
		}
		actors := make([]*store.Actor, 0, len(p.Actors))
		for id, a := range p.Actors {
			if !same[id] {
				actors = append(actors, a)
			}
		}
		for _, a := range sortedByID(actors, func(a *store.Actor) string { return a.ID }) {
			cs.actor(opFor(k.Holder(a.ID) == "actor"), a)
		}
		if err := putActors(ctx, tx, actors); err != nil {
			return struct{}{}, err
		}
		var replaced []string // stored relations the dataset names again
		for id := range p.Relations {
			if k.Holder(id) == "relation" {
				replaced = append(replaced, id)
			}
		}
		stored := map[string]*store.Relation{}
		if len(replaced) > 0 {
			if stored, err = relationsByID(ctx, tx, replaced); err != nil {
				return struct{}{}, err
			}
			for id, old := range stored {
				if sameRelation(old, p.Relations[id]) {
					delete(p.Relations, id)
					delete(stored, id)
				}
			}
			if err := deleteRelations(ctx, tx, stored); err != nil {
				return struct{}{}, err
			}
		}
		rels := make([]*store.Relation, 0, len(p.Relations))
		for _, r := range p.Relations {
			rels = append(rels, r)
		}
		for _, r := range sortedByID(rels, func(r *store.Relation) string { return r.ID }) {
			cs.relation(opFor(k.Holder(r.ID) == "relation"), r)
		}
		return struct{}{}, putRelations(ctx, tx, rels)
	})
	return err
}

// changedSources returns, in id order, the sources of a load that are new
// or differ from what is stored.
func changedSources(ctx context.Context, tx neo4j.ManagedTransaction, sources map[string]*store.Source, k *known) ([]*store.Source, error) {
	var storedIDs []string
	for id := range sources {
		if k.Holder(id) == "source" {
			storedIDs = append(storedIDs, id)
		}
	}
	same := map[string]bool{}
	if len(storedIDs) > 0 {
		recs, err := rows(ctx, tx, sourcesByIDQuery, map[string]any{"ids": storedIDs})
		if err != nil {
			return nil, err
		}
		olds := nodesByID(recs, storedIDs, decodeSource, func(s *store.Source) string { return s.ID })
		for _, old := range olds {
			if old != nil && reflect.DeepEqual(sourceProps(old), sourceProps(sources[old.ID])) {
				same[old.ID] = true
			}
		}
	}
	out := make([]*store.Source, 0, len(sources)-len(same))
	for id, src := range sources {
		if !same[id] {
			out = append(out, src)
		}
	}
	return sortedByID(out, func(s *store.Source) string { return s.ID }), nil
}

// sameActor reports whether a and b would be stored alike (names and
// aliases are properties too).
func sameActor(a, b *store.Actor) bool {
	return reflect.DeepEqual(actorProps(a), actorProps(b))
}

// sameRelation reports whether a and b would be stored alike.
func sameRelation(a, b *store.Relation) bool {
	return a.Type == b.Type && a.From == b.From && a.To == b.To && reflect.DeepEqual(relationProps(a), relationProps(b))
}

// batchSize is how many rows one UNWIND statement writes.
const batchSize = 5000

func runRows(ctx context.Context, tx neo4j.ManagedTransaction, query string, rs []any) ([]*neo4j.Record, error) {
	return rows(ctx, tx, query, map[string]any{"rows": rs})
}

// putActors creates or replaces actors with their :Name nodes, one
// statement per kind (a kind is a label) that writes the names too.
func putActors(ctx context.Context, tx neo4j.ManagedTransaction, actors []*store.Actor) error {
	byKind := map[store.Kind][]any{}
	for _, a := range actors {
		byKind[a.Kind] = append(byKind[a.Kind], actorRow(a))
	}
	for _, kind := range store.Kinds {
		for rs := range slices.Chunk(byKind[kind], batchSize) {
			if _, err := runRows(ctx, tx, putActorsQuery(kind), rs); err != nil {
				return err
			}
		}
	}
	return nil
}

// putActorsQuery creates or replaces actors of kind, and their :Name
// nodes (as putNamesQuery), from $rows of props and names.
func putActorsQuery(kind store.Kind) string {
	return "UNWIND $rows AS row MERGE (a:Actor {id: row.props.id}) SET a = row.props SET a:" + kindLabels[kind] + " " +
		"WITH a, row " + replaceNames
}

// putNames replaces the :Name nodes of stored actors, search terms and all.
func putNames(ctx context.Context, tx neo4j.ManagedTransaction, actors []*store.Actor) error {
	names := make([]any, len(actors))
	for i, a := range actors {
		names[i] = termRow(a)
	}
	for rs := range slices.Chunk(names, batchSize) {
		if _, err := runRows(ctx, tx, putNamesQuery, rs); err != nil {
			return err
		}
	}
	return nil
}

// putRelations creates relations, a statement per type.
func putRelations(ctx context.Context, tx neo4j.ManagedTransaction, rels []*store.Relation) error {
	byType := map[store.RelationType][]any{}
	for _, r := range rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
	}
	for _, t := range store.RelationTypes {
		for rs := range slices.Chunk(byType[t], batchSize) {
			if _, err := runRows(ctx, tx, putRelationsQuery(t), rs); err != nil {
				return err
			}
		}
	}
	return nil
}

// deleteRelations deletes stored relations, a statement per type.
func deleteRelations(ctx context.Context, tx neo4j.ManagedTransaction, rels map[string]*store.Relation) error {
	byType := map[store.RelationType][]string{}
	for id, r := range rels {
		byType[r.Type] = append(byType[r.Type], id)
	}
	for _, t := range store.RelationTypes {
		if len(byType[t]) == 0 {
			continue
		}
		if _, err := rows(ctx, tx, deleteRelationsQuery(t), map[string]any{"ids": byType[t]}); err != nil {
			return err
		}
	}
	return nil
}
