package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// An operation is one question asked of several systems: ecograph on
// Neo4j, the peer, hand-written Cypher through the Go driver, ecograph on
// the embedded store and the embedded store's floor. Asked for the check
// (args.verify), every system's call returns its answer normalised (lines
// of ids and fields, in the order the question asks for), and the answers
// must be the same before anything is timed; in the timed turns a call
// reads and parses the whole answer and normalises nothing.

// The systems' names, as the table shows them.
const (
	sysEco      = "ecograph"
	sysPeer     = "peer"
	sysCypher   = "cypher"
	sysEmbedded = "embedded"
	sysFloorRTT = "floor-http"
	sysFloorBFS = "floor-bfs"
	// sysFloorJSON writes an answer of the same shape with encoding/json.
	sysFloorJSON = "floor-json"
)

// args are one request's arguments; each operation uses some of them.
type args struct {
	id, from, to, country, text string
	// a page: ecograph's cursor, the peer's offset, Cypher's keyset
	after, key, keyID string
	offset            int
	seq               int64    // the write's number
	partners          []string // the write's existing organisations
	verify            bool     // for the check: the answer is normalised, and the write reads back what it stored
}

// system is one way to answer an operation.
type system struct {
	name string
	call func(ctx context.Context, a *args) (any, error)
	// check says whether the answer is compared with the others'; the
	// floor's are not answers.
	check bool
	// query is the GraphQL the system sends, if it sends one; vars
	// makes its variables (when they do not depend on the call).
	query string
	vars  func(*args) map[string]any
}

// ecograph reports whether s sends its query to an ecograph server.
func (s system) ecograph() bool {
	return s.query != "" && (s.name == sysEco || s.name == sysEmbedded)
}

// op is one operation of the bench.
type op struct {
	name    string
	about   string // what it is, for docs/benchmarks.md
	args    func(r *rand.Rand) *args
	systems []system
}

// env is what the operations run against.
type env struct {
	w               *world
	eco, emb, peer  *client
	driver          neo4j.DriverWithContext
	db              string
	page            int    // the page of the "page N" operation
	run             string // this run's part of the write ids
	seq             atomic.Int64
	noPeer, noEmbed bool
	noNeo4j         bool
	cpu             *cpuMeter // the processes whose CPU the turns read
}

// cypher runs a hand-written query in a managed read (or write)
// transaction, as an application using the Go driver would.
func (e *env) cypher(ctx context.Context, write bool, q string, params map[string]any) ([]*neo4j.Record, error) {
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(e.db)}
	if !write {
		opts = append(opts, neo4j.ExecuteQueryWithReadersRouting())
	}
	res, err := neo4j.ExecuteQuery(ctx, e.driver, q, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// gql is a system that sends query to c with the variables vars makes and
// normalises the answer's data with norm.
func gql(name string, c *client, query string, vars func(*args) map[string]any, norm func(map[string]any) any) system {
	return system{name: name, check: true, query: query, vars: vars, call: func(ctx context.Context, a *args) (any, error) {
		if !a.verify {
			return nil, c.send(ctx, query, vars(a))
		}
		data, err := c.do(ctx, query, vars(a))
		if err != nil {
			return nil, err
		}
		return norm(data), nil
	}}
}

// raw is a system that runs a hand-written Cypher query and normalises
// its records with norm.
func (e *env) raw(write bool, q string, params func(*args) map[string]any, norm func([]*neo4j.Record) any) system {
	return system{name: sysCypher, check: true, call: func(ctx context.Context, a *args) (any, error) {
		recs, err := e.cypher(ctx, write, q, params(a))
		if err != nil || !a.verify {
			return nil, err
		}
		return norm(recs), nil
	}}
}

// ops lists every operation, the Neo4j ones first; writes come last, as
// they change what the others read.
func (e *env) ops() []*op {
	list := []*op{
		e.nestedOp(), e.neighboursOp(), e.pageOp("page-1", 1), e.pageOp(fmt.Sprintf("page-%d", e.page), e.page),
		e.countOp(), e.interfaceOp(), e.searchOp(), e.hoodOp(), e.pathOp(), e.writeOp(),
	}
	var kept []*op
	for _, o := range list {
		var keep []system
		for _, s := range o.systems {
			if (e.noPeer && s.name == sysPeer) || (e.noEmbed && (s.name == sysEmbedded || strings.HasPrefix(s.name, "floor"))) ||
				(e.noNeo4j && (s.name == sysEco || s.name == sysCypher || s.name == sysPeer)) {
				continue
			}
			keep = append(keep, s)
		}
		if o.systems = keep; len(keep) > 0 {
			kept = append(kept, o)
		}
	}
	return kept
}

// check asks every system of o the same n questions and fails, showing
// both answers, when two differ.
func check(ctx context.Context, o *op, n int) error {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range n {
		a := o.args(rng)
		a.verify = true
		var first []byte
		var firstName string
		for _, s := range o.systems {
			got, err := s.call(ctx, a)
			if err != nil {
				err = fmt.Errorf("%s on %s: %w", o.name, s.name, err)
				if s.name == sysPeer {
					return &peerError{err}
				}
				return err
			}
			if !s.check {
				continue
			}
			b, _ := json.MarshalIndent(got, "", " ")
			if first == nil {
				first, firstName = b, s.name
				continue
			}
			if string(b) != string(first) {
				return fmt.Errorf("%s, question %d (%+v): %s and %s answer differently:\n%s:\n%s\n%s:\n%s",
					o.name, i+1, *a, firstName, s.name, firstName, clip(first), s.name, clip(b))
			}
		}
	}
	return nil
}

// peerError is the peer failing to answer: not a wrong answer.
type peerError struct{ error }

func (e *peerError) Unwrap() error { return e.error }

func clip(b []byte) string {
	if len(b) > 3000 {
		return string(b[:3000]) + "…"
	}
	return string(b)
}

// pick is a random element of l.
func pick(r *rand.Rand, l []string) string { return l[r.IntN(len(l))] }

// allTypes is every relation type as a Cypher pattern's alternatives.
var allTypes = func() string {
	parts := make([]string, len(store.RelationTypes))
	for i, t := range store.RelationTypes {
		parts[i] = string(t)
	}
	return strings.Join(parts, "|")
}()

// The records' values, read as the GraphQL answers are.

func rs(v any) string { return str(map[string]any{"v": v}, "v") }

func rlist(v any) []any { l, _ := v.([]any); return l }
