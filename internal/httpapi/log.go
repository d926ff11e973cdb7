package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// requestInfo collects what the request log line reports and inner
// layers learn: the GraphQL operation's name, or why the request was
// refused before GraphQL ran.
type requestInfo struct {
	// mu guards the fields: a websocket runs its operations concurrently,
	// each telling the one request's info.
	mu        sync.Mutex
	operation string
	// role and subject name a mutation's caller (SetAuthor).
	role, subject string
	// refusal is the reason a request was refused before GraphQL ran.
	refusal Reason
}

type infoKey struct{}

// SetOperation records the GraphQL operation a request runs, for the
// request's log line. It does nothing outside a logged request.
func SetOperation(ctx context.Context, name string) {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		info.mu.Lock()
		info.operation = name
		info.mu.Unlock()
	}
}

// SetAuthor records the role and subject of a mutation's caller, for the
// request's log line: each write is logged with who made it. It does
// nothing outside a logged request.
func SetAuthor(ctx context.Context, role, subject string) {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		info.mu.Lock()
		info.role, info.subject = role, subject
		info.mu.Unlock()
	}
}

// setRefusal records why a request was refused, for its log line.
func setRefusal(ctx context.Context, reason Reason) {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		info.mu.Lock()
		info.refusal = reason
		info.mu.Unlock()
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection, to set the
// body's read deadline.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush lets streaming transports flush through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// logRequests writes one line per request: method, path, status, duration
// and, for GraphQL, the operation's name and, for a mutation, its
// caller's role and subject.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
		// A websocket's operations may still be ending.
		info.mu.Lock()
		defer info.mu.Unlock()
		// Attrs rather than key-value pairs: no value boxed, and no
		// slice grown, on every request (the line is the same).
		attrs := make([]slog.Attr, 0, 8)
		attrs = append(attrs,
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)),
		)
		if info.operation != "" {
			attrs = append(attrs, slog.String("operation", info.operation))
		}
		if info.role != "" {
			attrs = append(attrs, slog.String("role", info.role), slog.String("subject", info.subject))
		}
		if info.refusal != "" {
			attrs = append(attrs, slog.String("refused", string(info.refusal)))
		}
		log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}
