package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// mediaEventStream is Server-Sent Events' media type.
const mediaEventStream = "text/event-stream"

// DefaultSSEKeepAlive is how often an idle event stream gets a comment
// line, so that proxies keep it and a peer that went away is noticed.
const DefaultSSEKeepAlive = 15 * time.Second

// SSE serves GraphQL over Server-Sent Events as graphql-sse's client
// speaks it in its distinct connections mode: one POST per operation,
// with Accept: text/event-stream, answered by a stream of "next" events,
// each a GraphQL response, and one "complete" event at the end. It reads
// and checks the body as Transport does (the same refusals, statuses and
// codes before any stream starts); an operation refused by GraphQL
// (parse, validation, limits) is streamed as one next event with the
// errors, so that the client's sink gets them rather than a network error
// it would retry. gqlgen's own SSE transport would echo a malformed body
// in its error and its log.
type SSE struct {
	// KeepAlive is how often an idle stream gets a comment line;
	// 0 is DefaultSSEKeepAlive.
	KeepAlive time.Duration
}

var _ graphql.Transport = SSE{}

// Supports takes the POSTs that ask for an event stream.
func (SSE) Supports(r *http.Request) bool { return IsEventStream(r) }

// Do serves one operation as an event stream.
func (t SSE) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	ref := checkContentType(r.Header.Get("Content-Type"))
	var params *graphql.RawParams
	if ref == nil {
		var body []byte
		if body, ref = readAll(w, r, unbounded); ref == nil {
			params, ref = decodeBody(body)
		}
	}
	if ref != nil {
		writeRefusal(w, r, ref)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	s := &eventStream{w: w, rc: http.NewResponseController(w)}
	w.Header().Set("Content-Type", mediaEventStream+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	// nginx buffers responses unless told not to.
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if s.comment() != nil {
		return
	}

	broken := new(atomic.Bool)
	ctx := context.WithValue(r.Context(), brokenKey{}, broken)
	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		if s.next(resp) == nil {
			_ = s.complete()
		}
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	// The keep-alive ends before Do returns: nothing may write to w after.
	var wg sync.WaitGroup
	done := make(chan struct{})
	defer wg.Wait()
	defer close(done)
	wg.Go(func() { s.keepAlive(ctx, done, orDefault(t.KeepAlive, DefaultSSEKeepAlive)) })
	for {
		resp := responses(ctx)
		if resp == nil {
			break
		}
		if s.next(resp) != nil {
			return // the client is gone
		}
	}
	if ctx.Err() == nil && !broken.Load() {
		_ = s.complete()
	}
}

type brokenKey struct{}

// BreakStream marks the event stream that ctx belongs to as broken off:
// it ends without its complete event, so that graphql-sse's client takes
// it for a dropped connection (and reconnects), not for the end of the
// operation. Outside an event stream it does nothing.
func BreakStream(ctx context.Context) {
	if b, ok := ctx.Value(brokenKey{}).(*atomic.Bool); ok {
		b.Store(true)
	}
}

// eventStream writes events, one at a time (the keep-alive writes from
// its own goroutine), flushing each.
type eventStream struct {
	mu sync.Mutex
	w  http.ResponseWriter
	rc *http.ResponseController
}

func (s *eventStream) write(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(b); err != nil {
		return err
	}
	return s.rc.Flush()
}

func (s *eventStream) next(resp *graphql.Response) error {
	b, err := json.Marshal(resp)
	if err != nil {
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	out := make([]byte, 0, len(b)+20)
	out = append(out, "event: next\ndata: "...)
	out = append(out, b...)
	out = append(out, "\n\n"...)
	return s.write(out)
}

func (s *eventStream) complete() error { return s.write([]byte("event: complete\ndata:\n\n")) }

// comment writes a line clients ignore.
func (s *eventStream) comment() error { return s.write([]byte(":\n\n")) }

func (s *eventStream) keepAlive(ctx context.Context, done <-chan struct{}, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-done:
			return
		case <-t.C:
			if s.comment() != nil {
				return
			}
		}
	}
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
