package neo4j

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// kindLabels names each kind's label beside :Actor, as Cypher labels are
// written: COUNTRY is :Country, GOVERNMENT_BODY is :GovernmentBody.
var kindLabels = func() map[store.Kind]string {
	m := make(map[store.Kind]string, len(store.Kinds))
	for _, k := range store.Kinds {
		var b strings.Builder
		for _, w := range strings.Split(string(k), "_") {
			b.WriteString(w[:1] + strings.ToLower(w[1:]))
		}
		m[k] = b.String()
	}
	return m
}()

// allTypes is every relation type as a Cypher relationship pattern: the
// walks and lists follow these and nothing else (not :NAMED).
var allTypes = typePattern(store.RelationTypes)

// typePattern writes relation types as a pattern's alternatives, as in
// "FOUNDED|LOCATED_IN". The types come from store.RelationTypes only:
// callers check them first (typeList), so no user text reaches a query.
func typePattern(types []store.RelationType) string {
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = string(t)
	}
	return strings.Join(parts, "|")
}

// schema is the constraints and indexes the queries use. Each statement
// is idempotent (IF NOT EXISTS, IF EXISTS), so every start may run them all.
func schema() []string {
	stmts := []string{
		"CREATE CONSTRAINT ecograph_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
		"CREATE CONSTRAINT ecograph_source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE",
		"CREATE INDEX ecograph_actor_order IF NOT EXISTS FOR (a:Actor) ON (a.sortKey, a.id)",
		"CREATE INDEX ecograph_actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
		"CREATE INDEX ecograph_actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country)",
		// Search finds the :Term nodes of names by key, whole or by its
		// beginning, and the word terms a typo may mean by their first
		// letters, all on the constraint's range index (search.go).
		"CREATE CONSTRAINT ecograph_term_key IF NOT EXISTS FOR (t:Term) REQUIRE t.k IS UNIQUE",
		// The text index of the word terms, which the typo tier read
		// until issue 14's fourth pass: no statement uses it, and each
		// new word term would update it.
		"DROP INDEX ecograph_suffix_key IF EXISTS",
		// The index of the terms each :Name node held as one string
		// before the :Term nodes.
		"DROP INDEX ecograph_name_terms IF EXISTS",
		// The indexes of the substring search before the terms.
		"DROP INDEX ecograph_name_text IF EXISTS",
		"DROP INDEX ecograph_name_key IF EXISTS",
		"CREATE CONSTRAINT ecograph_meta_key IF NOT EXISTS FOR (m:EcographMeta) REQUIRE m.key IS UNIQUE",
		// The change feed is read and trimmed by seq (feed.go).
		"CREATE CONSTRAINT ecograph_change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE",
	}
	for _, t := range store.RelationTypes {
		name := "ecograph_rel_" + strings.ToLower(string(t)) + "_id"
		stmts = append(stmts, "CREATE CONSTRAINT "+name+" IF NOT EXISTS FOR ()-[r:"+string(t)+"]-() REQUIRE r.id IS UNIQUE")
	}
	return stmts
}

// ensureSchema makes what schema lists, then waits for the indexes to be
// online so that the first queries use them.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, stmt := range schema() {
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer, s.queryOptions(false)...); err != nil {
			return s.fail(ctx, err)
		}
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer, s.queryOptions(false)...)
	return s.fail(ctx, err)
}
