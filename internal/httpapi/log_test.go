package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRequestLogLine sends requests through the handler and reads the
// request log: one line a request with its method, path, status,
// duration, and the operation, role and subject, or refusal, when known.
func TestRequestLogLine(t *testing.T) {
	var out syncBuffer // live_test.go
	log := slog.New(slog.NewJSONHandler(&out, nil))
	gql := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		SetOperation(r.Context(), "Page")
		if r.Header.Get("Authorization") != "" {
			SetAuthor(r.Context(), "editor", "ana")
		}
		w.WriteHeader(http.StatusTeapot)
	})
	srv := httptest.NewServer(NewHandler(Config{MaxBodyBytes: 64, RequestTimeout: time.Second},
		Routes{GraphQL: gql, Ready: func(context.Context) error { return nil }}, log))
	t.Cleanup(srv.Close)

	for _, c := range []struct {
		name, auth, body string
		want             map[string]any
	}{
		{"an operation", "", `{}`, map[string]any{"method": "POST", "path": "/graphql", "status": 418.0, "operation": "Page"}},
		{"a caller's role", "Bearer k", `{}`, map[string]any{"status": 418.0, "operation": "Page", "role": "editor", "subject": "ana"}},
		{"a refusal", "", strings.Repeat("x", 100), map[string]any{"status": 413.0, "refused": string(ReasonPayloadTooLarge)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := len(out.String())
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(c.body))
			req.Header.Set("Content-Type", "application/json")
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			var line map[string]any
			for range 100 { // the line is written after the answer
				if s := out.String()[before:]; strings.HasSuffix(s, "\n") {
					if err := json.Unmarshal([]byte(s), &line); err != nil {
						t.Fatalf("log line %q: %v", s, err)
					}
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if line["msg"] != "request" || line["level"] != "INFO" {
				t.Fatalf("log line %v: want an INFO line \"request\"", line)
			}
			if d, ok := line["duration"].(float64); !ok || d <= 0 {
				t.Errorf("duration %v: want a positive number of nanoseconds", line["duration"])
			}
			for k, v := range c.want {
				if line[k] != v {
					t.Errorf("%s: %v, want %v (line %v)", k, line[k], v, line)
				}
			}
			if _, ok := c.want["role"]; !ok && line["role"] != nil {
				t.Errorf("role %v logged for a request without a caller", line["role"])
			}
		})
	}
}
