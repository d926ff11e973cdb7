// Package embedded is the store that needs no server: one bbolt file on
// disk, and the whole network in memory indexes that answer every read.
//
// Writes are serialized; each is checked against memory, written in one
// bbolt transaction (fsynced, as bbolt does by default), and applied to
// memory only once that transaction has committed, so a write is
// acknowledged only when it is durable and a refused or failed write
// changes nothing. Reads never wait for the disk.
//
// Long reads (a search, a walk, the copy of the network for analytics)
// look at their context as they go and stop when it ends. A writer waits
// for the long reads under way before it applies its change, but short
// reads (an actor, a page) go on meanwhile, and long reads that begin
// after it wait for it: see gate.
//
// Values returned by the store (*store.Actor, *store.Relation,
// *store.Source) are shared with its indexes and with other callers: treat
// them as read-only. The store never changes them; a write replaces them.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/ecograph/ecograph/internal/store"
)

// formatVersion names the layout of the data file: its buckets and the
// JSON records in them. A file of another version is refused.
const formatVersion = "1"

var (
	bucketActors    = []byte("actors")
	bucketRelations = []byte("relations")
	bucketSources   = []byte("sources")
	bucketMeta      = []byte("meta")
	keyFormat       = []byte("format")
)

// Store is the embedded store. It is safe for concurrent use.
type Store struct {
	path string
	db   *bolt.DB

	// writeMu serializes writers. A writer checks its input against memory
	// without taking gate (only writers change memory), writes the file,
	// and takes gate only to apply the committed change, so readers never
	// wait for an fsync. gate keeps short reads going while a writer waits
	// for a long one (see gate).
	writeMu sync.Mutex
	gate    gate
	mem     *memory
	closed  bool
	feed    feed
}

var _ store.Store = (*Store)(nil)

// Option changes how Open opens the store.
type Option func(*options)

type options struct {
	lockTimeout time.Duration
	changeLimit int
}

// DefaultLockTimeout is how long Open waits for another process to let go
// of the data file before it gives up.
const DefaultLockTimeout = 3 * time.Second

// WithLockTimeout sets how long Open waits for the data file's lock.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) { o.lockTimeout = d }
}

// Open opens the data file at path, creating it and its parent directories
// when missing, and reads the whole network into memory. A file cut short
// or damaged is refused with a *DamagedError before it is read where
// possible, and any fault while reading it becomes one too. The file is
// locked while the store is open: when another process (or another Open)
// holds it, Open fails after the lock timeout with a
// *store.UnavailableError that names the file.
func Open(path string, opts ...Option) (*Store, error) {
	o := options{lockTimeout: DefaultLockTimeout, changeLimit: store.DefaultChangeLimit}
	for _, opt := range opts {
		opt(&o)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("creating the data directory: %w", err)
		}
	}
	bo := &bolt.Options{Timeout: o.lockTimeout}
	if runtime.GOOS != "windows" && strconv.IntSize == 64 {
		// Map a gigabyte of address space from the start (the file itself
		// grows only as needed), so that a large load does not remap the
		// file, and copy every page it has touched, each time it grows.
		bo.InitialMmapSize = 1 << 30
	}
	if err := checkFile(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var db *bolt.DB
	err := guardReads(path, func() (err error) {
		db, err = bolt.Open(path, 0o600, bo)
		return err
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &store.UnavailableError{
			Message: fmt.Sprintf("the data file %s is in use by another process (is an ecograph server running?)", path),
			Err:     err,
		}
	}
	var damaged *DamagedError
	if errors.As(err, &damaged) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("opening the data file %s: %w", path, err)
	}
	s := &Store{path: path, db: db}
	if err := guardReads(path, func() error { return s.init(o) }); err != nil {
		_ = db.Close()
		if errors.As(err, &damaged) {
			return nil, err
		}
		return nil, fmt.Errorf("reading the data file %s: %w", path, err)
	}
	return s, nil
}

// init creates the buckets of a new file, checks the format of an old
// one, and reads everything into memory.
func (s *Store) init(o options) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if tx.Bucket(bucketActors) != nil {
				return errors.New("the file has no format version")
			}
			var err error
			if meta, err = tx.CreateBucket(bucketMeta); err != nil {
				return err
			}
			if err := meta.Put(keyFormat, []byte(formatVersion)); err != nil {
				return err
			}
		}
		if v := string(meta.Get(keyFormat)); v != formatVersion {
			return fmt.Errorf("the file has format %q; this ecograph reads format %q", v, formatVersion)
		}
		for _, name := range [][]byte{bucketActors, bucketRelations, bucketSources} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return s.feed.init(tx, o.changeLimit)
	})
	if err != nil {
		return err
	}
	var sources []*store.Source
	var actors []*store.Actor
	var relations []*store.Relation
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		if sources, err = decodeBucket(s.path, tx.Bucket(bucketSources), decodeSource); err != nil {
			return err
		}
		if actors, err = decodeBucket(s.path, tx.Bucket(bucketActors), decodeActor); err != nil {
			return err
		}
		relations, err = decodeBucket(s.path, tx.Bucket(bucketRelations), decodeRelation)
		return err
	})
	if err != nil {
		return err
	}
	m := newMemory()
	m.reserve(len(actors), len(relations))
	for _, src := range sources {
		m.putSource(src)
	}
	m.bulk = true
	for _, a := range actors {
		m.putActor(a)
	}
	for _, r := range relations {
		if m.actors[r.From] == nil || m.actors[r.To] == nil {
			return fmt.Errorf("relation %q joins an actor that does not exist", r.ID)
		}
		m.putRelation(r)
	}
	m.settle()
	m.findHeads(now)
	s.mem = m
	return nil
}

// decodeBucket decodes every record of a bucket, on all processors: the
// decoding is most of what opening a large file costs.
func decodeBucket[T any](path string, b *bolt.Bucket, decode func([]byte) (T, error)) ([]T, error) {
	var raw [][]byte // valid while the transaction lasts
	if err := b.ForEach(func(_, v []byte) error {
		raw = append(raw, v)
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]T, len(raw))
	workers := min(runtime.GOMAXPROCS(0), len(raw)/1000+1)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// The records are read from the map: a worker needs its
			// own guard against a page the file no longer backs.
			errs[w] = guardReads(path, func() error {
				for i := w; i < len(raw); i += workers {
					v, err := decode(raw[i])
					if err != nil {
						return err
					}
					out[i] = v
				}
				return nil
			})
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Close closes the data file; calls after it fail with a
// *store.UnavailableError, and a second Close does nothing.
func (s *Store) Close() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.gate.lock()
	defer s.gate.unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return s.db.Close()
}

// Ping answers nil while the data file is open.
func (s *Store) Ping(ctx context.Context) error {
	_, unlock, err := s.read(ctx)
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// ErrClosed is what calls after Close fail with.
var ErrClosed = &store.UnavailableError{Message: "the store is closed"}

// read lets a short reader in (one that takes microseconds: a lookup, a
// page) and hands it memory and the function that lets it out.
func (s *Store) read(ctx context.Context) (*memory, func(), error) {
	return s.enter(ctx, false)
}

// readLong lets in a reader that may take long (a search, a walk, a copy
// of the whole network): it must check ctx as it goes, which is what
// bounds how long a writer waits for it (see gate).
func (s *Store) readLong(ctx context.Context) (*memory, func(), error) {
	return s.enter(ctx, true)
}

func (s *Store) enter(ctx context.Context, long bool) (*memory, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := s.gate.enter(ctx, long); err != nil {
		return nil, nil, err
	}
	if s.closed {
		s.gate.leave(long)
		return nil, nil, ErrClosed
	}
	return s.mem, func() { s.gate.leave(long) }, nil
}

// write runs one write: check plans it against memory and returns the
// change to make, or an error that refuses the write; the change's put
// writes it, and its records the change feed, in one bbolt transaction;
// once that commits, apply changes memory and the feed's waiters are
// woken. Writers take turns, which orders the feed.
func (s *Store) write(ctx context.Context, check func(m *memory) (*change, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.closed {
		return ErrClosed
	}
	c, err := check(s.mem)
	if err != nil || c.empty() {
		return err
	}
	author, _ := store.AuthorFrom(ctx)
	recs, total := c.records(s.mem, time.Now().UTC().Truncate(time.Millisecond), author, int(s.feed.limit))
	var pos feedPos
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := c.write(tx); err != nil {
			return err
		}
		var err error
		pos, err = s.feed.append(tx, recs, total)
		return err
	})
	if err != nil {
		return &store.UnavailableError{Message: "the write could not be saved", Err: fmt.Errorf("writing %s: %w", s.path, err)}
	}
	s.feed.pos = pos
	s.gate.lock()
	c.apply(s.mem)
	s.mem.settle()
	s.gate.unlock()
	// Still the only writer: find the search heads again, if due, while
	// readers read (memory.findHeads).
	s.mem.findHeads(func(put func()) {
		s.gate.lock()
		put()
		s.gate.unlock()
	})
	s.feed.committed.Fire()
	return nil
}

// keyProbe is the record CheckWritable writes.
var keyProbe = []byte("probe")

// minFreeSpace is the room CheckWritable wants on the file's disk: a small
// probe can succeed in pages bbolt freed earlier while a real write, which
// needs new ones, still fails.
const minFreeSpace = 1 << 20

// CheckWritable answers whether a write can be saved now: the file's disk
// has room, and a small record saved in one transaction, the way every
// write reaches the file, is saved. After a write failed for want of
// room, it tells when the file can be written again without waiting for
// a client's write.
func (s *Store) CheckWritable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if free, ok := freeSpace(s.path); ok && free < minFreeSpace {
		return &store.UnavailableError{Message: "the data file's disk is full"}
	}
	// /readyz asks again in a second: never wait behind a long write (an
	// import) past its own deadline.
	if !s.writeMu.TryLock() {
		return &store.UnavailableError{Message: "a write is under way"}
	}
	defer s.writeMu.Unlock()
	if s.closed {
		return ErrClosed
	}
	stamp := []byte(time.Now().UTC().Format(time.RFC3339Nano))
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyProbe, stamp) }); err != nil {
		return &store.UnavailableError{Message: "the data file cannot be written", Err: fmt.Errorf("writing %s: %w", s.path, err)}
	}
	return nil
}
