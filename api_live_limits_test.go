package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/ecograph/ecograph/internal/store"
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
	api := startAPI(t, map[string]string{"ECOGRAPH_REQUEST_TIMEOUT": "500ms"})
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

	// With the key in the upgrade's header, the write is made as its
	// holder, and the feed names them.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	keyed, _, err := dialWS(ctx, t, wsURL(api), http.Header{"Authorization": {"Bearer " + testKey}})
	if err != nil {
		t.Fatal(err)
	}
	defer keyed.conn.CloseNow()
	head := api.changesHead()
	keyed.subscribe("m", `mutation { createActor(input: {id: "live-ws-write", kind: STARTUP, name: "Written over a websocket"}) { id } }`, nil)
	if r := keyed.next(5 * time.Second).response(t); len(r.Errors) > 0 {
		t.Fatalf("a mutation with the key: %+v", r.Errors)
	}
	feed := feedAfter(t, api, head)
	if len(feed) != 1 || feed[0].ItemID != "live-ws-write" || feed[0].Author == nil || feed[0].Author.Role != "admin" {
		t.Fatalf("the feed after a write over a websocket: %+v", feed)
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

// TestLiveSubscriptionCapPerConnection: ECOGRAPH_MAX_SUBSCRIPTIONS bounds
// the subscriptions one websocket runs; the one beyond gets UNAVAILABLE
// while the others go on, and a completed one frees its place.
func TestLiveSubscriptionCapPerConnection(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_MAX_SUBSCRIPTIONS": "2", "ECOGRAPH_API_KEYS": testKey})
	head := api.changesHead()
	c := mustDialWS(t, api)
	query := `subscription($after: String) { changes(after: $after) { itemId } }`
	for _, id := range []string{"1", "2", "3"} {
		c.subscribe(id, query, map[string]any{"after": head})
	}
	// Which of the three is refused is the server's race; one is.
	refused := ""
	if m := c.next(5 * time.Second); m.Type == "next" {
		r := m.response(t)
		if len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAVAILABLE" || !strings.Contains(r.Errors[0].Message, "2 operations") {
			t.Fatalf("want UNAVAILABLE naming the cap of 2, got %s %+v", r.Data, r.Errors)
		}
		refused = m.ID
	} else {
		t.Fatalf("want the refusal, got %s %s", m.Type, m.Payload)
	}
	if m := c.next(5 * time.Second); m.Type != "complete" || m.ID != refused {
		t.Fatalf("want the refused one complete, got %s %s", m.Type, m.ID)
	}

	write := func(id string) {
		api.mutate(`mutation($id: ID!) { createActor(input: {id: $id, kind: STARTUP, name: "Capped"}) { id } }`, map[string]any{"id": id}, nil)
	}
	write("live-cap-1")
	got := map[string]bool{}
	for range 2 {
		m := c.next(5 * time.Second)
		if r := m.response(t); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "live-cap-1") {
			t.Fatalf("subscription %s: %s %+v", m.ID, r.Data, r.Errors)
		}
		got[m.ID] = true
	}
	if len(got) != 2 || got[refused] {
		t.Fatalf("want the two accepted subscriptions to get the event, got %v (refused %s)", got, refused)
	}

	var done string
	for id := range got {
		done = id
		break
	}
	c.complete(done)
	if m := c.next(5 * time.Second); m.Type != "complete" || m.ID != done {
		t.Fatalf("want %s complete, got %s %s", done, m.ID, m.Type)
	}
	time.Sleep(200 * time.Millisecond)
	c.subscribe("4", query, map[string]any{"after": head})
	// From head, the fourth sees live-cap-1 first; the other running one
	// does not see it again.
	m := c.next(5 * time.Second)
	if r := m.response(t); m.ID != "4" || len(r.Errors) > 0 || !strings.Contains(string(r.Data), "live-cap-1") {
		t.Fatalf("a subscription after one completed: %s %s %+v", m.ID, r.Data, r.Errors)
	}
}

// slowStore is a store whose relations of one actor take until the
// request gives up: a store read that hangs.
type slowStore struct {
	*countingStore
	slow string
}

func (s slowStore) Relations(ctx context.Context, id string, f store.RelationFilter, p store.Page) (*store.RelationPage, error) {
	if id == s.slow {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.countingStore.Relations(ctx, id, f, p)
}

// TestLiveEventDeadline: a subscription event whose fields hang on the
// store gets an UNAVAILABLE error at the event deadline (the request
// timeout) rather than holding the stream, which goes on with the next
// event; waiting for an event, however long, is not bounded.
func TestLiveEventDeadline(t *testing.T) {
	// A second: room for Neo4j's reads on a busy machine under -race.
	api := startAPI(t, map[string]string{"ECOGRAPH_REQUEST_TIMEOUT": "1s", "ECOGRAPH_API_KEYS": testKey})
	// The same store behind a server whose relations of one actor hang.
	slow := *api
	slow.http = httptest.NewServer(newHandlerWith(api.cfg, slowStore{countingStore: api.store, slow: "live-slow"}, slog.New(slog.DiscardHandler), nil))
	defer slow.http.Close()
	api = &slow

	head := api.changesHead()
	c := mustDialWS(t, api)
	c.subscribe("s", `subscription($after: String) { changes(after: $after) { itemId item { ... on Actor { relations { totalCount } } } } }`, map[string]any{"after": head})
	time.Sleep(1500 * time.Millisecond) // longer than the deadline: waiting is not bounded
	for _, id := range []string{"live-slow", "live-fast"} {
		api.mutate(`mutation($id: ID!) { createActor(input: {id: $id, kind: STARTUP, name: "Timed"}) { id } }`, map[string]any{"id": id}, nil)
	}
	start := time.Now()
	r := c.next(5 * time.Second).response(t)
	took := time.Since(start)
	if len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAVAILABLE" || !strings.Contains(r.Errors[0].Message, "longer than the server allows") {
		t.Fatalf("the hanging event: want UNAVAILABLE, got %s %+v", r.Data, r.Errors)
	}
	if took > 3500*time.Millisecond {
		t.Fatalf("the hanging event took %s with a deadline of 1s", took)
	}
	r = c.next(5 * time.Second).response(t)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), "live-fast") {
		t.Fatalf("the next event: %s %+v", r.Data, r.Errors)
	}
}

// TestLiveSubscriptionsKeepTheRequestLimits: a subscription is priced and
// bounded as a query is, over a websocket and an event stream alike, and
// refused before it starts.
func TestLiveSubscriptionsKeepTheRequestLimits(t *testing.T) {
	api := startAPI(t, nil)
	deep := `subscription { changes { item { ... on Actor { ` + strings.Repeat("relations { edges { other { ", 6) + "id" + strings.Repeat(" } } }", 6) + " } } } }"
	c := mustDialWS(t, api)
	c.subscribe("deep", deep, nil)
	r := c.next(5 * time.Second).response(t)
	if len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "QUERY_TOO_COMPLEX" {
		t.Fatalf("over a websocket: want QUERY_TOO_COMPLEX, got %s %+v", r.Data, r.Errors)
	}
	if m := c.next(5 * time.Second); m.Type != "complete" {
		t.Fatalf("want complete, got %s", m.Type)
	}
	s := postSSE(t, api, deep, nil)
	ev, ok := s.next(t, 5*time.Second)
	var p gqlPayload
	if !ok || json.Unmarshal([]byte(ev.Data), &p) != nil || len(p.Errors) == 0 || p.Errors[0].Extensions.Code != "QUERY_TOO_COMPLEX" {
		t.Fatalf("over an event stream: want QUERY_TOO_COMPLEX, got %+v", ev)
	}
}
