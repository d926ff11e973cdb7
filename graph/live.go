package graph

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
)

// Defaults of LiveOptions.
const (
	DefaultMaxSubscriptions   = 100
	DefaultWebsocketReadLimit = 256 << 10
	DefaultEventTimeout       = 10 * time.Second
	DefaultPingInterval       = 20 * time.Second
	DefaultInitTimeout        = 10 * time.Second
)

// LiveOptions bound the live transports: subscriptions (and any other
// operation) over a websocket or an event stream. The connections
// themselves, their number and their Origin, are httpapi's (liveGate).
type LiveOptions struct {
	// MaxSubscriptions bounds the operations one websocket runs at once.
	MaxSubscriptions int
	// ReadLimit bounds one websocket message from the client, in bytes;
	// a larger one closes the connection (1009, message too big).
	ReadLimit int64
	// EventTimeout is the deadline for resolving one event's fields once
	// it arrives, and of a query or mutation sent over a live connection.
	EventTimeout time.Duration
	// PingInterval is how often the server pings a websocket; a client
	// that has not answered within twice that is dropped.
	PingInterval time.Duration
	// InitTimeout is how long a websocket may take to send connection_init.
	InitTimeout time.Duration
}

func (o LiveOptions) withDefaults() LiveOptions {
	if o.MaxSubscriptions <= 0 {
		o.MaxSubscriptions = DefaultMaxSubscriptions
	}
	if o.ReadLimit <= 0 {
		o.ReadLimit = DefaultWebsocketReadLimit
	}
	if o.EventTimeout <= 0 {
		o.EventTimeout = DefaultEventTimeout
	}
	if o.PingInterval <= 0 {
		o.PingInterval = DefaultPingInterval
	}
	if o.InitTimeout <= 0 {
		o.InitTimeout = DefaultInitTimeout
	}
	return o
}

// addLiveTransports adds the websocket and event-stream transports; they
// go before httpapi.Transport, which takes every request left.
func addLiveTransports(srv interface{ AddTransport(graphql.Transport) }, o LiveOptions, log *slog.Logger) {
	limit := o.ReadLimit
	srv.AddTransport(websocketTransport{transport.Websocket{
		Implementation: codedWebsocket{transport.CoderWebsocketImplementation{AcceptOptions: coderws.AcceptOptions{
			// httpapi's liveGate checked the Origin against the server's
			// own and the CORS list before the request got here;
			// coder/websocket's check knows only the server's own.
			InsecureSkipVerify: true,
		}}},
		InitFunc: func(ctx context.Context, _ transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			return withLiveConn(ctx, o.MaxSubscriptions, true), nil, nil
		},
		InitTimeout: o.InitTimeout,
		ErrorFunc: func(ctx context.Context, err error) {
			log.InfoContext(ctx, "websocket ended", "err", err)
		},
		// The graphql-ws (subscriptions-transport-ws) protocol's keep-alive,
		// and graphql-transport-ws's ping, whose missing pong drops the peer.
		KeepAlivePingInterval: o.PingInterval,
		PingPongInterval:      o.PingInterval,
		PayloadReadLimit:      &limit,
	}})
	srv.AddTransport(sseTransport{httpapi.SSE{}})
}

// websocketTransport is gqlgen's websocket transport for the upgrades
// httpapi.IsWebsocket names: gqlgen's own takes any Upgrade header, and
// would answer an h2c upgrade "unable to upgrade".
type websocketTransport struct{ transport.Websocket }

func (websocketTransport) Supports(r *http.Request) bool { return httpapi.IsWebsocket(r) }

// sseTransport marks an event stream as a live connection of one
// operation.
type sseTransport struct{ httpapi.SSE }

func (t sseTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.SSE.Do(w, r.WithContext(withLiveConn(r.Context(), 1, false)), exec)
}

// liveConn is one live connection: how many operations it runs, of how
// many it may.
type liveConn struct {
	// websocket tells a websocket from an event stream.
	websocket bool

	mu       sync.Mutex
	running  int
	capacity int
}

type liveConnKey struct{}

func withLiveConn(ctx context.Context, capacity int, websocket bool) context.Context {
	return context.WithValue(ctx, liveConnKey{}, &liveConn{capacity: capacity, websocket: websocket})
}

func liveConnFrom(ctx context.Context) *liveConn {
	c, _ := ctx.Value(liveConnKey{}).(*liveConn)
	return c
}

func (c *liveConn) acquire() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running >= c.capacity {
		return false
	}
	c.running++
	return true
}

func (c *liveConn) release() {
	c.mu.Lock()
	c.running--
	c.mu.Unlock()
}

// liveExtension runs the operations of live connections: it refuses a
// subscription sent over plain HTTP, caps the operations one connection
// runs at once, gives each subscription event fresh loaders (an event
// must not see what an earlier one read) and a deadline for resolving its
// fields, and bounds a query or mutation over a live connection as
// withDeadline bounds one over HTTP.
type liveExtension struct {
	opts  LiveOptions
	store store.Reader
	log   *slog.Logger
}

var (
	_ graphql.HandlerExtension        = liveExtension{}
	_ graphql.OperationContextMutator = liveExtension{}
	_ graphql.OperationInterceptor    = liveExtension{}
)

func (liveExtension) ExtensionName() string                   { return "Live" }
func (liveExtension) Validate(graphql.ExecutableSchema) error { return nil }

func (liveExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation != nil && oc.Operation.Operation == ast.Subscription && liveConnFrom(ctx) == nil {
		return requestError(CodeBadUserInput, "subscriptions are served over a websocket (the graphql-transport-ws protocol, as graphql-ws's client speaks it) or as Server-Sent Events (POST with Accept: text/event-stream, as graphql-sse's client sends it), not over plain HTTP")
	}
	return nil
}

func (e liveExtension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	conn := liveConnFrom(ctx)
	if conn == nil {
		return next(ctx)
	}
	if !conn.acquire() {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{requestError(CodeUnavailable,
			"this connection already runs %d operations, as many as the server allows on one connection; complete one first, or open another connection", conn.capacity)}})
	}
	// The transports cancel an operation's context when it ends, whatever
	// ends it (complete, the client's stop, a closed connection).
	context.AfterFunc(ctx, conn.release)
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation.Operation != ast.Subscription {
		if a, ok := oc.Stats.GetExtension(authorExtension).(store.Author); ok && conn.websocket {
			// The connection's request line comes when it closes, naming
			// one operation: each write over it gets its own line.
			e.log.InfoContext(ctx, "write over a websocket", "operation", operationName(oc), "role", a.Role, "subject", a.Subject)
		}
		ctx, cancel := context.WithTimeout(ctx, e.opts.EventTimeout)
		h := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := h(ctx)
			if resp == nil {
				cancel()
			}
			return resp
		}
	}
	sub := &liveSub{timeout: e.opts.EventTimeout}
	h := next(context.WithValue(ctx, liveSubKey{}, sub))
	return func(ctx context.Context) *graphql.Response {
		ctx, end := sub.begin(withLoaders(ctx, e.store))
		defer end()
		return h(ctx)
	}
}

// liveSub is one running subscription: it gives each event's response a
// context whose deadline starts when the event arrives, not while the
// stream waits for it (which may be hours).
type liveSub struct {
	timeout time.Duration

	mu sync.Mutex
	// begun counts the responses begun; the k-th one gets the k-th event
	// the resolver sends.
	begun  int
	cancel context.CancelCauseFunc
	timer  *time.Timer
}

type liveSubKey struct{}

func liveSubFrom(ctx context.Context) *liveSub {
	s, _ := ctx.Value(liveSubKey{}).(*liveSub)
	return s
}

// begin starts the next response; end must be called when it is written.
func (s *liveSub) begin(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	s.mu.Lock()
	s.begun++
	s.cancel = cancel
	s.mu.Unlock()
	return ctx, func() {
		s.mu.Lock()
		if s.timer != nil {
			s.timer.Stop()
			s.timer = nil
		}
		s.cancel = nil
		s.mu.Unlock()
		cancel(nil)
	}
}

// delivered tells that the resolver's k-th event (from 1) was taken: the
// response that took it has EventTimeout to resolve its fields. When that
// response is over already, there is nothing to bound.
func (s *liveSub) delivered(k int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.begun != k || s.cancel == nil || s.timer != nil {
		return
	}
	cancel := s.cancel
	s.timer = time.AfterFunc(s.timeout, func() {
		cancel(fmt.Errorf("resolving a subscription event took longer than %s: %w", s.timeout, context.DeadlineExceeded))
	})
}
