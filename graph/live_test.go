package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// liveServer serves the GraphQL handler, with the given live options, over
// an empty embedded store.
func liveServer(t *testing.T, o LiveOptions) string {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return serveLive(t, s, o)
}

// serveLive serves the GraphQL handler over s and returns its websocket URL.
func serveLive(t *testing.T, s store.Store, o LiveOptions) string {
	t.Helper()
	srv := httptest.NewServer(NewHandler(s, Options{Live: o}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// openInit opens a graphql-transport-ws websocket and, when init is set,
// sends connection_init.
func openInit(ctx context.Context, t *testing.T, url string, init bool) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.CloseNow() })
	if init {
		if err := c.Write(ctx, websocket.MessageText, []byte(`{"type":"connection_init"}`)); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestLiveDropsSilentPeers: a websocket whose client does not answer the
// server's pings is closed after two intervals, while one that answers
// stays; a client that never sends connection_init is closed after the
// init timeout.
func TestLiveDropsSilentPeers(t *testing.T) {
	url := liveServer(t, LiveOptions{PingInterval: 200 * time.Millisecond, InitTimeout: 300 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	answering := openInit(ctx, t, url, true)
	silent := openInit(ctx, t, url, true)
	uninitialised := openInit(ctx, t, url, false)

	// The answering client reads and answers pings for a second and a half.
	answered := make(chan error, 1)
	go func() {
		until := time.Now().Add(1500 * time.Millisecond)
		for time.Now().Before(until) {
			rctx, rcancel := context.WithDeadline(ctx, until)
			_, b, err := answering.Read(rctx)
			rcancel()
			if err != nil {
				if time.Now().Before(until) {
					answered <- err
					return
				}
				break
			}
			var m struct{ Type string }
			_ = json.Unmarshal(b, &m)
			if m.Type == "ping" {
				if err := answering.Write(ctx, websocket.MessageText, []byte(`{"type":"pong"}`)); err != nil {
					answered <- err
					return
				}
			}
		}
		answered <- nil
	}()

	start := time.Now()
	time.Sleep(time.Second)
	// The silent one reads only now: the server has closed it.
	for {
		_, _, err := silent.Read(ctx)
		if err != nil {
			break
		}
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("a client that answers no ping was dropped only after %s", took)
	}
	_, _, err := uninitialised.Read(ctx)
	if err == nil || websocket.CloseStatus(err) != websocket.StatusProtocolError {
		t.Fatalf("a client that never initialised: want close 1002, got %v", err)
	}
	if err := <-answered; err != nil {
		t.Fatalf("a client that answers pings was dropped: %v", err)
	}
}

// brokenFeed is a store whose change feed fails once broken is set.
type brokenFeed struct {
	*embedded.Store
	broken atomic.Bool
}

func (b *brokenFeed) Changes(ctx context.Context, after uint64, first int) (*store.ChangePage, error) {
	if b.broken.Load() {
		return nil, errors.New("the feed's disk is gone")
	}
	return b.Store.Changes(ctx, after, first)
}

// TestLiveFeedFailureIsSaid: when the store fails under a running
// subscription, a websocket client gets an UNAVAILABLE error telling it
// to come back with its last cursor (not a complete, as if the stream
// were over), and nothing of the store's error.
func TestLiveFeedFailureIsSaid(t *testing.T) {
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	b := &brokenFeed{Store: s}
	url := serveLive(t, b, LiveOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := openInit(ctx, t, url, true)
	read := func() (typ string, payload string) {
		t.Helper()
		for {
			_, raw, err := c.Read(ctx)
			if err != nil {
				t.Fatalf("reading: %v", err)
			}
			var m struct {
				Type    string
				Payload json.RawMessage
			}
			_ = json.Unmarshal(raw, &m)
			if m.Type != "ping" && m.Type != "connection_ack" {
				return m.Type, string(m.Payload)
			}
		}
	}
	// From the head as it is now, so that the first write reaches the
	// subscription however long it takes to start.
	page, err := s.Changes(ctx, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := json.Marshal(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{
		"query": `subscription($after: String) { changes(after: $after) { itemId } }`, "variables": map[string]any{"after": changeCursor(page.Head)},
	}})
	if err := c.Write(ctx, websocket.MessageText, sub); err != nil {
		t.Fatal(err)
	}
	write := func(id string) {
		t.Helper()
		if _, err := s.CreateActor(ctx, store.Actor{ID: id, Kind: store.KindStartup, Name: "Feed " + id}); err != nil {
			t.Fatal(err)
		}
	}
	write("feed-before")
	if typ, payload := read(); typ != "next" || !strings.Contains(payload, "feed-before") {
		t.Fatalf("want the write's event, got %s %s", typ, payload)
	}
	b.broken.Store(true)
	write("feed-after")
	if typ, payload := read(); typ != "error" || !strings.Contains(payload, "UNAVAILABLE") || !strings.Contains(payload, "cursor") {
		t.Fatalf("want an UNAVAILABLE error naming the cursor, got %s %s", typ, payload)
	} else if strings.Contains(payload, "disk") {
		t.Fatalf("the error shows the store's: %s", payload)
	}

	// An event stream ends without its complete event: graphql-sse's
	// client takes that for a dropped connection.
	b.broken.Store(false)
	page, err = s.Changes(ctx, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"query": `subscription($after: String) { changes(after: $after) { itemId } }`, "variables": map[string]any{"after": changeCursor(page.Head)}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http"+strings.TrimPrefix(url, "ws"), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	write("feed-sse-before")
	lines := bufio.NewScanner(resp.Body)
	for lines.Scan() && !strings.Contains(lines.Text(), "feed-sse-before") {
	}
	b.broken.Store(true)
	write("feed-sse-after")
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if strings.Contains(strings.Join(rest, "\n"), "complete") {
		t.Fatalf("a broken-off event stream ends with complete: %q", rest)
	}
}

// TestLiveWebsocketErrorsHaveCodes: the errors gqlgen's websocket
// transport writes by itself (a subscribe message whose payload is not a
// GraphQL request) carry a code and say what is wrong, and the
// connection goes on.
func TestLiveWebsocketErrorsHaveCodes(t *testing.T) {
	url := liveServer(t, LiveOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := openInit(ctx, t, url, true)
	next := func() wsMessage {
		t.Helper()
		for {
			_, raw, err := c.Read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var m wsMessage
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			if m.Type != "connection_ack" && m.Type != "ping" {
				return m
			}
		}
	}
	if err := c.Write(ctx, websocket.MessageText, []byte(`{"id":"1","type":"subscribe","payload":{"query":5}}`)); err != nil {
		t.Fatal(err)
	}
	m := next()
	var errs []struct {
		Message    string
		Extensions struct{ Code string }
	}
	if m.Type != "error" || json.Unmarshal(m.Payload, &errs) != nil || len(errs) != 1 {
		t.Fatalf("want one error, got %s %s", m.Type, m.Payload)
	}
	if errs[0].Extensions.Code != CodeBadUserInput || !strings.Contains(errs[0].Message, "payload is not a GraphQL request") {
		t.Fatalf("want BAD_USER_INPUT saying what is wrong, got %+v", errs[0])
	}
	if m := next(); m.Type != "complete" {
		t.Fatalf("want complete, got %s", m.Type)
	}
	if err := c.Write(ctx, websocket.MessageText, []byte(`{"id":"2","type":"subscribe","payload":{"query":"{ __typename }"}}`)); err != nil {
		t.Fatal(err)
	}
	if m := next(); m.Type != "next" || !strings.Contains(string(m.Payload), "Query") {
		t.Fatalf("the connection after the error: %s %s", m.Type, m.Payload)
	}
}
