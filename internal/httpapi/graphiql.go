package httpapi

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// graphiqlForBrowsers sends a browser that opens /graphql to GraphiQL: a
// GET or HEAD with no query parameter whose Accept names text/html is
// given the page; everything else, a GET with a query included, goes to
// the API, which answers JSON. With no page, the API gets everything.
func graphiqlForBrowsers(page, api http.Handler) http.Handler {
	if page == nil {
		return api
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if wantsPage(r) {
			page.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// wantsPage reports whether r is a browser asking for a page rather than a
// client asking the API: GraphQL-over-HTTP clients accept JSON types, and
// a browser's navigation lists text/html.
func wantsPage(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if r.URL.Query().Has("query") {
		return false
	}
	for _, accept := range r.Header.Values("Accept") {
		for _, part := range strings.Split(accept, ",") {
			mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil || mediaType != "text/html" {
				continue
			}
			// "text/html;q=0" refuses HTML.
			if q, err := strconv.ParseFloat(params["q"], 64); err == nil && q == 0 {
				continue
			}
			return true
		}
	}
	return false
}
