package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// TestExportSeedInEveryFormat: the seed network exports in all five
// formats; NetworkX reads the GraphML and GEXF with the seed's counts, and
// the Cypher script, run in an empty Neo4j, gives back the seed network.
func TestExportSeedInEveryFormat(t *testing.T) {
	dir := t.TempDir()
	s := newCLIStore(t)
	s.must("import", seed.FileName)
	for _, f := range []string{"json", "graphml", "gexf", "cypher"} {
		s.must("export", "--format", f, "--out", filepath.Join(dir, "seed."+f))
	}
	s.must("export", "--format", "csv", "--out", filepath.Join(dir, "csv"))
	for _, f := range []string{"sources.csv", "actors.csv", "relations.csv"} {
		if info, err := os.Stat(filepath.Join(dir, "csv", f)); err != nil || info.Size() == 0 {
			t.Errorf("the csv export has no %s: %v", f, err)
		}
	}
	// Exports are written through temporary files; what lands must be
	// readable by others (a web server, a colleague), as os.Create makes it.
	for _, f := range []string{"seed.json", "seed.graphml", "seed.gexf", "seed.cypher", "csv/actors.csv"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		} else if info.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v; want -rw-r--r--", f, info.Mode().Perm())
		}
	}
	if _, errOut, err := s.run("export", "--format", "xlsx"); err == nil || !strings.Contains(errOut, `--format: "xlsx" is not an export format`) {
		t.Errorf("export --format xlsx: %v %s", err, errOut)
	}

	py := pythonWithNetworkX(t)
	for _, f := range []string{"graphml", "gexf"} {
		script := fmt.Sprintf(`import networkx as nx, sys
g = nx.read_%s(sys.argv[1])
sch = g.nodes["soonchunhyang-university"]
print(g.number_of_nodes(), g.number_of_edges(), sch["kind"], "순천향대학교" in sch["names"])`, f)
		out, err := exec.Command(py, "-c", script, filepath.Join(dir, "seed."+f)).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != "15 25 UNIVERSITY True" {
			t.Errorf("NetworkX read the %s export as %q (%v), want 15 nodes, 25 edges, SCH a UNIVERSITY with its Korean name", f, got, err)
		}
	}

	// The Cypher script into an empty Neo4j, then the network back out
	// through ecograph's Neo4j store.
	c := neo4jtest.Emptied(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	runCypherScript(t, ctx, c.URI, c.Username, c.Password, c.Database, readFile(t, filepath.Join(dir, "seed.cypher")))
	n4 := neo4jCLIStore(t, c)
	if got := n4.must("export", "--format", "json"); got != readFile(t, seed.FileName) {
		t.Errorf("the Cypher export run in an empty Neo4j gives another network:\n%s", firstDiff(got, readFile(t, seed.FileName)))
	}
	if out := n4.must("reindex"); out != "made the search terms of 15 actors again\n" {
		t.Errorf("reindex said %q", out)
	}
}

// runCypherScript runs a script of statements that each end with ";" at
// the end of a line, as ecograph export --format cypher writes them.
func runCypherScript(t *testing.T, ctx context.Context, uri, user, password, db, script string) {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	var stmt strings.Builder
	for _, line := range strings.SplitAfter(script, "\n") {
		if stmt.Len() == 0 && (strings.HasPrefix(line, "//") || strings.TrimSpace(line) == "") {
			continue
		}
		stmt.WriteString(line)
		if strings.HasSuffix(strings.TrimRight(line, "\n"), ";") {
			q := strings.TrimSuffix(strings.TrimSpace(stmt.String()), ";")
			if _, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
				t.Fatalf("running the script: %v\n%.300s", err, q)
			}
			stmt.Reset()
		}
	}
}

// pythonWithNetworkX finds the interpreter scripts/python provides:
// $ECOGRAPH_PYTHON (scripts/test sets it), else the repository's .venv.
// Without one the test skips, but in CI (CI=true) it fails.
func pythonWithNetworkX(t *testing.T) string {
	t.Helper()
	py := os.Getenv("ECOGRAPH_PYTHON")
	if py == "" {
		py = filepath.Join(".venv", "bin", "python")
	}
	if out, err := exec.Command(py, "-c", "import networkx").CombinedOutput(); err != nil {
		msg := fmt.Sprintf("no Python with NetworkX at %s (%v %s): run scripts/python, or scripts/test, which does", py, err, strings.TrimSpace(string(out)))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}
