package neo4j

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// The change feed is a node per change, written by the write's own
// transaction:
//
//	(:Change {seq, op, type, item, at, role, subject})
//
// item is the item's ecograph/v1 record (JSON), type ACTOR, RELATION or
// SOURCE, at the commit's time in Unix milliseconds. The network's
// version node holds the newest seq: every write locks that node first
// thing (see write), so writes take their seqs in the order they commit
// and a reader that sees a seq sees every seq before it. Beyond the bound
// the oldest changes are deleted, a few by each write (newFeedLog).

// changes collects what one run of a write's work function changed, in
// the order a reader of the feed sees it.
type changes []store.Change

func (c *changes) actor(op store.Operation, a *store.Actor) {
	*c = append(*c, store.Change{Op: op, Actor: a})
}

func (c *changes) relation(op store.Operation, r *store.Relation) {
	*c = append(*c, store.Change{Op: op, Relation: r})
}

func (c *changes) source(op store.Operation, s *store.Source) {
	*c = append(*c, store.Change{Op: op, Source: s})
}

// authored records changes as one author's: a transaction that writes
// for several callers (Create) names each change's own.
type authored struct {
	c      *changes
	author store.Author
}

func (c *changes) by(a store.Author) authored { return authored{c, a} }

func (a authored) actor(op store.Operation, x *store.Actor) {
	*a.c = append(*a.c, store.Change{Op: op, Actor: x, Author: a.author})
}

func (a authored) relation(op store.Operation, r *store.Relation) {
	*a.c = append(*a.c, store.Change{Op: op, Relation: r, Author: a.author})
}

func (a authored) source(op store.Operation, s *store.Source) {
	*a.c = append(*a.c, store.Change{Op: op, Source: s, Author: a.author})
}

// opFor is CREATED for an item not stored before, else UPDATED.
func opFor(stored bool) store.Operation {
	if stored {
		return store.Updated
	}
	return store.Created
}

// sortedByID returns items sorted by id.
func sortedByID[T any](items []T, id func(T) string) []T {
	slices.SortFunc(items, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return items
}

const (
	// logFirst gives the write's changes their seqs on the version node,
	// which write has locked, reads the commit's time and writes the first
	// batch of changes, all in one statement; row.i is a change's place
	// in the write, from 1. It returns the head before the write and the
	// time.
	// It deletes, first, up to $trim of the changes the write puts
	// beyond the bound ($limit), the oldest.
	logFirst = "MATCH (m:EcographMeta {key: 'network'}) WITH m, coalesce(m.seq, 0) AS head " +
		"SET m.seq = head + $count WITH head, datetime.realtime().epochMillis AS at " +
		"CALL (head) { MATCH (old:Change) WHERE old.seq <= head + $count - $limit WITH old ORDER BY old.seq LIMIT $trim DELETE old } " +
		"UNWIND $rows AS row CREATE (c:Change) SET c = row.props, c.seq = head + row.i, c.at = at " +
		"RETURN head, at, count(c)"
	// logRest writes the further batches of a large write's changes.
	logRest     = "UNWIND $rows AS row CREATE (c:Change) SET c = row.props, c.seq = $head + row.i, c.at = $at"
	readHead    = "OPTIONAL MATCH (m:EcographMeta {key: 'network'}) RETURN coalesce(m.seq, 0)"
	readChanges = "MATCH (c:Change) WHERE c.seq > $after RETURN c.seq, c.op, c.type, c.item, c.at, c.role, c.subject ORDER BY c.seq LIMIT $n"
)

// logChanges writes cs to the feed in tx, by author (or the change's own,
// when it names one), and drops what falls beyond the bound. Of a write with more changes than the bound only the
// newest are written.
func (s *Store) logChanges(ctx context.Context, tx neo4j.ManagedTransaction, cs changes, author store.Author) error {
	l := s.newFeedLog(cs, author)
	if l == nil {
		return nil
	}
	recs, err := rows(ctx, tx, logFirst, l.params)
	if err != nil {
		return err
	}
	return l.rest(ctx, tx, recs)
}

// feedLog is a write's changes as the feed stores them: the first batch
// (logFirst with its params, which a write may run as the end of another
// statement) and the batches after it.
type feedLog struct {
	params map[string]any
	later  [][]any
}

// newFeedLog prepares cs for the feed; nil when there is nothing to log.
//
// The changes beyond the bound are deleted by the statement that logs
// the first batch, up to twice as many as the write logs (so that the log
// comes back to its bound after the bound is lowered): a few dozen a
// write. (Until the fifth pass of issue 14 a sixty-fourth of the bound
// went at once, 1,562 changes of the default bound every 78 writes of 20
// changes, in a statement of its own: that write's time was the harness's
// p99.)
func (s *Store) newFeedLog(cs changes, author store.Author) *feedLog {
	if len(cs) == 0 {
		return nil
	}
	limit := s.changeLimit
	skip := max(len(cs)-limit, 0)
	rs := make([]any, 0, len(cs)-skip)
	for i := skip; i < len(cs); i++ {
		typ, item := dataset.ItemRecord(&cs[i])
		props := map[string]any{"op": string(cs[i].Op), "type": typ, "item": string(item)}
		by := author
		if cs[i].Author != (store.Author{}) {
			by = cs[i].Author
		}
		putString(props, "role", by.Role)
		putString(props, "subject", by.Subject)
		rs = append(rs, map[string]any{"i": i + 1, "props": props})
	}
	chunks := slices.Collect(slices.Chunk(rs, batchSize))
	return &feedLog{
		params: map[string]any{"count": len(cs), "rows": chunks[0], "limit": limit, "trim": 2 * (len(rs) + 1)},
		later:  chunks[1:],
	}
}

// rest writes the batches after the first, given the first's records
// (logFirst's head and time).
func (l *feedLog) rest(ctx context.Context, tx neo4j.ManagedTransaction, first []*neo4j.Record) error {
	if len(l.later) == 0 {
		return nil
	}
	head, at := asInt(first[0].Values[0]), first[0].Values[1]
	for _, chunk := range l.later {
		if _, err := rows(ctx, tx, logRest, map[string]any{"head": head, "at": at, "rows": chunk}); err != nil {
			return err
		}
	}
	return nil
}

// Committed returns a channel closed at the next commit of a write made
// through this Store; writes by other processes are not signalled.
func (s *Store) Committed() <-chan struct{} { return s.committed.C() }

// Changes returns up to first changes after the Seq after, oldest first.
// An after older than the oldest change kept is a *store.ExpiredError;
// an after past the newest gives an empty page.
func (s *Store) Changes(ctx context.Context, after uint64, first int) (*store.ChangePage, error) {
	if first < 1 {
		return nil, store.Invalid("first", "must be at least 1, not %d", first)
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ChangePage, error) {
		recs, err := rows(ctx, tx, readHead, nil)
		if err != nil {
			return nil, err
		}
		page := &store.ChangePage{Head: uint64(asInt(recs[0].Values[0]))}
		if after >= page.Head {
			return page, nil
		}
		recs, err = rows(ctx, tx, readChanges, map[string]any{"after": int64(after), "n": first + 1})
		if err != nil {
			return nil, err
		}
		// A gap before the first change read means the changes after
		// after were trimmed (perhaps since the head was read).
		if len(recs) == 0 || uint64(asInt(recs[0].Values[0])) != after+1 {
			oldest := page.Head + 1
			if len(recs) > 0 {
				oldest = uint64(asInt(recs[0].Values[0]))
			}
			return nil, &store.ExpiredError{After: after, Oldest: oldest}
		}
		if len(recs) > first {
			recs, page.HasNext = recs[:first], true
		}
		for _, rec := range recs {
			v := rec.Values
			c := store.Change{
				Seq:    uint64(asInt(v[0])),
				Op:     store.Operation(asString(v[1])),
				At:     timeMillis(v[4]),
				Author: store.Author{Role: asString(v[5]), Subject: asString(v[6])},
			}
			if err := dataset.DecodeItem(&c, asString(v[2]), []byte(asString(v[3]))); err != nil {
				return nil, err
			}
			page.Changes = append(page.Changes, c)
		}
		page.Head = max(page.Head, page.Changes[len(page.Changes)-1].Seq)
		return page, nil
	})
}

var _ store.Feed = (*Store)(nil)

// timeMillis reads Unix milliseconds as a time in UTC.
func timeMillis(v any) time.Time {
	ms, _ := v.(int64)
	return time.UnixMilli(ms).UTC()
}
