package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// echoRoutes serve /graphql as a websocket echo, and an event stream that
// lasts until its request's context ends: the gate's live connections
// without GraphQL.
func echoRoutes() Routes {
	return Routes{
		GraphQL: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if IsEventStream(r) {
				w.Header().Set("Content-Type", mediaEventStream)
				w.WriteHeader(http.StatusOK)
				_ = http.NewResponseController(w).Flush()
				// One event a second in, then nothing until the end.
				select {
				case <-time.After(time.Second):
					_, _ = io.WriteString(w, "event: next\ndata: {}\n\n")
					_ = http.NewResponseController(w).Flush()
				case <-r.Context().Done():
				}
				<-r.Context().Done()
				return
			}
			c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
			if err != nil {
				return
			}
			defer c.CloseNow()
			for {
				typ, b, err := c.Read(r.Context())
				if err != nil {
					return
				}
				if c.Write(r.Context(), typ, b) != nil {
					return
				}
			}
		}),
		Ready: func(context.Context) error { return nil },
	}
}

// TestLiveGateRefusesUnlistedOrigins: a websocket from a browser origin
// that is neither the server's own nor in the CORS list is refused with
// 403 before the upgrade, and logged with its origin; the others open.
func TestLiveGateRefusesUnlistedOrigins(t *testing.T) {
	var logged syncBuffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	srv := httptest.NewServer(NewHandler(Config{
		CORSOrigins: []string{"https://explorer.example", "https://*.ecograph.example"}, MaxBodyBytes: 1 << 20, RequestTimeout: time.Second,
	}, echoRoutes(), log))
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/graphql"
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{srv.URL, true},
		{"https://explorer.example", true},
		{"https://app.ecograph.example", true},
		{"https://evil.example", false},
		{"http://explorer.example", false},
		{"null", false},
	} {
		t.Run(tc.origin, func(t *testing.T) {
			logged.Reset()
			h := http.Header{}
			if tc.origin != "" {
				h.Set("Origin", tc.origin)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			c, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h})
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				c.CloseNow()
				return
			}
			if err == nil {
				c.CloseNow()
				t.Fatal("the websocket opened")
			}
			if resp == nil || resp.StatusCode != http.StatusForbidden {
				t.Fatalf("want 403, got %v", resp)
			}
			body, _ := io.ReadAll(resp.Body)
			for _, want := range []string{`"FORBIDDEN"`, `"ORIGIN_NOT_ALLOWED"`, "ECOGRAPH_CORS_ORIGINS"} {
				if !bytes.Contains(body, []byte(want)) {
					t.Errorf("the refusal %s does not say %s", body, want)
				}
			}
			if !strings.Contains(logged.String(), "websocket refused") || !strings.Contains(logged.String(), tc.origin) {
				t.Errorf("no log line names the refused origin: %s", logged.String())
			}
		})
	}
}

// TestLiveGateCapsConnections: beyond the cap, websockets and event
// streams are refused with 503 and Retry-After; a connection that closes
// frees its place.
func TestLiveGateCapsConnections(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Config{MaxBodyBytes: 1 << 20, RequestTimeout: time.Second, MaxLiveConnections: 2}, echoRoutes(), slog.New(slog.DiscardHandler)))
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/graphql"
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dial := func() (*websocket.Conn, *http.Response, error) { return websocket.Dial(ctx, url, nil) }
	a, _, err := dial()
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := dial()
	if err != nil {
		t.Fatal(err)
	}
	defer b.CloseNow()
	if c, resp, err := dial(); err == nil {
		c.CloseNow()
		t.Fatal("a third websocket opened with a cap of 2")
	} else if resp == nil || resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("want 503 with Retry-After, got %v", resp)
	} else if body, _ := io.ReadAll(resp.Body); !bytes.Contains(body, []byte(`"TOO_MANY_CONNECTIONS"`)) {
		t.Fatalf("the refusal does not say TOO_MANY_CONNECTIONS: %s", body)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"subscription { changes { cursor } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("an event stream beyond the cap: want 503, got %d", resp.StatusCode)
	}
	// Ordinary requests are not live connections.
	if resp, err := http.Get(srv.URL + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz at the cap: %v %v", resp, err)
	}

	a.CloseNow()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, _, err := dial()
		if err == nil {
			c.CloseNow()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed websocket did not free its place: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestLiveConnectionsOutliveServerTimeouts: a websocket and an event
// stream outlive the request timeout and the server's read and write
// timeouts, which would otherwise stay set on the connection and end it.
func TestLiveConnectionsOutliveServerTimeouts(t *testing.T) {
	h := NewHandler(Config{MaxBodyBytes: 1 << 20, RequestTimeout: 200 * time.Millisecond}, echoRoutes(), slog.New(slog.DiscardHandler))
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Config.WriteTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/graphql", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	time.Sleep(time.Second)
	if err := c.Write(ctx, websocket.MessageText, []byte("still here")); err != nil {
		t.Fatal(err)
	}
	if _, b, err := c.Read(ctx); err != nil || string(b) != "still here" {
		t.Fatalf("after a second: %q, %v", b, err)
	}

	// An event stream's write a second in gets through.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || line != "event: next\n" {
		t.Fatalf("an event stream's event a second in: %q, %v", line, err)
	}
}

// TestShutdownEndsLiveConnections: shutting down does not wait for an
// event stream to end of itself (it never would), nor leave websockets
// open: both end at once and Serve returns.
func TestShutdownEndsLiveConnections(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandler(Config{MaxBodyBytes: 1 << 20, RequestTimeout: time.Second}, echoRoutes(), slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, l, h, slog.New(slog.DiscardHandler)) }()
	base := "http://" + l.Addr().String()

	dctx, dcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer dcancel()
	ws, _, err := websocket.Dial(dctx, "ws://"+l.Addr().String()+"/graphql", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	req, _ := http.NewRequestWithContext(dctx, http.MethodPost, base+"/graphql", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()

	start := time.Now()
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve waited on the live connections")
	}
	if _, err := io.ReadAll(resp.Body); err != nil && time.Since(start) > 5*time.Second {
		t.Fatalf("the event stream did not end: %v", err)
	}
	if _, _, err := ws.Read(dctx); err == nil {
		t.Fatal("the websocket is still open after shutdown")
	}
}

// syncBuffer is a log's buffer that the server's goroutines write while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
