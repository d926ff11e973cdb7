package neo4j

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// newRecords writes the sources (sourceProps), actors and relations of a
// Create, whose ids store.PlanCreate found free, in as few statements as
// it can: the sources, each kind of actor, their :TERM links, and each
// type of relation is a unit subquery (a part), and one statement runs
// the parts in that order (a relation's ends exist before it is made) up
// to batchSize rows; a batch of creates is one statement. The actors and their :Name nodes
// are made with CREATE; the links are a row per distinct term of the
// batch (newTermsPart). Load and UpdateActor's way (putActors), for
// actors that may be stored already, asks of each actor what it has to
// delete and which links it has, then merges each of its terms on its
// own: 70 actors of the harness's write were 770 merges of about 400
// distinct terms, and three statements more. The last statement ends
// with log's first batch (logFirst), when it is not too long already.
func newRecords(ctx context.Context, tx neo4j.ManagedTransaction, sources []any, actors []*store.Actor, rels []*store.Relation, log *feedLog) error {
	ps := appendPart(nil, "CREATE (s:Source) SET s = row", sources)
	byKind := map[store.Kind][]any{}
	named := make([]map[string]any, len(actors))
	for i, a := range actors {
		named[i] = termRow(a)
		byKind[a.Kind] = append(byKind[a.Kind], map[string]any{"props": actorProps(a), "names": named[i]["names"]})
	}
	for _, kind := range store.Kinds {
		ps = appendPart(ps, newActorsPart(kind), byKind[kind])
	}
	terms, suffixes := termLinks(named)
	ps = appendPart(ps, newTermsPart(""), terms)
	ps = appendPart(ps, newTermsPart(":Suffix"), suffixes)
	byType := map[store.RelationType][]any{}
	for _, r := range rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
	}
	for _, t := range store.RelationTypes {
		ps = appendPart(ps, newRelationsPart(t), byType[t])
	}
	for len(ps) > 0 {
		var (
			query  strings.Builder
			params = map[string]any{}
			n      int
		)
		for len(ps) > 0 && (n == 0 || n+len(ps[0].rows) <= batchSize) {
			p := fmt.Sprintf("p%d", len(params))
			fmt.Fprintf(&query, "CALL () { UNWIND $%s AS row %s } ", p, ps[0].body)
			params[p] = ps[0].rows
			n += len(ps[0].rows)
			ps = ps[1:]
		}
		if len(ps) == 0 && log != nil && n+len(log.params["rows"].([]any)) <= batchSize {
			query.WriteString(logFirst)
			maps.Copy(params, log.params)
			return logged(ctx, tx, query.String(), params, log)
		}
		if _, err := rows(ctx, tx, query.String(), params); err != nil {
			return err
		}
	}
	if log == nil {
		return nil
	}
	return logged(ctx, tx, logFirst, log.params, log)
}

// logged runs a statement that ends with logFirst, then log's later batches.
func logged(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any, log *feedLog) error {
	recs, err := rows(ctx, tx, query, params)
	if err != nil {
		return err
	}
	return log.rest(ctx, tx, recs)
}

// A part is one subquery of newRecords' statements: a body run for each
// of rows (as row).
type part struct {
	body string
	rows []any
}

// appendPart appends to ps the parts of body for rows, batchSize rows a
// part; none for no rows.
func appendPart(ps []part, body string, rows []any) []part {
	for chunk := range slices.Chunk(rows, batchSize) {
		ps = append(ps, part{body, chunk})
	}
	return ps
}

// newActorsPart creates actors of kind and their :Name nodes from rows
// of props and names.
func newActorsPart(kind store.Kind) string {
	return "CREATE (a:Actor:" + kindLabels[kind] + ") SET a = row.props " +
		"WITH a, row UNWIND row.names AS nm CREATE (a)-[:NAMED]->(:Name {value: nm.value, rank: nm.rank})"
}

// newTermsPart links new actors to the :Term nodes (with the extra
// labels, ":Suffix" for the word terms) of their terms, making those
// missing, as linkTerms does: a row is a term's key and the ids of the
// actors to link to it. The rows come in key order, so that writers
// merging the same new terms take their locks in one order.
func newTermsPart(labels string) string {
	return "MERGE (t:Term" + labels + " {k: row.k}) WITH t, row " +
		"UNWIND row.ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) CREATE (a)-[:TERM]->(t)"
}

// newRelationsPart creates relations of type t (putRelationsQuery).
func newRelationsPart(t store.RelationType) string {
	return "MATCH (f:Actor {id: row.from}) USING INDEX SEEK f:Actor(id) " +
		"MATCH (t:Actor {id: row.to}) USING INDEX SEEK t:Actor(id) " +
		"CREATE (f)-[r:" + string(t) + "]->(t) SET r = row.props"
}

// termLinks are the rows of newTermsPart for actors' termRows: for each
// distinct term of their names, in key order, the ids of the actors that
// have it; the word terms (suffixes) apart.
func termLinks(named []map[string]any) (terms, suffixes []any) {
	ids := map[string][]string{}
	word := map[string]bool{}
	for _, row := range named {
		id := row["id"].(string)
		for _, k := range row["terms"].([]string) {
			ids[k] = append(ids[k], id)
		}
		for _, k := range row["suffixes"].([]string) {
			ids[k] = append(ids[k], id)
			word[k] = true
		}
	}
	keys := make([]string, 0, len(ids))
	for k := range ids {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, strings.Compare)
	for _, k := range keys {
		row := map[string]any{"k": k, "ids": ids[k]}
		if word[k] {
			suffixes = append(suffixes, row)
		} else {
			terms = append(terms, row)
		}
	}
	return terms, suffixes
}
