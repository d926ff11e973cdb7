package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// These tests run the researcher's commands (import, export, validate,
// generate, stats) as a user would, on the store the HTTP tests run on:
// embedded, or Neo4j when ECOGRAPH_TEST_STORE=neo4j.

var (
	cliOnce sync.Once
	cliBin  string
	cliErr  error
)

// cliBinary builds the binary once for every CLI test.
func cliBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	cliOnce.Do(func() {
		dir, err := runTempDir("ecograph-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliBin = filepath.Join(dir, "ecograph")
		out, err := exec.Command("go", "build", "-o", cliBin, ".").CombinedOutput()
		if err != nil {
			cliErr = &buildError{err, string(out)}
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// cliStore is one empty store for commands to work on.
type cliStore struct {
	t    *testing.T
	args []string // --store and --data
	env  []string
}

// newCLIStore gives an empty store: a fresh data file, or the emptied
// Neo4j test database.
func newCLIStore(t *testing.T) *cliStore {
	t.Helper()
	if testStore() == config.StoreNeo4j {
		return neo4jCLIStore(t, neo4jtest.Emptied(t))
	}
	return &cliStore{t: t, args: []string{"--store", "embedded", "--data", filepath.Join(t.TempDir(), "ecograph.db")}}
}

// neo4jCLIStore runs commands on the Neo4j that c names, its settings
// passed in the environment as a user would.
func neo4jCLIStore(t *testing.T, c neo4j.Config) *cliStore {
	return &cliStore{t: t, args: []string{"--store", "neo4j"},
		env: []string{"NEO4J_URI=" + c.URI, "NEO4J_USERNAME=" + c.Username, "NEO4J_PASSWORD=" + c.Password, "NEO4J_DATABASE=" + c.Database}}
}

// run runs a command on the store and returns its stdout and stderr.
func (s *cliStore) run(command string, args ...string) (stdout, stderr string, err error) {
	s.t.Helper()
	return runCLI(s.t, s.env, append(append([]string{command}, s.args...), args...)...)
}

// must runs a command that must succeed and returns its stdout.
func (s *cliStore) must(command string, args ...string) string {
	s.t.Helper()
	out, errOut, err := s.run(command, args...)
	if err != nil {
		s.t.Fatalf("ecograph %s %s: %v\n%s%s", command, strings.Join(args, " "), err, out, errOut)
	}
	return out
}

func runCLI(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(cliBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportExportRoundTrip: the seed file imports, exports as the same
// bytes, and a JSON or CSV export imported into an empty store exports as
// the same bytes again.
func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a := newCLIStore(t)
	out := a.must("import", seed.FileName)
	if want := "imported 1 files: 1 sources, 15 actors, 25 relations; 0 of them already in the store\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	seedFile := readFile(t, seed.FileName)
	first := filepath.Join(dir, "first.json")
	a.must("export", "--format", "json", "--out", first)
	if got := readFile(t, first); got != seedFile {
		t.Errorf("the JSON export of the imported seed differs from the seed file:\n%s", firstDiff(got, seedFile))
	}
	if out := a.must("import", seed.FileName); !strings.Contains(out, "41 of them already in the store") {
		t.Errorf("importing again said %q", out)
	}
	a.must("export", "--format", "csv", "--out", filepath.Join(dir, "csv1"))

	// Into an empty store, from the CSV files.
	b := newCLIStore(t)
	csv1 := filepath.Join(dir, "csv1")
	b.must("import", filepath.Join(csv1, "relations.csv"), filepath.Join(csv1, "actors.csv"), filepath.Join(csv1, "sources.csv"))
	b.must("export", "--format", "csv", "--out", filepath.Join(dir, "csv2"))
	for _, f := range []string{"sources.csv", "actors.csv", "relations.csv"} {
		if got, want := readFile(t, filepath.Join(dir, "csv2", f)), readFile(t, filepath.Join(csv1, f)); got != want {
			t.Errorf("%s: CSV export → import → export changed it:\n%s", f, firstDiff(got, want))
		}
	}
	second := filepath.Join(dir, "second.json")
	b.must("export", "--format", "json", "--out", second)
	if got := readFile(t, second); got != seedFile {
		t.Errorf("the seed through CSV and back to JSON differs:\n%s", firstDiff(got, seedFile))
	}
}

// firstDiff shows where two texts part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}

// TestImportRefusesBadFiles: each bad file is refused with its place and
// its bad value, and the store is left as it was.
func TestImportRefusesBadFiles(t *testing.T) {
	s := newCLIStore(t)
	s.must("import", seed.FileName)
	before := s.must("export", "--format", "json")
	for _, c := range []struct{ file, want string }{
		{"bad-date.json", `testdata/import/bad-date.json:7:17: actors[2] ("sch-startup-6"): founded: "24 July 2024" is not a date`},
		{"missing-actor.json", `testdata/import/missing-actor.json:8:104: relations[0] ("it-park-partners-with-ghost"): to: no actor has the id "ghost-university"`},
		{"duplicate-id.json", `testdata/import/duplicate-id.json:6:12: actors[2] ("it-park-uzbekistan"): id: "it-park-uzbekistan" is already the id of actors[1] (line 5)`},
		{"not-json.json", `testdata/import/not-json.json:1:2: not valid JSON`},
	} {
		t.Run(c.file, func(t *testing.T) {
			out, errOut, err := s.run("import", filepath.Join("testdata", "import", c.file))
			if err == nil {
				t.Fatalf("import of %s succeeded: %s", c.file, out)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("import of %s said:\n%s\nwant it to contain:\n%s", c.file, errOut, c.want)
			}
			if after := s.must("export", "--format", "json"); after != before {
				t.Errorf("a refused import changed the store:\n%s", firstDiff(after, before))
			}
		})
	}
}

// TestImportDryRun counts and checks, against what the store holds, and
// writes nothing.
func TestImportDryRun(t *testing.T) {
	s := newCLIStore(t)
	s.must("import", seed.FileName)
	before := s.must("export", "--format", "json")
	out := s.must("import", "--dry-run", seed.FileName)
	if want := "checked (dry run, nothing written) 1 files: 1 sources, 15 actors, 25 relations; 41 of them already in the store\n"; out != want {
		t.Errorf("dry run of the stored seed said %q, want %q", out, want)
	}
	generated := filepath.Join(t.TempDir(), "g.json")
	if _, errOut, err := runCLI(t, nil, "generate", "--actors", "50", "--relations", "80", "--out", generated); err != nil {
		t.Fatalf("generate: %v\n%s", err, errOut)
	}
	out = s.must("import", "--dry-run", generated)
	if !strings.HasPrefix(out, "checked (dry run, nothing written) 1 files:") || !strings.Contains(out, "50 actors, 80 relations;") {
		t.Errorf("dry run of a new file said %q", out)
	}
	if after := s.must("export", "--format", "json"); after != before {
		t.Errorf("a dry run changed the store:\n%s", firstDiff(after, before))
	}
}

// TestStatsAndValidate: stats counts the store by kind and type; validate
// checks files without a store.
func TestStatsAndValidate(t *testing.T) {
	s := newCLIStore(t)
	s.must("import", seed.FileName)
	got := s.must("stats")
	for _, line := range []string{"sources  1", "actors  15", "UNIVERSITY  1", "STARTUP  5", "relations  25", "FOUNDED  5"} {
		if !strings.Contains(strings.Join(strings.Fields(got), "  "), strings.Join(strings.Fields(line), "  ")) {
			t.Errorf("stats has no %q:\n%s", line, got)
		}
	}
	out, _, err := runCLI(t, nil, "validate", seed.FileName)
	if err != nil || out != "valid: 1 files, 1 sources, 15 actors, 25 relations\n" {
		t.Errorf("validate seed: %v %q", err, out)
	}
	_, errOut, err := runCLI(t, nil, "validate", filepath.Join("testdata", "import", "missing-actor.json"))
	if err == nil || !strings.Contains(errOut, `to: no actor has the id "ghost-university"`) {
		t.Errorf("validate of a file with a missing actor: %v\n%s", err, errOut)
	}
}

// TestGenerateThenImport: generate writes a file that import reads whole,
// and the same seed gives the same bytes.
func TestGenerateThenImport(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, out := range []string{a, b} {
		if _, errOut, err := runCLI(t, nil, "generate", "--actors", "300", "--relations", "1200", "--seed", "7", "--out", out); err != nil {
			t.Fatalf("generate: %v\n%s", err, errOut)
		}
	}
	if readFile(t, a) != readFile(t, b) {
		t.Errorf("generate with the same seed wrote different files")
	}
	s := newCLIStore(t)
	if out := s.must("import", a); !strings.Contains(out, "300 actors, 1200 relations") {
		t.Errorf("import of the generated file said %q", out)
	}
	exported := filepath.Join(dir, "exported.json")
	s.must("export", "--format", "json", "--out", exported)
	if readFile(t, exported) != readFile(t, a) {
		t.Errorf("the generated network exports differently from the generated file:\n%s", firstDiff(readFile(t, exported), readFile(t, a)))
	}
}

// TestImportWhileServing: while a server holds the embedded file, import
// says so at once and points to the importGraph mutation.
func TestImportWhileServing(t *testing.T) {
	embeddedOnly(t)
	bin := cliBinary(t)
	data := filepath.Join(t.TempDir(), "ecograph.db")
	addr := freeAddr(t)
	p := startProcess(t, bin, nil, "serve", "--addr", addr, "--data", data)
	p.waitReady(t, addr)
	start := time.Now()
	_, errOut, err := runCLI(t, nil, "import", "--data", data, seed.FileName)
	if err == nil {
		t.Fatal("import succeeded while a server held the file")
	}
	for _, want := range []string{data, "in use by another process", "importGraph"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("import said %q; want it to mention %q", errOut, want)
		}
	}
	if waited := time.Since(start); waited > 15*time.Second {
		t.Errorf("import took %s to give up", waited)
	}
}
