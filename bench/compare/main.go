// Command compare measures ecograph side by side with @neo4j/graphql 7.6.3
// (the Node peer in bench/peer) on one Neo4j holding the same network,
// with hand-written Cypher through the Go driver as the baseline, and the
// embedded store against a floor of plain in-memory walks (issue 14):
//
//	scripts/bench-compare                       # starts what it needs, then this
//	go run ./bench/compare -sizes 20k -turn 1s  # with NEO4J_URI set and bench/peer installed
//
// For each size it generates the synthetic network (internal/synth, seed
// 1), loads it into Neo4j through ecograph's Neo4j store (unless it is
// there already) and into an embedded store in a temporary folder, builds
// ecograph and serves it on each store, starts the peer, checks that
// every system answers each operation alike, then times them in
// interleaved turns at each concurrency and prints Markdown tables:
// req/s, p50 and p99 per system, and the ratios the goals use.
// docs/benchmarks.md ("Against @neo4j/graphql") describes the operations.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/synth"
)

// sizes the -sizes flag names.
var sizes = map[string]synth.Config{
	"20k":  {Actors: 20_000, Relations: 100_000, Seed: 1},
	"100k": {Actors: 100_000, Relations: 500_000, Seed: 1},
	"1m":   {Actors: 1_000_000, Relations: 5_000_000, Seed: 1},
}

type flags struct {
	sizes, ops, concs, out string
	t                      timing
	checks, page           int
	noPeer, noEmbedded     bool
	noNeo4j                bool
	keep                   bool
}

func main() {
	var f flags
	flag.StringVar(&f.sizes, "sizes", "20k", "networks to measure, comma-separated: 20k (20,000 actors, 100,000 relations), 100k (100,000 / 500,000), 1m (1,000,000 / 5,000,000)")
	flag.StringVar(&f.ops, "ops", "", "operations to run, comma-separated (all when empty): "+strings.Join(opNames(), ", "))
	flag.StringVar(&f.concs, "conc", "1,8", "concurrencies (closed-loop workers), comma-separated")
	flag.DurationVar(&f.t.warm, "warm", time.Second, "warm-up of each system before the turns")
	flag.DurationVar(&f.t.turn, "turn", 2*time.Second, "length of each system's turn")
	flag.IntVar(&f.t.count, "count", 0, "requests per worker and turn, instead of -turn, when above 0")
	flag.IntVar(&f.t.min, "min", 2, "requests per worker and turn at least, for the slow operations")
	flag.IntVar(&f.t.turns, "turns", 3, "turns per system (interleaved: A, B, C, A, B, C, ...)")
	flag.IntVar(&f.checks, "checks", 5, "questions per operation whose answers are compared before timing")
	flag.IntVar(&f.page, "page", 500, "the deep page of the page operation (50 startups a page); the last full page on a smaller network")
	flag.BoolVar(&f.noPeer, "no-peer", false, "leave the peer out (no Node needed)")
	flag.BoolVar(&f.noEmbedded, "no-embedded", false, "leave the embedded store and its floor out")
	flag.BoolVar(&f.noNeo4j, "no-neo4j", false, "the embedded store and its floor alone (no Neo4j, no peer): for the growth runs at 1m")
	flag.StringVar(&f.out, "out", "", "also write the tables to this file")
	flag.BoolVar(&f.keep, "keep", false, "keep the temporary folder (servers' logs, the embedded store)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, f); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// opNames are the operations' names, as -ops takes them.
func opNames() []string {
	return []string{"nested-list", "node+50", "page-1", "page-N", "count", "interface", "search", "2-hop", "shortest-path", "write"}
}

func ints(s string) ([]int, error) {
	var out []int
	for p := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-conc: %q is not a positive number", p)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, f flags) error {
	concs, err := ints(f.concs)
	if err != nil {
		return err
	}
	var wantOps []string
	if f.ops != "" {
		for o := range strings.SplitSeq(f.ops, ",") {
			if o = strings.TrimSpace(o); !slices.Contains(opNames(), o) {
				return fmt.Errorf("-ops: %q is not an operation; use %s", o, strings.Join(opNames(), ", "))
			}
			wantOps = append(wantOps, o)
		}
	}
	var cfgs []synth.Config
	var names []string
	for s := range strings.SplitSeq(f.sizes, ",") {
		cfg, ok := sizes[strings.TrimSpace(s)]
		if !ok {
			return fmt.Errorf("-sizes: %q is not a size; use 20k, 100k or 1m", s)
		}
		cfgs, names = append(cfgs, cfg), append(names, strings.TrimSpace(s))
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return errors.New("run it from the repository's root: go run ./bench/compare")
	}
	if f.noNeo4j {
		f.noPeer = true
	}
	var driver neo4j.DriverWithContext
	var db string
	if !f.noNeo4j {
		c, err := neo4jConfig()
		if err != nil {
			return err
		}
		db = c.Database
		driver, err = neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""), func(cfg *neo4j.Config) {
			cfg.MaxConnectionPoolSize = 50
		})
		if err != nil {
			return err
		}
		defer driver.Close(context.Background())
	}
	tmp, err := os.MkdirTemp("", "ecograph-compare-")
	if err != nil {
		return err
	}
	if f.keep {
		fmt.Fprintf(os.Stderr, "compare: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	bin, err := buildEcograph(ctx, root, tmp)
	if err != nil {
		return err
	}

	var out io.Writer = os.Stdout
	if f.out != "" {
		file, err := os.Create(f.out)
		if err != nil {
			return err
		}
		defer file.Close()
		out = io.MultiWriter(os.Stdout, file)
	}
	fmt.Fprintf(out, "Measured %s on %d cores (%s/%s, %s); turns: %d × %s per system after a %s warm-up; concurrency %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		f.t.turns, turnText(f.t), f.t.warm, f.concs)
	for i, cfg := range cfgs {
		label := fmt.Sprintf("%s: %d actors, %d relations", names[i], cfg.Actors, cfg.Relations)
		results, err := runSize(ctx, f, concs, wantOps, root, bin, filepath.Join(tmp, names[i]), db, driver, cfg)
		if err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
		writeResults(out, label, results)
		writeRatios(out, label, results)
		writeCPU(out, label, results)
	}
	return nil
}

func turnText(t timing) string {
	if t.count > 0 {
		return fmt.Sprintf("%d requests a worker", t.count)
	}
	return t.turn.String()
}

// runSize measures one network.
func runSize(ctx context.Context, f flags, concs []int, wantOps []string, root, bin, dir, db string,
	driver neo4j.DriverWithContext, cfg synth.Config) ([]*result, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	d := synth.Generate(cfg)
	w := newWorld(cfg, d)
	key := apiKey()
	auth := http.Header{"Authorization": {"Bearer " + key}}
	e := &env{w: w, driver: driver, db: db, run: strconv.FormatInt(time.Now().Unix()%1_000_000, 36),
		noPeer: f.noPeer, noEmbed: f.noEmbedded, noNeo4j: f.noNeo4j}
	e.page = min(f.page, len(w.startups)/50)
	e.cpu = &cpuMeter{}
	e.cpu.add(cpuHarness, os.Getpid())
	ecoEnv := []string{"ECOGRAPH_API_KEYS=" + key}
	if !f.noNeo4j {
		c, _ := neo4jConfig()
		if err := loadNeo4j(ctx, c, driver, d); err != nil {
			return nil, err
		}
		defer func() {
			if err := cleanWrites(context.Background(), driver, db); err != nil {
				fmt.Fprintln(os.Stderr, "compare:", err)
			}
		}()
		neoEnv := []string{"NEO4J_URI=" + c.URI, "NEO4J_USERNAME=" + c.Username, "NEO4J_PASSWORD=" + c.Password, "NEO4J_DATABASE=" + c.Database}
		ecoEnv = append(ecoEnv, neoEnv...)
		eco, err := startEcograph(ctx, "ecograph on Neo4j", bin, filepath.Join(dir, "ecograph-neo4j.log"), ecoEnv, "--store", "neo4j")
		if err != nil {
			return nil, err
		}
		defer eco.stop()
		e.eco = newClient(eco.url, auth)
		e.cpu.add(cpuNeo4j, neo4jPid())
		e.cpu.add(sysEco, eco.cmd.Process.Pid)
		if !f.noPeer {
			peer, err := startPeer(ctx, root, filepath.Join(dir, "peer.log"), neoEnv)
			if err != nil {
				return nil, err
			}
			defer peer.stop()
			e.peer = newClient(peer.url, nil)
			e.cpu.add(sysPeer, peer.cmd.Process.Pid)
		}
	}
	if !f.noEmbedded {
		path, err := loadEmbedded(ctx, dir, d)
		if err != nil {
			return nil, err
		}
		emb, err := startEcograph(ctx, "ecograph embedded", bin, filepath.Join(dir, "ecograph-embedded.log"), ecoEnv, "--store", "embedded", "--data", path)
		if err != nil {
			return nil, err
		}
		defer emb.stop()
		e.emb = newClient(emb.url, auth)
		e.cpu.add(sysEmbedded, emb.cmd.Process.Pid)
	}

	var results []*result
	for _, o := range e.ops() {
		if len(wantOps) > 0 && !slices.Contains(wantOps, generic(o.name)) {
			continue
		}
		fmt.Fprintf(os.Stderr, "compare: %s: checking the answers…\n", o.name)
		var peerFailed *result
		if err := check(ctx, o, f.checks); err != nil {
			// The peer may fail an operation (Neo4j's transaction memory):
			// that is its result, and the others are checked without it.
			var pe *peerError
			if !errors.As(err, &pe) {
				return nil, err
			}
			peerFailed = &result{op: o.name, system: sysPeer, failed: pe.Error()}
			o.systems = slices.DeleteFunc(o.systems, func(s system) bool { return s.name == sysPeer })
			if err := check(ctx, o, f.checks); err != nil {
				return nil, err
			}
		}
		for _, conc := range concs {
			fmt.Fprintf(os.Stderr, "compare: %s at concurrency %d…\n", o.name, conc)
			rs, err := measure(ctx, e.cpu, o, conc, f.t)
			if err != nil {
				return nil, err
			}
			if peerFailed != nil {
				failed := *peerFailed
				failed.conc = conc
				rs = append(rs, &failed)
			}
			results = append(results, rs...)
		}
	}
	return results, nil
}
