package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/web"
)

// get sends one request to the home page handler and returns the answer
// with its body read.
func get(t *testing.T, srv *httptest.Server, method, path string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(web.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func TestHomePage(t *testing.T) {
	srv := newServer(t)
	res, body := get(t, srv, http.MethodGet, "/", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: status %d, want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET /: Content-Type %q, want text/html; charset=utf-8", ct)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("GET /: Content-Security-Policy %q does not limit everything to 'self'", csp)
	}
	for _, loose := range []string{"unsafe-inline", "unsafe-eval", "*", "http:", "https:", "data:"} {
		if strings.Contains(csp, loose) {
			t.Errorf("GET /: Content-Security-Policy %q allows %s", csp, loose)
		}
	}
	if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("GET /: X-Content-Type-Options %q, want nosniff", got)
	}
	for _, want := range []string{
		`<input id="search"`, `<main id="graph"`, `<aside id="panel"`, `id="asof"`, `id="export-png"`, `id="export-svg"`,
		`href="graphiql"`, `src="static/explorer/explorer.js"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /: the page lacks %q", want)
		}
	}

	head, headBody := get(t, srv, http.MethodHead, "/", nil)
	if head.StatusCode != http.StatusOK || headBody != "" {
		t.Errorf("HEAD /: status %d with %d body bytes, want 200 and none", head.StatusCode, len(headBody))
	}
	if head.Header.Get("Content-Type") != res.Header.Get("Content-Type") || head.ContentLength != int64(len(body)) {
		t.Errorf("HEAD /: Content-Type %q, Content-Length %d; GET had %q, %d",
			head.Header.Get("Content-Type"), head.ContentLength, res.Header.Get("Content-Type"), len(body))
	}
}

func TestStaticFiles(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct {
		path, contentType, contains string
	}{
		{"/static/explorer.css", "text/css; charset=utf-8", "#panel"},
		{"/static/explorer/explorer.js", "text/javascript; charset=utf-8", "ecographExplorer"},
		{"/static/favicon.svg", "image/svg+xml", "<svg"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := get(t, srv, http.MethodGet, tc.path, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			if ct := res.Header.Get("Content-Type"); ct != tc.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("security headers missing: %v", res.Header)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}

			etag := res.Header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			again, _ := get(t, srv, http.MethodGet, tc.path, http.Header{"If-None-Match": {etag}})
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("GET with If-None-Match of the current ETag: status %d, want 304", again.StatusCode)
			}
		})
	}
}

func TestUnknownPathsAreNotFound(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{
		"/index.html", "/nope", "/graphql", "/healthz", "/static", "/static/", "/static/missing.js",
		"/static/explorer.css/x", "/static/index.html", "/web.go", "/%2e%2e/web.go",
	} {
		res, _ := get(t, srv, http.MethodGet, path, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy on the 404", path)
		}
	}
}

func TestOtherMethodsAreRefused(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/", "/static/explorer/explorer.js"} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
			res, _ := get(t, srv, method, path, nil)
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", method, path, res.StatusCode)
			}
		}
	}
}

// attrURL finds the URLs of src and href attributes.
var attrURL = regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`)

func TestPageLoadsNothingFromElsewhere(t *testing.T) {
	srv := newServer(t)
	_, body := get(t, srv, http.MethodGet, "/", nil)
	for _, scheme := range []string{"http://", "https://"} {
		if strings.Contains(body, scheme) {
			t.Errorf("the page contains %q: it must work offline", scheme)
		}
	}
	urls := attrURL.FindAllStringSubmatch(body, -1)
	if len(urls) < 3 {
		t.Fatalf("found %d src/href attributes; the page should link its style sheet, script and icon", len(urls))
	}
	for _, m := range urls {
		u := m[1]
		if strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
			t.Errorf("%s: not a same-origin relative URL", m[0])
			continue
		}
		if u == "healthz" || u == "readyz" || strings.HasPrefix(u, "#") {
			continue // served by the API and the page itself, not by this handler
		}
		if res, _ := get(t, srv, http.MethodGet, "/"+u, nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s: GET /%s is %d, want 200", m[0], u, res.StatusCode)
		}
	}
}

func TestPageHasNoInlineCode(t *testing.T) {
	srv := newServer(t)
	_, body := get(t, srv, http.MethodGet, "/", nil)
	for _, script := range regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>`).FindAllString(body, -1) {
		if !regexp.MustCompile(`^<script\s[^>]*\bsrc="[^"]+"[^>]*>\s*</script>$`).MatchString(script) {
			t.Errorf("inline script, which the Content-Security-Policy blocks: %s", script)
		}
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<style\b`),
		regexp.MustCompile(`(?i)\sstyle\s*=`),
		regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
		regexp.MustCompile(`(?i)javascript:`),
	} {
		if m := bad.FindString(body); m != "" {
			t.Errorf("inline code or style, which the Content-Security-Policy blocks: %q", m)
		}
	}
}

// TestControlsAreLabelled checks that every control of the page has a
// name a screen reader can say: a label around it or for it, or an
// aria-label.
func TestControlsAreLabelled(t *testing.T) {
	srv := newServer(t)
	_, page := get(t, srv, http.MethodGet, "/", nil)
	controls := regexp.MustCompile(`(?s)<(input|select)\b[^>]*>`).FindAllStringIndex(page, -1)
	if len(controls) < 6 {
		t.Fatalf("found %d inputs and selects, want the search, the day and the drawing's", len(controls))
	}
	for _, at := range controls {
		tag := page[at[0]:at[1]]
		if strings.Contains(tag, "aria-label=") {
			continue
		}
		if id := regexp.MustCompile(`\bid="([^"]+)"`).FindStringSubmatch(tag); id != nil && regexp.MustCompile(`<label\b[^>]*\bfor="`+regexp.QuoteMeta(id[1])+`"`).MatchString(page) {
			continue
		}
		open := strings.LastIndex(page[:at[0]], "<label")
		if open >= 0 && !strings.Contains(page[open:at[0]], "</label>") {
			continue // inside a label
		}
		t.Errorf("%s has no label", tag)
	}
}
