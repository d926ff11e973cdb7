package httpapi

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bodyServer serves NewHandler with a /graphql route that answers the
// length of the body it was handed.
func bodyServer(t *testing.T, limit int64, timeout time.Duration) *httptest.Server {
	t.Helper()
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("the handler could not read the body readBody kept: %v", err)
		}
		_, _ = io.WriteString(w, strconv.Itoa(len(b)))
	})
	h := NewHandler(Config{MaxBodyBytes: limit, RequestTimeout: timeout},
		Routes{GraphQL: echo, Ready: func(context.Context) error { return nil }}, slog.New(slog.DiscardHandler))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// rawPost writes head and body on a fresh connection, then closes the
// writing side when closeWrite is set, and reads the answer.
func rawPost(t *testing.T, srv *httptest.Server, head, body string, closeWrite bool) (*http.Response, map[string]any) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head+"\r\n"+body); err != nil {
		t.Fatal(err)
	}
	if closeWrite {
		_ = conn.(*net.TCPConn).CloseWrite()
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &v)
	return resp, v
}

func reasonOf(v map[string]any) string {
	errs, _ := v["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	r, _ := ext["reason"].(string)
	return r
}

func TestReadBody(t *testing.T) {
	srv := bodyServer(t, 100, time.Second)
	t.Run("a body within the limit reaches the handler whole", func(t *testing.T) {
		body := strings.Repeat("x", 100)
		resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(got) != "100" {
			t.Fatalf("status %d, the handler saw %s bytes", resp.StatusCode, got)
		}
	})
	for _, tc := range []struct {
		name, head, body string
		closeWrite       bool
		status           int
		reason           Reason
	}{
		{"over the limit by Content-Length", "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n", strings.Repeat("x", 101), false, 413, ReasonPayloadTooLarge},
		{"over the limit in chunks", "POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n", "40\r\n" + strings.Repeat("x", 64) + "\r\n40\r\n" + strings.Repeat("x", 64) + "\r\n0\r\n\r\n", false, 413, ReasonPayloadTooLarge},
		{"broken off before its length", "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n", "{\"query\":", true, 400, ReasonBadRequest},
		{"invalid chunks", "POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n", "zz\r\nxx\r\n0\r\n\r\n", false, 400, ReasonBadRequest},
		{"stalled", "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n", "{\"query\":", false, 408, ReasonRequestTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, v := rawPost(t, srv, tc.head, tc.body, tc.closeWrite)
			if resp.StatusCode != tc.status || reasonOf(v) != string(tc.reason) {
				t.Fatalf("status %d, body %v; want %d, %s", resp.StatusCode, v, tc.status, tc.reason)
			}
		})
	}
}
