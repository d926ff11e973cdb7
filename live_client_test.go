package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wsClient is a Go client of the graphql-transport-ws protocol (what
// graphql-ws's client speaks), as small as the tests need: it opens the
// connection, runs subscriptions and reads their messages, answering the
// server's pings as a client must.
type wsClient struct {
	t    testing.TB
	conn *websocket.Conn
}

// wsMessage is one message of the protocol.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsURL is the websocket address of a test server's GraphQL endpoint.
func wsURL(api *apiServer) string {
	return "ws" + strings.TrimPrefix(api.http.URL, "http") + "/graphql"
}

// dialWS opens a websocket to url with the given headers and completes
// the protocol's handshake (connection_init, connection_ack). It returns
// the HTTP response of a refused upgrade with the error.
func dialWS(ctx context.Context, t testing.TB, url string, header http.Header) (*wsClient, *http.Response, error) {
	conn, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"},
		HTTPHeader:   header,
	})
	if err != nil {
		return nil, resp, err
	}
	conn.SetReadLimit(1 << 20)
	c := &wsClient{t: t, conn: conn}
	if err := c.send(ctx, wsMessage{Type: "connection_init"}); err != nil {
		return nil, resp, err
	}
	m, err := c.read(ctx)
	if err != nil {
		return nil, resp, err
	}
	if m.Type != "connection_ack" {
		return nil, resp, fmt.Errorf("want connection_ack, got %s %s", m.Type, m.Payload)
	}
	return c, resp, nil
}

// mustDialWS opens a websocket to the test server that must succeed.
func mustDialWS(t testing.TB, api *apiServer) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := dialWS(ctx, t, wsURL(api), nil)
	if err != nil {
		t.Fatalf("opening a websocket: %v", err)
	}
	t.Cleanup(func() { _ = c.conn.CloseNow() })
	return c
}

func (c *wsClient) send(ctx context.Context, m wsMessage) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return c.conn.Write(ctx, websocket.MessageText, b)
}

// read returns the next message that is not a ping, answering pings.
func (c *wsClient) read(ctx context.Context) (wsMessage, error) {
	for {
		_, b, err := c.conn.Read(ctx)
		if err != nil {
			return wsMessage{}, err
		}
		var m wsMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return wsMessage{}, fmt.Errorf("a message that is not JSON: %q", b)
		}
		switch m.Type {
		case "ping":
			if err := c.send(ctx, wsMessage{Type: "pong"}); err != nil {
				return wsMessage{}, err
			}
		case "pong":
		default:
			return m, nil
		}
	}
}

// subscribe starts an operation with the given id.
func (c *wsClient) subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.send(ctx, wsMessage{ID: id, Type: "subscribe", Payload: payload}); err != nil {
		c.t.Fatalf("subscribing %s: %v", id, err)
	}
}

// complete stops the operation with the given id.
func (c *wsClient) complete(id string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.send(ctx, wsMessage{ID: id, Type: "complete"}); err != nil {
		c.t.Fatalf("completing %s: %v", id, err)
	}
}

// next reads the next message, which must come within d.
func (c *wsClient) next(d time.Duration) wsMessage {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	m, err := c.read(ctx)
	if err != nil {
		c.t.Fatalf("waiting %s for a message: %v", d, err)
	}
	return m
}

// gqlPayload is a next message's payload: one GraphQL response.
type gqlPayload struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// payload decodes a next message's payload; an error message's payload
// is a list of errors.
func (m wsMessage) response(t testing.TB) gqlPayload {
	t.Helper()
	var p gqlPayload
	if m.Type == "error" {
		if err := json.Unmarshal(m.Payload, &p.Errors); err != nil {
			t.Fatalf("an error message whose payload is not a list of errors: %s", m.Payload)
		}
		return p
	}
	if m.Type != "next" {
		t.Fatalf("want a next message, got %s %s", m.Type, m.Payload)
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		t.Fatalf("a next message whose payload is not a response: %s", m.Payload)
	}
	return p
}

// sseEvent is one event of a Server-Sent Events stream.
type sseEvent struct {
	Event string
	Data  string
}

// sseStream is an open event stream of the API.
type sseStream struct {
	resp   *http.Response
	events chan sseEvent
}

// postSSE sends a GraphQL operation asking for an event stream, as
// graphql-sse's client does in its distinct connections mode, and reads
// its events in the background until the stream ends.
func postSSE(t testing.TB, api *apiServer, query string, vars map[string]any) *sseStream {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, api.http.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := &sseStream{resp: resp, events: make(chan sseEvent, 16)}
	go func() {
		defer close(s.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Event != "" || ev.Data != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event:"):
				ev.Event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.Data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			}
		}
	}()
	return s
}

// next returns the stream's next event, which must come within d; ok is
// false when the stream ended.
func (s *sseStream) next(t testing.TB, d time.Duration) (sseEvent, bool) {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		return ev, ok
	case <-time.After(d):
		t.Fatalf("no event within %s", d)
	}
	return sseEvent{}, false
}
