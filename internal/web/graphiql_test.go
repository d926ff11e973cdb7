package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestGraphiQLPage checks the GraphiQL page and every file it needs: each
// is served from this server with its type, and none names another host
// (the browser test checks what the running page asks for).
func TestGraphiQLPage(t *testing.T) {
	srv := newServer(t)
	res, page := get(t, srv, http.MethodGet, "/graphiql", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /graphiql: status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("GET /graphiql: Content-Security-Policy %q lacks %s", csp, want)
		}
	}
	for _, loose := range []string{"unsafe-eval", "*", "http:", "https:", "script-src"} {
		if strings.Contains(csp, loose) {
			t.Errorf("GET /graphiql: Content-Security-Policy %q allows %s", csp, loose)
		}
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
		t.Errorf("the GraphiQL page names another host: %s", page)
	}

	// The page's files, and what its script and style sheet load in turn.
	files := map[string]string{
		"/static/graphiql/graphiql.js":       "text/javascript; charset=utf-8",
		"/static/graphiql/graphiql.css":      "text/css; charset=utf-8",
		"/static/graphiql/editor.worker.js":  "text/javascript; charset=utf-8",
		"/static/graphiql/json.worker.js":    "text/javascript; charset=utf-8",
		"/static/graphiql/graphql.worker.js": "text/javascript; charset=utf-8",
		"/static/graphiql-page.css":          "text/css; charset=utf-8",
		"/static/favicon.svg":                "image/svg+xml",
	}
	for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
		if _, ok := files[m[1]]; !ok && m[1] != "/" {
			t.Errorf("the page links %s, which this test does not check", m[1])
		}
	}
	_, css := get(t, srv, http.MethodGet, "/static/graphiql/graphiql.css", nil)
	if regexp.MustCompile(`@import`).MatchString(css) {
		t.Error("GraphiQL's style sheet imports another style sheet")
	}
	cssURLs := regexp.MustCompile(`url\(\s*["']?([^"')]+)`).FindAllStringSubmatch(css, -1)
	if len(cssURLs) == 0 {
		t.Error("GraphiQL's style sheet names no url(): Monaco's icon font is missing")
	}
	for _, m := range cssURLs {
		u := m[1]
		switch {
		case strings.HasPrefix(u, "data:"):
		case strings.HasPrefix(u, "./") && !strings.Contains(u, ":"):
			files["/static/graphiql/"+strings.TrimPrefix(u, "./")] = "font/ttf"
		default:
			t.Errorf("GraphiQL's style sheet loads %.80s from elsewhere", u)
		}
	}
	for path, ct := range files {
		res, body := get(t, srv, http.MethodGet, path, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ct || len(body) == 0 {
			t.Errorf("GET %s: status %d, Content-Type %q, %d bytes; want 200, %s", path, res.StatusCode, res.Header.Get("Content-Type"), len(body), ct)
		}
	}
	for _, path := range []string{"/static/graphiql/", "/static/graphiql/missing.js", "/static/graphiql/../web.go", "/graphiql/"} {
		if res, _ := get(t, srv, http.MethodGet, path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
	}
	if res, _ := get(t, srv, http.MethodPost, "/graphiql", nil); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /graphiql: status %d, want 405", res.StatusCode)
	}
}
