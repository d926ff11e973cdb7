package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestLiveWebsocketReadLimit: a websocket message over the read limit
// (256 KiB) closes the connection with 1009, message too big, before the
// server holds it; one under the limit is served.
func TestLiveWebsocketReadLimit(t *testing.T) {
	api := startAPI(t, nil)
	c := mustDialWS(t, api)
	// Blanks are no tokens: the document is small to parse and large to send.
	padded := strings.Repeat(" ", 200<<10) + "{ __typename }"
	c.subscribe("under", padded, nil)
	if r := c.next(5 * time.Second).response(t); len(r.Errors) > 0 || string(r.Data) != `{"__typename":"Query"}` {
		t.Fatalf("a 200 KiB message: %s %+v", r.Data, r.Errors)
	}
	if m := c.next(5 * time.Second); m.Type != "complete" || m.ID != "under" {
		t.Fatalf("want complete, got %s", m.Type)
	}

	c.subscribe("over", strings.Repeat(" ", 300<<10)+"{ __typename }", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := c.read(ctx)
	if err == nil {
		t.Fatalf("a 300 KiB message was answered: %s %s", m.Type, m.Payload)
	}
	if code := websocket.CloseStatus(err); code != websocket.StatusMessageTooBig {
		t.Fatalf("want close 1009 (message too big), got %v (%v)", code, err)
	}
}

// TestLiveSubscriptionOverPlainHTTP: a subscription sent as an ordinary
// POST is refused with a code and a message that names the transports
// that serve it; over GET it is 405, as every operation but a query.
func TestLiveSubscriptionOverPlainHTTP(t *testing.T) {
	api := startAPI(t, nil)
	r := api.post(`subscription { changes { cursor } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "websocket", "text/event-stream")
	if r.Data != nil && string(r.Data) != "null" {
		t.Fatalf("a refused subscription has data: %s", r.Data)
	}
	if got := api.status("/graphql?query=" + "subscription%7Bchanges%7Bcursor%7D%7D"); got != http.StatusMethodNotAllowed {
		t.Fatalf("a subscription over GET: want 405, got %d", got)
	}
}

// TestLiveWebsocketOutlivesRequestTimeout: a websocket is not a request
// bounded by ECOGRAPH_REQUEST_TIMEOUT; each operation sent over it is.
func TestLiveWebsocketOutlivesRequestTimeout(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_REQUEST_TIMEOUT": "300ms"})
	c := mustDialWS(t, api)
	time.Sleep(time.Second)
	c.subscribe("q", `{ actor(id: "`+schID+`") { id } }`, nil)
	r := c.next(5 * time.Second).response(t)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), schID) {
		t.Fatalf("a query after a second: %s %+v", r.Data, r.Errors)
	}
}

// TestLiveMutationOverWebsocketIsGuarded: the write guard holds over a
// websocket as over HTTP: without a key in the upgrade's Authorization
// header, a mutation is refused and writes nothing.
func TestLiveMutationOverWebsocketIsGuarded(t *testing.T) {
	api := startAPI(t, nil)
	c := mustDialWS(t, api)
	c.subscribe("m", `mutation { deleteActor(id: "`+schID+`") }`, nil)
	m := c.next(5 * time.Second)
	r := m.response(t)
	if len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAUTHENTICATED" {
		t.Fatalf("want UNAUTHENTICATED, got %s %+v", r.Data, r.Errors)
	}
	if !api.actorExists(schID) {
		t.Fatal("a mutation without a key deleted its actor")
	}
}

// TestLiveEventStreamRefusals: an event stream's body is checked as a
// POST's: a malformed one is refused with its status, code and reason
// before any stream starts, and nothing of it is echoed; an operation
// GraphQL refuses comes as one next event with the error, then complete.
func TestLiveEventStreamRefusals(t *testing.T) {
	api := startAPI(t, nil)
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		reason                  string
	}{
		{"not JSON", "application/json", `{"query": secret-body-text`, http.StatusBadRequest, "BAD_REQUEST"},
		{"a batch", "application/json", `[{"query": "{ __typename }"}]`, http.StatusBadRequest, "BATCH_NOT_SUPPORTED"},
		{"not JSON's media type", "text/plain", `{"query": "{ __typename }"}`, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Accept", "text/event-stream")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Fatalf("want %d, got %d: %s", tc.status, resp.StatusCode, raw)
			}
			for _, want := range []string{`"code":"BAD_USER_INPUT"`, `"reason":"` + tc.reason + `"`} {
				if !strings.Contains(string(raw), want) {
					t.Errorf("the refusal %s does not say %s", raw, want)
				}
			}
			if strings.Contains(string(raw), "secret-body-text") {
				t.Errorf("the refusal echoes the body: %s", raw)
			}
		})
	}

	s := postSSE(t, api, `subscription { changes { noSuchField } }`, nil)
	if s.resp.StatusCode != http.StatusOK || !strings.HasPrefix(s.resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("want a 200 event stream, got %d %s", s.resp.StatusCode, s.resp.Header.Get("Content-Type"))
	}
	ev, ok := s.next(t, 5*time.Second)
	if !ok || ev.Event != "next" {
		t.Fatalf("want a next event, got %+v", ev)
	}
	var r gqlPayload
	if err := json.Unmarshal([]byte(ev.Data), &r); err != nil || len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "BAD_USER_INPUT" {
		t.Fatalf("want a BAD_USER_INPUT error, got %s", ev.Data)
	}
	if !strings.Contains(r.Errors[0].Message, "noSuchField") {
		t.Errorf("the error does not name the field: %q", r.Errors[0].Message)
	}
	if ev, ok := s.next(t, 5*time.Second); !ok || ev.Event != "complete" {
		t.Fatalf("want complete, got %+v", ev)
	}
	if _, ok := s.next(t, 5*time.Second); ok {
		t.Fatal("the stream goes on after complete")
	}
}

// TestLiveConnectionCapOnTheServer: ECOGRAPH_MAX_LIVE_CONNECTIONS bounds
// the server's websockets; the one beyond is refused with 503 and a code.
func TestLiveConnectionCapOnTheServer(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_MAX_LIVE_CONNECTIONS": "2"})
	mustDialWS(t, api)
	mustDialWS(t, api)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := dialWS(ctx, t, wsURL(api), nil)
	if err == nil {
		_ = c.conn.CloseNow()
		t.Fatal("a third websocket opened with ECOGRAPH_MAX_LIVE_CONNECTIONS=2")
	}
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("want 503, got %v (%v)", resp, err)
	}
	var body struct{ Errors []gqlError }
	if json.NewDecoder(resp.Body).Decode(&body) != nil || len(body.Errors) == 0 || body.Errors[0].Extensions.Code != "UNAVAILABLE" {
		t.Fatalf("want an UNAVAILABLE error, got %+v", body)
	}
}
