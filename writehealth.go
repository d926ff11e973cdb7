package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// writeHealth watches the store's writes for the server: a write the store
// could not save (a full disk, a file it cannot write) is logged at ERROR
// with its cause and, on a store that can tell when it can write again
// (the embedded store's file: writeChecker), /readyz answers 503, saying
// why, until a write succeeds or the store says it can write again. Reads go on as before. A write
// refused for its input (invalid, conflicting, missing, cancelled), or
// made while the server shuts down, says nothing about the disk and
// changes nothing here.
//
// Neo4j's writes fail when Neo4j cannot be reached, which its Ping sees
// too, and /readyz must come back by itself when Neo4j does: there a
// failed write is logged, not held against readiness.
type writeHealth struct {
	store.Store
	log *slog.Logger
	// failed is the reason of the last write that could not be saved,
	// nil once a write succeeds.
	failed atomic.Pointer[string]
	// probed is when ready last asked the store whether it can write
	// again (unix nanoseconds).
	probed atomic.Int64
}

// writeChecker is a store that can tell whether a write would be saved
// now (the embedded store's file).
type writeChecker interface {
	CheckWritable(ctx context.Context) error
}

// probeEvery is how often /readyz, while a failed write holds it at 503,
// asks the store whether it can write again: a load balancer that stops
// sending traffic to an unready server would otherwise never send the
// write that makes it ready.
const probeEvery = time.Second

// watchWrites watches s.
func watchWrites(s store.Store, log *slog.Logger) *writeHealth {
	return &writeHealth{Store: s, log: log}
}

// ready is /readyz's check: the store answers, and its last write did not
// fail.
func (w *writeHealth) ready(ctx context.Context) error {
	if reason := w.failed.Load(); reason != nil && !w.writableAgain(ctx) {
		return &httpapi.NotReadyError{Reason: *reason}
	}
	return w.Store.Ping(ctx)
}

// writableAgain asks the store, at most once per probeEvery, whether a
// write would be saved now, and clears the failure when it would.
func (w *writeHealth) writableAgain(ctx context.Context) bool {
	c, ok := w.Store.(writeChecker)
	now := time.Now().UnixNano()
	last := w.probed.Load()
	if !ok || now-last < int64(probeEvery) || !w.probed.CompareAndSwap(last, now) {
		return false
	}
	if err := c.CheckWritable(ctx); err != nil {
		return false
	}
	if w.failed.Swap(nil) != nil {
		w.log.InfoContext(ctx, "the data file can be written again: ready")
	}
	return true
}

// note records how a write ended.
func (w *writeHealth) note(ctx context.Context, op string, err error) {
	if err == nil {
		if w.failed.Swap(nil) != nil {
			w.log.InfoContext(ctx, "a write succeeded again: ready", "op", op)
		}
		return
	}
	var unavailable *store.UnavailableError
	if !errors.As(err, &unavailable) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, embedded.ErrClosed) {
		return
	}
	// The reason /readyz gives names the operating system's error (no
	// space left on device), never the server's file path.
	reason := "the last write failed: " + unavailable.Message
	var errno syscall.Errno
	if errors.As(err, &errno) {
		reason = "the last write failed: " + errno.Error()
	}
	attrs := []any{"op", op, "err", err}
	if unavailable.Err != nil {
		attrs = append(attrs, "cause", unavailable.Err) // the file and the OS error, for the log only
	}
	if _, latch := w.Store.(writeChecker); !latch {
		w.log.ErrorContext(ctx, "a write failed", attrs...)
		return
	}
	w.failed.Store(&reason)
	w.log.ErrorContext(ctx, "a write failed; /readyz answers 503 until one succeeds", attrs...)
}

// CreateActor notes how the store's CreateActor ended.
func (w *writeHealth) CreateActor(ctx context.Context, a store.Actor) (*store.Actor, error) {
	out, err := w.Store.CreateActor(ctx, a)
	w.note(ctx, "createActor", err)
	return out, err
}

// UpdateActor notes how the store's UpdateActor ended.
func (w *writeHealth) UpdateActor(ctx context.Context, id string, p store.ActorPatch) (*store.Actor, error) {
	out, err := w.Store.UpdateActor(ctx, id, p)
	w.note(ctx, "updateActor", err)
	return out, err
}

// DeleteActor notes how the store's DeleteActor ended.
func (w *writeHealth) DeleteActor(ctx context.Context, id string) error {
	err := w.Store.DeleteActor(ctx, id)
	w.note(ctx, "deleteActor", err)
	return err
}

// CreateRelation notes how the store's CreateRelation ended.
func (w *writeHealth) CreateRelation(ctx context.Context, r store.Relation) (*store.Relation, error) {
	out, err := w.Store.CreateRelation(ctx, r)
	w.note(ctx, "createRelation", err)
	return out, err
}

// DeleteRelation notes how the store's DeleteRelation ended.
func (w *writeHealth) DeleteRelation(ctx context.Context, id string) error {
	err := w.Store.DeleteRelation(ctx, id)
	w.note(ctx, "deleteRelation", err)
	return err
}

// CreateSource notes how the store's CreateSource ended.
func (w *writeHealth) CreateSource(ctx context.Context, s store.Source) (*store.Source, error) {
	out, err := w.Store.CreateSource(ctx, s)
	w.note(ctx, "createSource", err)
	return out, err
}

// Create notes how the store's Create ended.
func (w *writeHealth) Create(ctx context.Context, d store.Dataset) (*store.Dataset, error) {
	out, err := w.Store.Create(ctx, d)
	w.note(ctx, "create", err)
	return out, err
}

// Load notes how the store's Load ended.
func (w *writeHealth) Load(ctx context.Context, d store.Dataset) error {
	err := w.Store.Load(ctx, d)
	w.note(ctx, "load", err)
	return err
}
