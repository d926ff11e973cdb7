package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// client sends GraphQL requests over HTTP to one server, on a connection
// pool big enough for the highest concurrency, as a frontend would.
type client struct {
	url    string
	header http.Header
	http   *http.Client
}

func newClient(url string, header http.Header) *client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	t.MaxIdleConns = 64
	// Shorter than Node's keep-alive timeout (5 s), so that the client
	// never sends on a connection the peer is closing: between its turns a
	// system's connections stay idle while the others run.
	t.IdleConnTimeout = 3 * time.Second
	return &client{url: url, header: header, http: &http.Client{Transport: t, Timeout: 60 * time.Second}}
}

// do posts query with vars and decodes the answer's data into maps, for
// the answers' check; an answer with errors, or a status other than 200,
// is an error that quotes the answer.
func (c *client) do(ctx context.Context, query string, vars map[string]any) (map[string]any, error) {
	var out struct {
		Data   map[string]any    `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	raw, err := c.post(ctx, query, vars)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 {
		return nil, fmt.Errorf("%s: %.600s", c.url, raw)
	}
	return out.Data, nil
}

// send is do as the timed turns call it: the whole answer is read and
// parsed as JSON and checked for errors and for data, as any client's
// must be, but its data are not turned into maps. What a client builds
// from an answer is its own affair, and the maps cost more than the
// parsing (docs/benchmarks.md, "The client's part of a call").
func (c *client) send(ctx context.Context, query string, vars map[string]any) error {
	raw, err := c.post(ctx, query, vars)
	if err != nil {
		return err
	}
	if !readAnswer(raw) {
		return fmt.Errorf("%s: %.600s", c.url, raw)
	}
	return nil
}

// readAnswer is what send does with an answer's bytes: it parses them as
// JSON and reports whether they hold data and no errors. The floor reads
// its own answers with it too (floor.go).
func readAnswer(raw []byte) bool {
	var out struct {
		Data   json.RawMessage   `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	err := json.Unmarshal(raw, &out)
	return err == nil && len(out.Errors) == 0 && len(out.Data) > 0 && string(out.Data) != "null"
}

// post sends query with vars and reads the whole answer; a status other
// than 200 is an error that quotes it.
func (c *client) post(ctx context.Context, query string, vars map[string]any) ([]byte, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: status %d: %.600s", c.url, resp.StatusCode, raw)
	}
	return raw, nil
}

// The answers are read with these: a path of map keys into decoded JSON,
// and conversions that read JSON null as the zero value.

func get(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func list(v any, path ...string) []any {
	l, _ := get(v, path...).([]any)
	return l
}

func str(v any, path ...string) string {
	switch x := get(v, path...).(type) {
	case string:
		return x
	case bool:
		return fmt.Sprint(x)
	case float64:
		return fmt.Sprint(x)
	case int64:
		return fmt.Sprint(x)
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}

func num(v any, path ...string) int {
	switch x := get(v, path...).(type) {
	case float64:
		return int(x)
	case int64:
		return int(x)
	}
	return -1
}
