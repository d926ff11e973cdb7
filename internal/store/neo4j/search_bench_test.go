package neo4j_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/cputime"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkSearchCPU: what a search for a random actor's whole name (the
// side-by-side harness's search) costs in CPU rather than in time, which
// on a machine shared with other work is the steadier measure, and what
// the median at concurrency 8 on 2 cores follows: the Go process's CPU
// time a search (cpu-ns/op), the statements it sends, and, when
// ECOGRAPH_NEO4J_HOME names the folder of the Neo4j that scripts/neo4j
// started, that server's CPU time a search (neo4j-cpu-ns/op, Linux only).
// Over the network BenchmarkSearch holds:
//
//	eval "$(ECOGRAPH_NEO4J_HOME=$PWD/.neo4j scripts/neo4j start)"
//	ECOGRAPH_NEO4J_HOME=$PWD/.neo4j go test ./internal/store/neo4j -run '^$' -bench 'SearchCPU$' -benchtime 600x
func BenchmarkSearchCPU(b *testing.B) {
	d := storetest.SearchBenchNetwork()
	s := neo4jtest.Holding(b, d)
	ctx := b.Context()
	rng := rand.New(rand.NewPCG(14, 8))
	texts := make([]string, 100)
	for i := range texts {
		texts[i] = d.Actors[rng.IntN(len(d.Actors))].Name
	}
	for _, text := range texts { // warm: plans, page cache
		if _, err := s.Search(ctx, store.SearchQuery{Text: text, First: 10}); err != nil {
			b.Fatal(err)
		}
	}
	server := serverCPU(os.Getenv("ECOGRAPH_NEO4J_HOME"))
	queries, goCPU, neoCPU := neo4j.QueryCount(), cputime.Process(), server()
	i := 0
	for b.Loop() {
		if _, err := s.Search(ctx, store.SearchQuery{Text: texts[i%len(texts)], First: 10}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cputime.Process()-goCPU)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(neo4j.QueryCount()-queries)/float64(b.N), "statements/op")
	if used := server() - neoCPU; used > 0 {
		b.ReportMetric(float64(used)/float64(b.N), "neo4j-cpu-ns/op")
	}
}

// serverCPU reads the CPU time of the Neo4j whose pid file scripts/neo4j
// keeps in home, from /proc (in clock ticks of 10 ms); 0 when there is no
// such server or no /proc.
func serverCPU(home string) func() time.Duration {
	return func() time.Duration {
		if home == "" {
			return 0
		}
		pid, err := os.ReadFile(filepath.Join(home, "neo4j.pid"))
		if err != nil {
			return 0
		}
		stat, err := os.ReadFile(filepath.Join("/proc", strings.TrimSpace(string(pid)), "stat"))
		if err != nil {
			return 0
		}
		// The fields after the command's closing parenthesis; utime and
		// stime are the 14th and 15th of the whole line.
		rest := string(stat)[strings.LastIndexByte(string(stat), ')')+1:]
		f := strings.Fields(rest)
		if len(f) < 13 {
			return 0
		}
		user, _ := strconv.ParseInt(f[11], 10, 64)
		system, _ := strconv.ParseInt(f[12], 10, 64)
		return time.Duration(user+system) * 10 * time.Millisecond
	}
}
