package neo4j_test

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
	"github.com/ecograph/ecograph/internal/synth"
)

// cypherNetworks are the seed and the export package's hostile-text
// network, with control characters added, which Cypher escapes.
func cypherNetworks(t testing.TB) map[string]store.Dataset {
	t.Helper()
	s, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../../export/testdata/hostile.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := dataset.Read(f, "hostile.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	h.Actors[0].Description = "bell \x07, nul \x00, escape \x1b[0m, delete \x7f, line separator \u2028, next line \u0085 end"
	return map[string]store.Dataset{"seed": s, "hostile": h}
}

// TestCypherLoadsIntoAnEmptyNeo4j runs the script statement by statement
// in a database without nodes, constraints or indexes. What it builds must
// be what the store's own Load builds from the same dataset (every node,
// label, property, :Name node and relationship, and the schema), and the
// store opened on it must dump the dataset back and find an actor by name.
func TestCypherLoadsIntoAnEmptyNeo4j(t *testing.T) {
	c := neo4jtest.Config(t)
	neo4jtest.Lock(t)
	ctx := t.Context()
	db, err := driver.NewDriverWithContext(c.URI, driver.BasicAuth(c.Username, c.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())

	for name, d := range cypherNetworks(t) {
		t.Run(name, func(t *testing.T) {
			emptyDatabase(t, db, c)
			s, err := neo4j.Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Load(ctx, d); err != nil {
				t.Fatal(err)
			}
			_ = s.Close()
			want := snapshot(t, db, c)

			var script bytes.Buffer
			if err := neo4j.WriteCypher(ctx, &script, d); err != nil {
				t.Fatal(err)
			}
			emptyDatabase(t, db, c)
			for i, stmt := range statements(t, script.Bytes()) {
				if _, err := driver.ExecuteQuery(ctx, db, stmt, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database)); err != nil {
					t.Fatalf("statement %d: %v\n%.300s", i, err, stmt)
				}
			}
			got := snapshot(t, db, c)
			if diff := difference(got, want); diff != "" {
				t.Errorf("the script built another graph than Load:\n%s", diff)
			}

			s, err = neo4j.Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			dumped := storetest.Dump(t, s)
			slices.SortFunc(dumped.Actors, func(a, b store.Actor) int { return cmp.Compare(a.ID, b.ID) })
			if !reflect.DeepEqual(dumped, normalized(d)) {
				t.Errorf("the store dumps\n%+v\nwant\n%+v", dumped, normalized(d))
			}
			named := d.Actors[slices.IndexFunc(d.Actors, func(a store.Actor) bool { return len(a.Names) > 1 })]
			text := named.Names[1].Value
			hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 5})
			if err != nil || !slices.ContainsFunc(hits, func(h store.SearchHit) bool { return h.Actor.ID == named.ID }) {
				t.Errorf("Search(%q) = %v, %v; want %s among the hits", text, hits, err, named.ID)
			}
		})
	}
}

// TestCypherScriptShape checks the script without a server: its header
// says how to load it, every statement ends with ";" at the end of a line
// and writes at most 500 rows, hostile text is escaped, and the same
// network gives the same bytes.
func TestCypherScriptShape(t *testing.T) {
	d := synth.Generate(synth.Config{Actors: 1500, Relations: 4000, Seed: 1})
	var a, b bytes.Buffer
	if err := neo4j.WriteCypher(t.Context(), &a, d); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(d.Actors)
	if err := neo4j.WriteCypher(t.Context(), &b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two scripts of one network differ")
	}
	if !strings.Contains(a.String(), "cypher-shell") || !strings.HasPrefix(a.String(), "// ") {
		t.Error("the script's header does not say how to load it")
	}
	stmts := statements(t, a.Bytes())
	unwinds := 0
	for _, s := range stmts {
		if strings.HasPrefix(s, "UNWIND [") {
			unwinds++
			if rows := strings.Count(s, "\n") - 1; rows > 500 {
				t.Errorf("a statement writes %d rows", rows)
			}
		}
	}
	if unwinds < 10 {
		t.Errorf("%d UNWIND statements for 1500 actors and 4000 relations, want them in batches", unwinds)
	}

	var h bytes.Buffer
	if err := neo4j.WriteCypher(t.Context(), &h, cypherNetworks(t)["hostile"]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`O\'Reilly "quoted" <b>bold</b> & co`,
		`line one\nline two\r\nline three\ttabbed; \nends with ;`,
		`\'}) DETACH DELETE n // ` + "`Actor`" + ` $id \\\' \\u0027 /* */`,
		`bell \u0007, nul \u0000, escape \u001B[0m, delete \u007F, line separator \u2028, next line \u0085 end`,
		`순천향대학교 산학협력단`,
	} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("the script lacks %s", want)
		}
	}
}

// statements splits a script as its header says: a statement ends with
// ";" at the end of a line; lines starting with "//" are comments.
func statements(t *testing.T, script []byte) []string {
	t.Helper()
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(script))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := sc.Text()
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "//")) {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(line, ";") {
			out = append(out, strings.TrimSuffix(cur.String(), ";"))
			cur.Reset()
			continue
		}
		cur.WriteString("\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(cur.String()) != "" {
		t.Fatalf("the script ends inside a statement: %.200s", cur.String())
	}
	return out
}

// emptyDatabase deletes every node, relationship, constraint and index
// but the lookup indexes Neo4j keeps for itself.
func emptyDatabase(t *testing.T, db driver.DriverWithContext, c neo4j.Config) {
	t.Helper()
	ctx := t.Context()
	if err := neo4jtest.Wipe(ctx, c); err != nil {
		t.Fatal(err)
	}
	run := func(q string) []*driver.Record {
		res, err := driver.ExecuteQuery(ctx, db, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Records
	}
	for _, r := range run("SHOW CONSTRAINTS YIELD name") {
		run("DROP CONSTRAINT `" + r.Values[0].(string) + "`")
	}
	for _, r := range run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'") {
		run("DROP INDEX `" + r.Values[0].(string) + "`")
	}
}

// snapshot is everything in the database as sorted lines of text: the
// schema, each node but :Name with its labels and properties, each :Name
// node with its actor's id, each relationship with its ends' ids. The
// network's version, a random value, and the change feed (:Change nodes
// and the newest seq), the store's history of its writes rather than the
// network, are left out.
func snapshot(t *testing.T, db driver.DriverWithContext, c neo4j.Config) []string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		"SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN 'constraint', name, type, labelsOrTypes, properties",
		"SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP' RETURN 'index', name, type, labelsOrTypes, properties",
		"MATCH (n) WHERE NOT n:Name AND NOT n:Change WITH n, labels(n) AS labels ORDER BY labels RETURN 'node', labels, n {.*, version: null, seq: null}",
		"MATCH (n:Name) OPTIONAL MATCH (a)-[:NAMED]->(n) RETURN 'name', a.id, properties(n)",
		"MATCH (f)-[r]->(t) WHERE NOT r:NAMED RETURN 'relationship', f.id, type(r), t.id, properties(r)",
	} {
		res, err := driver.ExecuteQuery(t.Context(), db, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, r := range res.Records {
			lines = append(lines, fmt.Sprintf("%#v", r.Values))
		}
	}
	slices.Sort(lines)
	return lines
}

func difference(got, want []string) string {
	var b strings.Builder
	for _, l := range got {
		if _, found := slices.BinarySearch(want, l); !found {
			fmt.Fprintf(&b, "+ %.400s\n", l)
		}
	}
	for _, l := range want {
		if _, found := slices.BinarySearch(got, l); !found {
			fmt.Fprintf(&b, "- %.400s\n", l)
		}
	}
	return b.String()
}

// normalized is d as storetest.Dump reads a store: actors and relations
// in id order, empty lists as nil, and only the sources something cites.
func normalized(d store.Dataset) store.Dataset {
	var out store.Dataset
	cited := map[string]bool{}
	for _, a := range d.Actors {
		out.Actors = append(out.Actors, storetest.Normalize(a))
		for _, c := range a.Citations {
			cited[c.SourceID] = true
		}
	}
	for _, r := range d.Relations {
		out.Relations = append(out.Relations, storetest.NormalizeRelation(r))
		for _, c := range r.Citations {
			cited[c.SourceID] = true
		}
	}
	for _, s := range d.Sources {
		if cited[s.ID] {
			out.Sources = append(out.Sources, s)
		}
	}
	slices.SortFunc(out.Actors, func(a, b store.Actor) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.Relations, func(a, b store.Relation) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.Sources, func(a, b store.Source) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// BenchmarkCypher writes the script of the benchmark network
// (storetest.BenchNetwork: 100,000 actors, 500,000 relations) from a
// Dataset to io.Discard; no server needed:
//
//	go test ./internal/store/neo4j -run '^$' -bench Cypher -benchtime 3x
func BenchmarkCypher(b *testing.B) {
	d := storetest.BenchNetwork()
	var n counter
	if err := neo4j.WriteCypher(b.Context(), &n, d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := neo4j.WriteCypher(b.Context(), io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
