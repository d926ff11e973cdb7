package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultMaxLiveConnections bounds the websockets and event streams a
// server holds open at once when Config.MaxLiveConnections is 0.
const DefaultMaxLiveConnections = 10_000

// The reasons of refused live connections (docs/live.md).
const (
	// ReasonOriginNotAllowed: a websocket upgrade from a browser origin
	// that is neither the server's own nor in ECOGRAPH_CORS_ORIGINS. 403,
	// FORBIDDEN.
	ReasonOriginNotAllowed Reason = "ORIGIN_NOT_ALLOWED"
	// ReasonTooManyConnections: the server holds as many websockets and
	// event streams as it allows. 503 with Retry-After, UNAVAILABLE.
	ReasonTooManyConnections Reason = "TOO_MANY_CONNECTIONS"
)

// retryAfter is what a refused live connection is told to wait, in seconds.
const retryAfter = "5"

// IsWebsocket reports whether r asks to upgrade to a websocket.
func IsWebsocket(r *http.Request) bool {
	return r.Method == http.MethodGet && headerHasToken(r.Header, "Connection", "upgrade") && headerHasToken(r.Header, "Upgrade", "websocket")
}

// IsEventStream reports whether r is a POST that asks for Server-Sent
// Events: graphql-sse's distinct connections mode.
func IsEventStream(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	for _, accept := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(accept, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err == nil && mt == mediaEventStream && strings.TrimSpace(params["q"]) != "0" {
				return true
			}
		}
	}
	return false
}

func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for part := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), token) {
				return true
			}
		}
	}
	return false
}

// liveGate is what stands before the GraphQL endpoint's long-lived
// requests (websockets and event streams), in place of withDeadline: they
// last as long as the client stays, so they get no request deadline, and
// the connection's read and write deadlines that the server set for an
// ordinary request are cleared (a hijacked websocket keeps them
// otherwise, and dies after ReadTimeout). Instead it
//
//   - refuses a websocket from a browser origin the CORS list does not
//     allow, before the upgrade (cross-site websocket hijacking: browsers
//     send cookies and never preflight a websocket);
//   - holds at most max live connections at once, refusing more with 503;
//   - ends them all when the server shuts down (Serve), which otherwise
//     would wait for event streams and forget hijacked websockets.
//
// Every other request goes to short, which bounds it as usual.
type liveGate struct {
	allowed func(*http.Request) bool
	max     int64
	open    atomic.Int64
	log     *slog.Logger
}

func (g *liveGate) wrap(live, short http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws := IsWebsocket(r)
		if r.URL.Path != "/graphql" || (!ws && !IsEventStream(r)) {
			short.ServeHTTP(w, r)
			return
		}
		if ws && !g.originAllowed(r) {
			g.log.WarnContext(r.Context(), "websocket refused: its Origin is neither this server's nor in ECOGRAPH_CORS_ORIGINS",
				"origin", truncate(r.Header.Get("Origin"), 200))
			writeRefusal(w, r, &refusal{
				status: http.StatusForbidden, code: "FORBIDDEN", reason: ReasonOriginNotAllowed,
				message: "websockets from this page's origin are not allowed: the server accepts its own origin and those of ECOGRAPH_CORS_ORIGINS",
			})
			return
		}
		if n := g.open.Add(1); n > g.max {
			g.open.Add(-1)
			g.log.WarnContext(r.Context(), "live connection refused: at the limit", "limit", g.max)
			w.Header().Set("Retry-After", retryAfter)
			writeRefusal(w, r, &refusal{
				status: http.StatusServiceUnavailable, code: codeUnavailable, reason: ReasonTooManyConnections,
				message: fmt.Sprintf("the server holds as many live connections (websockets and event streams) as it allows, %d; try again later", g.max),
			})
			return
		}
		defer g.open.Add(-1)

		rc := http.NewResponseController(w)
		// Not every ResponseWriter (a test recorder) has a connection.
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		if down, ok := r.Context().Value(shutdownKey{}).(context.Context); ok {
			stop := context.AfterFunc(down, cancel)
			defer stop()
		}
		live.ServeHTTP(w, r.WithContext(ctx))
	})
}

// originAllowed lets a websocket through when it has no Origin (not a
// browser), comes from the server's own origin, or from one the CORS
// list allows, with rs/cors's own matching (wildcards included).
func (g *liveGate) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if u, err := url.Parse(origin); err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host) {
		return true
	}
	return g.allowed(r)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// shutdownKey is the request context's key for a context that Serve ends
// when the server starts shutting down.
type shutdownKey struct{}
