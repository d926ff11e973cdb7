package embedded

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// The change feed lives in the bucket "changes", one record per change
// (dataset.ChangeRecord), keyed by its Seq as 8 big-endian bytes so that
// bbolt's order is the feed's. Each write puts its changes in its own
// bbolt transaction, so an acknowledged write and its changes are one,
// and trims the oldest beyond the bound in that same transaction.

var bucketChanges = []byte("changes")

// WithChangeLimit sets how many of the newest changes the feed keeps; 0
// keeps store.DefaultChangeLimit. A reader whose cursor is older must copy the
// network afresh.
func WithChangeLimit(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.changeLimit = n
		}
	}
}

// feed is the store's side of the change log: its bound, and the newest
// and oldest Seq in the file, which only writers touch, under writeMu.
type feed struct {
	limit     uint64
	pos       feedPos
	committed store.Signal
}

// feedPos is the newest and oldest Seq the file holds (0 and 0 when none).
type feedPos struct{ head, oldest uint64 }

// init creates the changes bucket when missing and reads the newest and
// oldest Seq, in the transaction that opens the file.
func (f *feed) init(tx *bolt.Tx, limit int) error {
	f.limit = uint64(limit)
	b, err := tx.CreateBucketIfNotExists(bucketChanges)
	if err != nil {
		return err
	}
	c := b.Cursor()
	if k, _ := c.Last(); k != nil {
		f.pos.head = binary.BigEndian.Uint64(k)
		k, _ = c.First()
		f.pos.oldest = binary.BigEndian.Uint64(k)
	}
	return nil
}

// Committed returns a channel closed at the next commit of a write.
func (s *Store) Committed() <-chan struct{} { return s.feed.committed.C() }

// records lists the changes c makes to m, in the order a reader of the
// feed sees them: the relations it deletes, then the sources, actors and
// relations it puts, each in id order, then the actors it deletes (after
// the relations that joined them and the actors located in them). m is
// memory before c applies; every record has the write's time and author.
// Only the newest keep records are made (the feed would drop the others
// at once); total counts them all.
func (c *change) records(m *memory, at time.Time, author store.Author, keep int) (recs []dataset.ChangeRecord, total int) {
	deletedRelations := slices.Compact(slices.Sorted(slices.Values(c.deleteRelations)))
	deletedActors := slices.Compact(slices.Sorted(slices.Values(c.deleteActors)))
	sortPuts(c.sources)
	sortPuts(c.actors)
	sortPuts(c.relations)
	total = len(deletedRelations) + len(c.sources) + len(c.actors) + len(c.relations) + len(deletedActors)
	skip := max(total-keep, 0)
	recs = make([]dataset.ChangeRecord, 0, total-skip)
	i := 0
	add := func(op store.Operation, typ string, item func() []byte) {
		if i >= skip {
			recs = append(recs, dataset.ChangeRecord{Op: op, Type: typ, Item: item(), At: at, Author: author})
		}
		i++
	}
	op := func(stored bool) store.Operation {
		if stored {
			return store.Updated
		}
		return store.Created
	}
	for _, id := range deletedRelations {
		add(store.Deleted, dataset.ItemRelation, func() []byte { return encodeRelation(m.relations[id]) })
	}
	for _, p := range c.sources {
		add(op(m.sources[p.id] != nil), dataset.ItemSource, func() []byte { return p.rec })
	}
	for _, p := range c.actors {
		add(op(m.actor(p.id) != nil), dataset.ItemActor, func() []byte { return p.rec })
	}
	for _, p := range c.relations {
		add(op(m.relations[p.id] != nil), dataset.ItemRelation, func() []byte { return p.rec })
	}
	for _, id := range deletedActors {
		add(store.Deleted, dataset.ItemActor, func() []byte { return encodeActor(m.actor(id)) })
	}
	return recs, total
}

func sortPuts[T any](puts []put[T]) {
	slices.SortFunc(puts, func(x, y put[T]) int { return strings.Compare(x.id, y.id) })
}

// append writes recs, the newest of a write's total changes, to the feed
// in tx, after the head, and drops the changes beyond the bound. It
// returns where the feed then stands, which the caller keeps once tx has
// committed.
//
// The bound is kept in batches: the log may pass it by a sixty-fourth
// before the oldest changes go, all at once, so that most writes only
// append (a delete costs a write a second leaf of the bucket rewritten).
func (f *feed) append(tx *bolt.Tx, recs []dataset.ChangeRecord, total int) (feedPos, error) {
	b := tx.Bucket(bucketChanges)
	pos := feedPos{head: f.pos.head + uint64(total), oldest: f.pos.oldest}
	if len(recs) > 1000 {
		b.FillPercent = 0.9 // keys only grow: keep the pages full
	}
	first := pos.head - uint64(len(recs)) + 1
	if pos.oldest == 0 {
		pos.oldest = first
	}
	for i := range recs {
		if err := b.Put(seqKey(first+uint64(i)), recs[i].Marshal()); err != nil {
			return feedPos{}, err
		}
	}
	if pos.head-pos.oldest+1 <= f.limit+f.limit/64 {
		return pos, nil
	}
	// Collect, then delete: a cursor's Delete moves it.
	cut := pos.head - f.limit // the newest Seq to drop
	var old [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) <= cut; k, _ = c.Next() {
		old = append(old, k)
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return feedPos{}, err
		}
	}
	pos.oldest = cut + 1
	return pos, nil
}

func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), seq)
}

// Changes returns up to first changes after the Seq after, oldest first,
// read from the data file. An after older than the oldest change kept is
// a *store.ExpiredError; an after past the newest gives an empty page.
func (s *Store) Changes(ctx context.Context, after uint64, first int) (*store.ChangePage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if first < 1 {
		return nil, store.Invalid("first", "must be at least 1, not %d", first)
	}
	page := &store.ChangePage{}
	err := guardReads(s.path, func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketChanges).Cursor()
			k, _ := c.Last()
			if k == nil {
				return nil
			}
			page.Head = binary.BigEndian.Uint64(k)
			k, _ = c.First()
			if oldest := binary.BigEndian.Uint64(k); after < oldest-1 {
				return &store.ExpiredError{After: after, Oldest: oldest}
			}
			if after >= page.Head {
				return nil
			}
			for k, v := c.Seek(seqKey(after + 1)); k != nil; k, v = c.Next() {
				if len(page.Changes) == first {
					page.HasNext = true
					break
				}
				ch, err := dataset.UnmarshalChange(binary.BigEndian.Uint64(k), v)
				if err != nil {
					return err
				}
				page.Changes = append(page.Changes, ch)
			}
			return nil
		})
	})
	if errors.Is(err, bolterrors.ErrDatabaseNotOpen) {
		return nil, ErrClosed
	}
	var expired *store.ExpiredError
	var damaged *DamagedError
	if err != nil && !errors.As(err, &expired) && !errors.As(err, &damaged) {
		return nil, fmt.Errorf("reading the change feed of %s: %w", s.path, err)
	}
	if err != nil {
		return nil, err
	}
	return page, nil
}
