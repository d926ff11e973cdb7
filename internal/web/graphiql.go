package web

import (
	_ "embed"
	"net/http"
)

// graphiqlSecurityPolicy is the home page's policy loosened where GraphiQL
// needs it, and no further: Monaco, its editor, adds <style> elements and
// style attributes as it runs ('unsafe-inline' styles), and its style
// sheet carries small icon fonts as data: URLs. Scripts, workers and
// fetches stay limited to this server.
const graphiqlSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// graphiqlHTML is the page that starts GraphiQL: it names the bundle under
// /static/graphiql/ by absolute path, so it works at /graphiql and at
// /graphql alike.
//
//go:embed graphiql.html
var graphiqlHTML []byte

// GraphiQL serves GET and HEAD of the GraphiQL page, whatever the path it
// is mounted on: /graphiql, and /graphql when a browser asks for a page
// (see httpapi's Routes.GraphiQL). The page talks to /graphql.
func GraphiQL() http.Handler {
	page := newAsset(graphiqlHTML, "text/html; charset=utf-8")
	return withSecurityHeaders(graphiqlSecurityPolicy, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		serve(w, r, "graphiql.html", page)
	}))
}
