package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestHTTPGraphiQLForBrowsers checks who gets GraphiQL at /graphql: a
// browser opening it (GET, Accept with text/html, no query) gets the page;
// a GET with a query, a POST, a client that accepts JSON only, or one that
// refuses HTML gets the API's JSON.
func TestHTTPGraphiQLForBrowsers(t *testing.T) {
	s := startAPI(t, nil)
	const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	const query = "?query=" + "%7B%20actor(id%3A%20%22soonchunhyang-university%22)%20%7B%20name%20%7D%20%7D"
	for _, tc := range []struct {
		name, method, path, accept string
		wantPage                   bool
		wantStatus                 int
		wantBody                   string
	}{
		{"browser opens /graphql", http.MethodGet, "/graphql", browserAccept, true, 200, `id="graphiql"`},
		{"HEAD from a browser", http.MethodHead, "/graphql", browserAccept, true, 200, ""},
		{"text/html alone", http.MethodGet, "/graphql", "text/html", true, 200, "/static/graphiql/graphiql.js"},
		{"browser GET with a query runs it", http.MethodGet, "/graphql" + query, browserAccept, false, 200, "Soonchunhyang University"},
		{"client GET with a query", http.MethodGet, "/graphql" + query, "application/graphql-response+json", false, 200, "Soonchunhyang University"},
		{"client GET without a query", http.MethodGet, "/graphql", "application/json", false, 400, `"errors"`},
		{"no Accept", http.MethodGet, "/graphql", "", false, 400, `"errors"`},
		{"HTML refused with q=0", http.MethodGet, "/graphql", "text/html;q=0, application/json", false, 400, `"errors"`},
		{"POST from a browser", http.MethodPost, "/graphql", browserAccept, false, 200, "Soonchunhyang University"},
		{"the page at /graphiql", http.MethodGet, "/graphiql", "", true, 200, `id="graphiql"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tc.method, s.http.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			if tc.method == http.MethodPost {
				req.Header.Set("Content-Type", "application/json")
				req.Body = io.NopCloser(strings.NewReader(`{"query":"{ actor(id: \"soonchunhyang-university\") { name } }"}`))
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			ct := res.Header.Get("Content-Type")
			isPage := strings.HasPrefix(ct, "text/html")
			if isPage != tc.wantPage {
				t.Fatalf("status %d, Content-Type %q: want the page %v; body %.200s", res.StatusCode, ct, tc.wantPage, body)
			}
			if tc.wantStatus != 0 && res.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d; body %.200s", res.StatusCode, tc.wantStatus, body)
			}
			if !strings.Contains(string(body), tc.wantBody) {
				t.Errorf("body lacks %q: %.300s", tc.wantBody, body)
			}
			if isPage {
				if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-eval") {
					t.Errorf("Content-Security-Policy %q: want default-src 'self' and no unsafe-eval", csp)
				}
			}
		})
	}
}
