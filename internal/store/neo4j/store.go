// Package neo4j is the store over a Neo4j server, cluster or Aura
// instance, through the official Go driver. It answers every question
// exactly as the embedded store does (internal/store/storetest checks
// both): the same ids, orders, cursors and errors.
//
// The graph in Neo4j:
//
//	(:Actor:<Kind> {id, kind, name, sortKey, ...})   one per actor; <Kind> is University, Startup, ...
//	(:Actor)-[:NAMED]->(:Name {value, rank})         one per name and alias
//	(:Actor)-[:TERM]->(:Term {k})                    one per search term of its names (search.go); :Term:Suffix for word terms
//	(:Source {id, title, ...})                       one per source
//	(:Actor)-[:<TYPE> {id, since, until, ...}]->(:Actor)   one per relation, TYPE as in the schema
//
// Labels and relationship types come only from store.Kinds and
// store.RelationTypes; every value is a query parameter. Citations and
// localized names are kept as parallel lists of strings, the properties
// Neo4j can hold. Every query runs in a managed transaction (retried on
// transient errors) bounded by the caller's context.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/ecograph/ecograph/internal/store"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is bolt://, neo4j:// (routing: clusters and Aura) or their +s
	// and +ssc forms.
	URI      string
	Username string
	Password string
	// Database picks the database; empty means the server's default.
	Database string
	// ChangeLimit is how many of the newest changes the change feed
	// keeps; 0 means store.DefaultChangeLimit.
	ChangeLimit int
}

// retryTime is how long a read or write is retried on transient errors
// and lost connections: long enough for a request to meet a restarting
// server's return, short enough to fail with UNAVAILABLE well within its
// deadline while the server is down.
const retryTime = 3 * time.Second

// Store is a store.Store over Neo4j. It is safe for concurrent use.
type Store struct {
	driver      neo4j.DriverWithContext
	db          string
	changeLimit int
	committed   store.Signal
	creates     createQueue
}

var _ store.Store = (*Store)(nil)

// Open connects to Neo4j, checks that it answers with the credentials
// given, and makes the constraints and indexes the queries use (each
// only when missing). It logs a warning when the names' search terms need
// Reindex. It fails with a *store.UnavailableError when the
// server cannot be reached.
func Open(ctx context.Context, c Config) (*Store, error) {
	u, err := url.Parse(c.URI)
	if err != nil || u.Host == "" {
		return nil, store.Invalid("NEO4J_URI", "%q is not a URI such as bolt://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io", c.URI)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, store.Invalid("NEO4J_URI", "scheme %q is not bolt, neo4j or their +s and +ssc forms", u.Scheme)
	}
	driver, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""), func(cfg *config.Config) {
		cfg.SocketConnectTimeout = 5 * time.Second
		cfg.ConnectionAcquisitionTimeout = 10 * time.Second
		cfg.MaxTransactionRetryTime = retryTime
		// The driver's usage counts cost a message per transaction.
		cfg.TelemetryDisabled = true
		cfg.MaxConnectionPoolSize = 50
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	if c.ChangeLimit <= 0 {
		c.ChangeLimit = store.DefaultChangeLimit
	}
	s := &Store{driver: driver, db: c.Database, changeLimit: c.ChangeLimit}
	if err := s.Ping(ctx); err != nil {
		_ = driver.Close(context.Background())
		var un *store.UnavailableError
		if errors.As(err, &un) && un.Err != nil {
			// At start the operator reads this, not a client: say where and why.
			return nil, &store.UnavailableError{Message: fmt.Sprintf("opening the Neo4j store at %s: %s (%v)", c.URI, un.Message, un.Err), Err: un.Err}
		}
		return nil, err
	}
	if err := s.ensureSchema(ctx); err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	if err := s.checkTerms(ctx); err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// Ping checks that Neo4j answers now, once, without retrying.
func (s *Store) Ping(ctx context.Context) error {
	return s.fail(ctx, s.driver.VerifyConnectivity(ctx))
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

func (s *Store) queryOptions(read bool) []neo4j.ExecuteQueryConfigurationOption {
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(s.db)}
	if read {
		opts = append(opts, neo4j.ExecuteQueryWithReadersRouting())
	}
	return opts
}

// txConfig gives a transaction the time left before ctx's deadline, so
// that Neo4j itself stops the work of a request that ran out of time (the
// driver, which watches ctx, only stops waiting for it). A ctx without a
// deadline leaves the server's default.
func txConfig(ctx context.Context) []func(*neo4j.TransactionConfig) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return nil
	}
	// 0 would mean no limit; the driver rounds up to the millisecond.
	return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(max(time.Until(deadline), time.Millisecond))}
}

// read runs work in one managed read transaction, which Neo4j ends at
// ctx's deadline.
func read[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(context.Background())
	v, err := neo4j.ExecuteRead(ctx, session, work, txConfig(ctx)...)
	return v, s.fail(ctx, err)
}

// query runs one read statement as an auto-commit transaction and
// returns its records. One statement needs no transaction around it, and
// an auto-commit one costs one round trip where a managed transaction
// costs two (BEGIN, RUN and PULL; then COMMIT). It retries as the
// driver's managed transactions do: on transient errors and lost
// connections, for up to retryTime, waiting 1 s, then 2 s, ... between
// tries (with a fifth either way of jitter), and never past ctx's end.
func (s *Store) query(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	start := time.Now()
	wait := time.Second
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		recs, err := s.run(ctx, cypher, params)
		if err == nil || !neo4j.IsRetryable(err) || time.Since(start) >= retryTime {
			return recs, s.fail(ctx, err)
		}
		jittered := time.Duration(float64(wait) * (0.8 + 0.4*rand.Float64()))
		if time.Since(start)+jittered >= retryTime {
			return nil, s.fail(ctx, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(jittered):
		}
		wait *= 2
	}
}

// run sends one auto-commit read statement, which Neo4j ends at ctx's
// deadline, and collects its records.
func (s *Store) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	queries.Add(1)
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(context.Background())
	res, err := session.Run(ctx, cypher, params, txConfig(ctx)...)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// write runs work in one managed write transaction: it commits, or
// changes nothing. work may run more than once (on transient errors), so
// it must not keep state between runs. What work records in its changes
// goes to the change feed in the same transaction, with the author that
// ctx carries; a commit that changed something wakes Committed's waiters.
//
// Each write first gives the network a new version (see NetworkVersion).
// That locks one node, so writes take turns; taking it first means no
// write holds another lock while it waits, so hub actors that many writes
// touch no longer deadlock. The same turn orders the change feed.
//
// Neo4j ends the transaction at ctx's deadline, rolling it back, as it
// does any transaction that does not commit.
func write[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction, cs *changes) (T, error)) (T, error) {
	return writeOwn(ctx, s, func(tx neo4j.ManagedTransaction, author store.Author) (T, int, error) {
		var zero T
		if _, err := rows(ctx, tx, bumpVersion, nil); err != nil {
			return zero, 0, err
		}
		var cs changes
		v, err := work(tx, &cs)
		if err != nil {
			return zero, 0, err
		}
		if err := s.logChanges(ctx, tx, cs, author); err != nil {
			return zero, 0, err
		}
		return v, len(cs), nil
	})
}

// writeOwn is write for a work function that bumps the version first
// thing and logs its changes itself, each folded into a statement of its
// own (Create's), and returns how many changes it logged.
func writeOwn[T any](ctx context.Context, s *Store, work func(tx neo4j.ManagedTransaction, author store.Author) (T, int, error)) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	author, _ := store.AuthorFrom(ctx)
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.Background())
	logged := 0
	v, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (T, error) {
		v, n, err := work(tx, author)
		logged = n
		return v, err
	}, txConfig(ctx)...)
	if err == nil && logged > 0 {
		s.committed.Fire()
	}
	return v, s.fail(ctx, err)
}

// isStoreError reports an error a work function returns on purpose (not
// found, conflict, invalid, unavailable): passed through as it is.
func isStoreError(err error) bool {
	return errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrConflict) ||
		errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrUnavailable)
}

// fail turns a driver error into what the API reports: the store's own
// errors as they are; the context's end as itself; an unreachable server
// as a *store.UnavailableError; a broken uniqueness constraint (two
// writers racing for one id) as a *store.ConflictError. Anything else is
// wrapped, to be logged and reported as internal.
func (s *Store) fail(ctx context.Context, err error) error {
	if err == nil || isStoreError(err) {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	var n4 *neo4j.Neo4jError
	if errors.As(err, &n4) {
		switch {
		case strings.HasPrefix(n4.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
			// The timeout txConfig set from the deadline, seen by the
			// server a moment before ctx ends here.
			return fmt.Errorf("neo4j ended the transaction at the request's deadline: %w", context.DeadlineExceeded)
		case n4.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return &store.ConflictError{What: "an id this write names", Reason: "was taken by a concurrent write; try again"}
		case n4.Code == "Neo.ClientError.Security.Unauthorized":
			return &store.UnavailableError{Message: "the Neo4j database refused ecograph's credentials", Err: err}
		case n4.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return &store.UnavailableError{Message: fmt.Sprintf("the Neo4j server has no database %q (NEO4J_DATABASE)", s.db), Err: err}
		case strings.HasPrefix(n4.Code, "Neo.TransientError."):
			return &store.UnavailableError{Message: "the Neo4j database is not available right now; try again shortly", Err: err}
		}
		return fmt.Errorf("neo4j: %w", err)
	}
	if neo4j.IsConnectivityError(err) || neo4j.IsRetryable(err) || isTransactionTimeout(err) {
		return &store.UnavailableError{Message: "the Neo4j database cannot be reached; try again shortly", Err: err}
	}
	return fmt.Errorf("neo4j: %w", err)
}

func isTransactionTimeout(err error) bool {
	var te *neo4j.TransactionExecutionLimit
	return errors.As(err, &te)
}
