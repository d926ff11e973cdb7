package neo4j

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
)

// Create writes new records in one transaction (store.Writer.Create): one
// lookup of every id the records name, the checks of store.PlanCreate,
// then one statement that makes them all (newRecords).
//
// Concurrent calls share a transaction (a group commit), CreateActor's,
// CreateRelation's and CreateSource's too. A write's time
// on Neo4j is its round trips and its commit, taken in turn under the
// network version's lock (see write); while one transaction runs, the
// calls that arrive queue, and the next transaction takes them all: one
// lookup, one statement that writes them, one commit. Each call is still
// checked on its own, against the store and the calls before it in the
// transaction, exactly as if the calls had run one after the other: a
// refused call gets its error and the others are written. Its changes
// are recorded together, in its order, by its author.
func (s *Store) Create(ctx context.Context, d store.Dataset) (*store.Dataset, error) {
	return s.queueCreate(ctx, d, store.PlanCreate)
}

// CreateActor writes a new actor, checked as the embedded store checks it
// (store.PlanOne), in the transaction of the calls waiting with it.
func (s *Store) CreateActor(ctx context.Context, a store.Actor) (*store.Actor, error) {
	out, err := s.queueCreate(ctx, store.Dataset{Actors: []store.Actor{a}}, store.PlanOne)
	if err != nil {
		return nil, err
	}
	return &out.Actors[0], nil
}

// CreateRelation writes a new relation between two stored actors, as
// CreateActor writes an actor.
func (s *Store) CreateRelation(ctx context.Context, r store.Relation) (*store.Relation, error) {
	out, err := s.queueCreate(ctx, store.Dataset{Relations: []store.Relation{r}}, store.PlanOne)
	if err != nil {
		return nil, err
	}
	return &out.Relations[0], nil
}

// CreateSource writes a new source, as CreateActor writes an actor.
func (s *Store) CreateSource(ctx context.Context, src store.Source) (*store.Source, error) {
	out, err := s.queueCreate(ctx, store.Dataset{Sources: []store.Source{src}}, store.PlanOne)
	if err != nil {
		return nil, err
	}
	return &out.Sources[0], nil
}

// queueCreate queues d, to be checked by plan, for the next transaction
// and waits for its answer.
func (s *Store) queueCreate(ctx context.Context, d store.Dataset, plan planner) (*store.Dataset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	author, _ := store.AuthorFrom(ctx)
	c := &createCall{ctx: ctx, d: d, plan: plan, author: author, done: make(chan struct{})}
	if s.creates.add(c) {
		go s.runCreates()
	}
	// A call is answered by its deadline: one that ends while it waits
	// leaves the queue, and the transaction that takes it ends by the
	// earliest deadline of its calls (createBatch).
	select {
	case <-c.done:
	case <-ctx.Done():
		if s.creates.drop(c) {
			return nil, ctx.Err()
		}
		<-c.done
	}
	return c.out, c.err
}

// planner checks a call's records against what the store holds and the
// calls before it: store.PlanCreate, or store.PlanOne for the
// one-record Create methods (their own checks and errors).
type planner func(d store.Dataset, k store.Known) (*store.LoadPlan, error)

// createCall is one call of Create, waiting for its transaction.
type createCall struct {
	ctx    context.Context
	d      store.Dataset
	plan   planner
	author store.Author
	out    *store.Dataset
	err    error
	done   chan struct{}
}

func (c *createCall) finish(out *store.Dataset, err error) {
	c.out, c.err = out, err
	close(c.done)
}

// Bounds of one shared transaction: a call of many records goes alone,
// and the checks of a call look through the plans of the calls before it
// (store.LoadPlan's Known), so the calls are few.
const (
	maxBatchRecords = 10000
	maxBatchCalls   = 64
)

// createQueue holds the calls of Create waiting for a transaction; one
// goroutine (runCreates) runs while there are any.
type createQueue struct {
	mu      sync.Mutex
	pending []*createCall
	running bool
	txs     atomic.Int64  // transactions run, for tests
	hold    chan struct{} // when not nil, each transaction waits for it to close (tests)
}

// add queues c and reports whether the caller must start runCreates.
func (q *createQueue) add(c *createCall) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = append(q.pending, c)
	start := !q.running
	q.running = true
	return start
}

// next takes the calls for the next transaction, in the order they came:
// at least one, and up to the bounds. With none left it marks the queue
// idle and returns nil.
func (q *createQueue) next() []*createCall {
	q.mu.Lock()
	defer q.mu.Unlock()
	n, records := 0, 0
	for n < len(q.pending) && n < maxBatchCalls && (n == 0 || records+q.pending[n].d.Len() <= maxBatchRecords) {
		records += q.pending[n].d.Len()
		n++
	}
	if n == 0 {
		q.running = false
		return nil
	}
	batch := slices.Clone(q.pending[:n])
	q.pending = slices.Delete(q.pending, 0, n)
	return batch
}

// drop takes c out of the queue and reports whether it was still there
// (not yet taken by a transaction).
func (q *createQueue) drop(c *createCall) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	i := slices.Index(q.pending, c)
	if i < 0 {
		return false
	}
	q.pending = slices.Delete(q.pending, i, i+1)
	return true
}

// runCreates runs the queued calls' transactions until none is left.
func (s *Store) runCreates() {
	if s.creates.hold != nil {
		<-s.creates.hold
	}
	for batch := s.creates.next(); batch != nil; batch = s.creates.next() {
		s.createBatch(batch)
	}
}

// createBatch writes the calls in one transaction, which ends by the
// earliest of their deadlines. When that transaction fails as a whole for
// what may be one call's doing (a deadline, another process's write
// racing for an id) each call runs again on its own, so that each gets
// its own answer.
func (s *Store) createBatch(batch []*createCall) {
	live := batch[:0]
	for _, c := range batch {
		if err := c.ctx.Err(); err != nil {
			c.finish(nil, err)
			continue
		}
		live = append(live, c)
	}
	if len(live) == 0 {
		return
	}
	results, err := s.createTx(live)
	if err == nil {
		for i, c := range live {
			c.finish(results[i].out, results[i].err)
		}
		return
	}
	// Only a conflict (another process's write took an id) or a deadline
	// (a call's, shorter than the others') may be one call's doing; the
	// database's failures are everyone's.
	if len(live) == 1 || !errors.Is(err, store.ErrConflict) && !errors.Is(err, context.DeadlineExceeded) {
		for _, c := range live {
			c.finish(nil, err)
		}
		return
	}
	for _, c := range live {
		if err := c.ctx.Err(); err != nil {
			c.finish(nil, err)
			continue
		}
		results, err := s.createTx([]*createCall{c})
		if err != nil {
			c.finish(nil, err)
			continue
		}
		c.finish(results[0].out, results[0].err)
	}
}

// createResult is what one call's part of a transaction came to.
type createResult struct {
	out *store.Dataset
	err error
}

// createTx writes calls in one transaction, each checked against the
// store and the calls before it. A refused call's result holds its error;
// the error returned is the transaction's.
func (s *Store) createTx(calls []*createCall) ([]createResult, error) {
	ctx, cancel := batchContext(calls)
	defer cancel()
	s.creates.txs.Add(1)
	// The turn is three round trips: the lock with the look-up
	// (lockAndLookup), the records with the change feed (newRecords), the
	// commit.
	return writeOwn(ctx, s, func(tx neo4j.ManagedTransaction, _ store.Author) ([]createResult, int, error) {
		results := make([]createResult, len(calls))
		ds := make([]store.Dataset, len(calls))
		gens := make([][]store.GeneratedID, len(calls))
		var ids []string
		for i, c := range calls {
			ds[i] = c.d.Clone()
			gens[i] = store.NewIDs(&ds[i])
			ids = append(ids, ds[i].IDs()...)
		}
		k, err := lockAndLookup(ctx, tx, slices.Compact(slices.Sorted(slices.Values(ids))))
		if err != nil {
			return nil, 0, err
		}
		var (
			cs      changes
			sources []any
			actors  []*store.Actor
			rels    []*store.Relation
			// known is the store as the calls planned so far leave it.
			known store.Known = k
		)
		for i, c := range calls {
			// A new id that is taken already (a chance in 2^32) is made again.
			for _, g := range gens[i] {
				if known.Holder(*g.ID) != "" {
					if *g.ID, err = freshID(ctx, tx, g.From); err != nil {
						return nil, 0, err
					}
				}
			}
			p, err := c.plan(ds[i], known)
			if err != nil {
				results[i].err = err
				continue
			}
			results[i].out = p.Created(ds[i])
			known = p
			for _, src := range sortedByID(slices.Collect(maps.Values(p.Sources)), func(s *store.Source) string { return s.ID }) {
				sources = append(sources, sourceProps(src))
				cs.by(c.author).source(store.Created, src)
			}
			for _, a := range sortedByID(slices.Collect(maps.Values(p.Actors)), func(a *store.Actor) string { return a.ID }) {
				actors = append(actors, a)
				cs.by(c.author).actor(store.Created, a)
			}
			for _, r := range sortedByID(slices.Collect(maps.Values(p.Relations)), func(r *store.Relation) string { return r.ID }) {
				rels = append(rels, r)
				cs.by(c.author).relation(store.Created, r)
			}
		}
		// Each change names its call's author; the transaction has none.
		if err := newRecords(ctx, tx, sources, actors, rels, s.newFeedLog(cs, store.Author{})); err != nil {
			return nil, 0, err
		}
		return results, len(cs), nil
	})
}

// batchContext is the context of a transaction for calls: no values, and
// the earliest of their deadlines.
func batchContext(calls []*createCall) (context.Context, context.CancelFunc) {
	var first time.Time
	for _, c := range calls {
		if d, ok := c.ctx.Deadline(); ok && (first.IsZero() || d.Before(first)) {
			first = d
		}
	}
	if first.IsZero() {
		return context.WithCancel(context.Background())
	}
	return context.WithDeadline(context.Background(), first)
}
