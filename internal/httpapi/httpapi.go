// Package httpapi is ecograph's HTTP plumbing: routes, CORS, request
// logging, body limits, per-request deadlines, health checks, and running
// the server with graceful shutdown.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Config is what the HTTP layer needs to know.
type Config struct {
	// CORSOrigins are the browser origins allowed to call the API; none
	// when empty.
	CORSOrigins []string
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// RequestTimeout is the deadline of each request's work.
	RequestTimeout time.Duration
}

// Routes are the handlers the mux dispatches to.
type Routes struct {
	GraphQL http.Handler
	Home    http.Handler
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
	mux.Handle("/graphql", queriesOnlyOverGET(r.GraphQL))
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
	h = limitBody(cfg.MaxBodyBytes, h)
	h = withDeadline(cfg.RequestTimeout, h)
	h = c.Handler(h)
	return logRequests(log, h)
}

// queriesOnlyOverGET refuses a mutation sent over GET with 405, as the
// GraphQL-over-HTTP spec asks: GET must not change anything.
func queriesOnlyOverGET(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			if op := operationType(q.Get("query"), q.Get("operationName")); op != "" && op != ast.Query {
				w.Header().Set("Allow", "POST")
				writeJSON(w, http.StatusMethodNotAllowed, map[string]any{
					"errors": []map[string]any{{
						"message":    "GET runs queries only; send " + string(op) + " operations with POST",
						"extensions": map[string]string{"code": "BAD_USER_INPUT"},
					}},
				})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// operationType is the type of the operation a GET would run, or "" when
// the query does not parse (the GraphQL handler then says why).
func operationType(query, name string) ast.Operation {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return ""
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op.Operation
	}
	return ""
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{
				"errors": []map[string]any{{
					"message":    "the request body is too large",
					"extensions": map[string]string{"code": "BAD_USER_INPUT"},
				}},
			})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
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
