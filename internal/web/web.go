// Package web serves ecograph's pages: the explorer at /, which draws the
// network and lets an analyst search, click through and filter it, and
// GraphiQL at /graphiql (graphiql.go). index.html and explorer.css are
// files of our own; the explorer's script (web/src/explorer with
// Cytoscape.js) and GraphiQL are bundles that scripts/web-build makes from
// web/package-lock.json into static/explorer/ and static/graphiql/. All
// are embedded in the binary, so the pages work offline and load nothing
// from elsewhere.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// contentSecurityPolicy lets the page load scripts, styles, images and
// data (the fetch to /graphql) from its own origin only, and no inline
// script or style at all.
const contentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

//go:embed index.html
var indexHTML []byte

//go:embed static
var staticFiles embed.FS

// contentTypes are the types of the files under static/, by extension;
// a file of another type is not served.
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".ttf": "font/ttf",
}

// asset is a file ready to serve.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

func newAsset(body []byte, contentType string) asset {
	sum := sha256.Sum256(body)
	return asset{body: body, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

// Handler serves GET and HEAD of / (the home page), /graphiql (GraphiQL)
// and /static/PATH (their style sheets, scripts, icon and font). Any other
// path is 404; another method on these paths is 405.
func Handler() http.Handler {
	home := newAsset(indexHTML, "text/html; charset=utf-8")
	static := staticAssets()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		serve(w, r, "index.html", home)
	})
	mux.Handle("GET /graphiql", GraphiQL())
	mux.HandleFunc("GET /static/{path...}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("path")
		a, ok := static[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serve(w, r, path.Base(name), a)
	})
	return withSecurityHeaders(contentSecurityPolicy, mux)
}

// staticAssets reads every file under static/ whose type is known, by its
// path below static/ ("explorer.css", "graphiql/graphiql.js"). It runs once:
// the GraphiQL bundle is megabytes, and every server (each HTTP test
// starts one) shares the same read-only map.
var staticAssets = sync.OnceValue(func() map[string]asset {
	static := map[string]asset{}
	err := fs.WalkDir(staticFiles, "static", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ct, ok := contentTypes[path.Ext(p)]
		if e.IsDir() || !ok {
			return nil
		}
		body, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		static[strings.TrimPrefix(p, "static/")] = newAsset(body, ct)
		return nil
	})
	if err != nil {
		panic("web: the embedded static folder is unreadable: " + err.Error()) // cannot happen: go:embed checked it
	}
	return static
})

// serve writes an asset; ServeContent answers HEAD, If-None-Match and
// ranges. The files change only with the binary, so browsers revalidate
// each time (no-cache) and get 304 while the ETag holds.
func serve(w http.ResponseWriter, r *http.Request, name string, a asset) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", a.etag)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}

// withSecurityHeaders sets the headers every answer of the pages carries,
// 404s included, with the page's Content-Security-Policy csp.
func withSecurityHeaders(csp string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
