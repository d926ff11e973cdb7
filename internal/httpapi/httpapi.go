// Package httpapi is ecograph's HTTP plumbing: routes, CORS, request
// logging, body limits, per-request deadlines, health checks, the
// GraphQL-over-HTTP transport with its coded refusals (docs/http.md), and
// running the server with graceful shutdown.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/rs/cors"
)

// Config is what the HTTP layer needs to know.
type Config struct {
	// CORSOrigins are the browser origins allowed to call the API; none
	// when empty.
	CORSOrigins []string
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// RequestTimeout is the deadline of each request's work, but for the
	// live connections (websockets and event streams) of /graphql.
	RequestTimeout time.Duration
	// MaxLiveConnections bounds the websockets and event streams open at
	// once; 0 is DefaultMaxLiveConnections.
	MaxLiveConnections int
}

// Routes are the handlers the mux dispatches to.
type Routes struct {
	// GraphQL serves every method at /graphql: graph.NewHandler, whose
	// Transport refuses what it does not serve.
	GraphQL http.Handler
	// GraphiQL, when set, answers a browser's GET /graphql that asks for
	// text/html and names no query (graphiql.go).
	GraphiQL http.Handler
	Home     http.Handler
	// Schema, when set, serves the schema's SDL at GET /schema.graphql.
	Schema http.Handler
	// Ready reports whether the store answers; /readyz is 200 only while
	// it returns nil.
	Ready func(ctx context.Context) error
}

// NotReadyError is a reason /readyz may give its caller (it says nothing
// of the server's files or addresses), such as "the last write failed: no
// space left on device". Other errors of Ready are logged, not shown.
type NotReadyError struct {
	Reason string
}

func (e *NotReadyError) Error() string { return "not ready: " + e.Reason }

// NewHandler builds the whole HTTP API.
func NewHandler(cfg Config, r Routes, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", graphiqlForBrowsers(r.GraphiQL, r.GraphQL))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		if err := r.Ready(ctx); err != nil {
			log.WarnContext(ctx, "not ready", "err", err)
			body := map[string]string{"status": "unavailable"}
			var notReady *NotReadyError
			if errors.As(err, &notReady) {
				body["reason"] = notReady.Reason
			}
			writeJSON(w, http.StatusServiceUnavailable, body)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if r.Schema != nil {
		mux.Handle("GET /schema.graphql", r.Schema)
	}
	if r.Home != nil {
		mux.Handle("/", r.Home)
	}

	// rs/cors allows every origin when given none; ecograph allows none.
	allowNone := func(string) bool { return false }
	if len(cfg.CORSOrigins) > 0 {
		allowNone = nil
	}
	c := cors.New(cors.Options{
		AllowedOrigins:  cfg.CORSOrigins,
		AllowOriginFunc: allowNone,
		AllowedMethods:  []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:  []string{"Authorization", "Content-Type", "Accept"},
		MaxAge:          600,
	})
	var h http.Handler = mux
	h = readBody(cfg.MaxBodyBytes, h)
	gate := &liveGate{allowed: c.OriginAllowed, max: int64(cfg.MaxLiveConnections), log: log}
	if gate.max <= 0 {
		gate.max = DefaultMaxLiveConnections
	}
	h = gate.wrap(h, withDeadline(cfg.RequestTimeout, h))
	h = c.Handler(h)
	return logRequests(log, h)
}

func withDeadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
