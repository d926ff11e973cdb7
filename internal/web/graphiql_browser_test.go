package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ecograph/ecograph/graph"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/web"
)

// TestGraphiQLInChromium drives GraphiQL in a real headless Chromium
// against the whole HTTP stack (httpapi's routes over an embedded store
// with the seed network): the documentation explorer lists Query's
// fields, typing "{ neighb" offers neighborhood, a query typed in the
// editor runs and its answer shows SCH's name, and GET /graphql from a
// browser opens the same IDE. Nothing may be asked of a host other than
// the test server, and the page may log no error.
//
// With ECOGRAPH_SCREENSHOTS=1 it also writes docs/graphiql*.png, the
// screenshots the README shows.
func TestGraphiQLInChromium(t *testing.T) {
	srv, _ := newAPIStack(t)
	tab, rec := browse(t, srv.URL, 3*time.Minute)

	openGraphiQL(t, tab, srv.URL+"/graphiql")
	checkDocExplorer(t, tab)
	checkAutocomplete(t, tab)
	checkRunQuery(t, tab)
	saveDocsShot(t, tab, "graphiql.png")
	checkHistory(t, tab)
	checkKeyInHeaders(t, tab)

	// A browser opening /graphql itself gets the same IDE.
	openGraphiQL(t, tab, srv.URL+"/graphql")
	rec.check(t, srv.URL)
}

// openGraphiQL loads the page and waits until GraphiQL has drawn its
// editors and fetched the schema (the docs button is then enabled).
func openGraphiQL(t *testing.T, tab context.Context, url string) {
	t.Helper()
	start := time.Now()
	do(t, tab, "open GraphiQL at "+url,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container .graphiql-query-editor .monaco-editor")),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-response")),
	)
	t.Logf("GraphiQL at %s drew its editors %v after the navigation began", url, time.Since(start).Round(time.Millisecond))
}

// checkDocExplorer opens the documentation explorer and reads Query's
// fields in it: only there when the schema was fetched by introspection.
func checkDocExplorer(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "open the documentation explorer",
		chromedp.Click(chromedp.CSS(`.graphiql-sidebar button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-doc-explorer")),
		chromedp.Poll[chromedp.Void](`document.querySelector(".graphiql-doc-explorer-root-type a, .graphiql-doc-explorer .graphiql-doc-explorer-type-name") !== null`,
			chromedp.WithPollingTimeout(30*time.Second)),
	)
	do(t, tab, "open Query in the documentation explorer",
		chromedp.Click(chromedp.CSS(`.graphiql-doc-explorer-type-name`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-doc-explorer-field-name")),
	)
	fields, err := chromedp.Run(tab, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(".graphiql-doc-explorer .graphiql-doc-explorer-field-name")].map(e => e.textContent)`))
	if err != nil {
		t.Fatalf("read the documentation explorer: %v", err)
	}
	for _, want := range []string{"search", "actor", "neighborhood", "shortestPath"} {
		if !contains(fields, want) {
			t.Errorf("the documentation explorer lists Query's fields %v: no %s", fields, want)
		}
	}
}

// typeInQueryEditor replaces the query editor's text with text, typed key
// by key as a user would.
func typeInQueryEditor(t *testing.T, tab context.Context, text string) {
	t.Helper()
	typeInEditor(t, tab, ".graphiql-query-editor .monaco-editor .view-lines", text)
}

// typeInEditor clicks into the Monaco editor sel, selects its text and
// types text in its place. Monaco closes brackets and quotes as they are
// typed, and types over a closing one it added: text may leave out the
// closing brackets at its end.
func typeInEditor(t *testing.T, tab context.Context, sel, text string) {
	t.Helper()
	// A click while GraphiQL redraws (it does when the schema arrives), or
	// on a suggestion or hover box over the editor, may leave the editor
	// without focus: close such boxes and click until it has it.
	focused := fmt.Sprintf(`document.activeElement?.closest(".monaco-editor") != null &&
  document.activeElement.closest(".monaco-editor") === document.querySelector(%s)?.closest(".monaco-editor")`, jsString(sel))
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			do(t, tab, "close what covers the editor "+sel, chromedp.KeyEvent(kb.Escape))
		}
		do(t, tab, "click into the editor "+sel, chromedp.Click(chromedp.CSS(sel)))
		if attempt > 2 {
			// A click that lands on the editor's frame while Monaco lays
			// itself out again does not reach its input: give the input
			// the focus the click would have.
			do(t, tab, "focus the editor's input "+sel, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`)?.closest(".monaco-editor")?.querySelector("textarea")?.focus()`))
		}
		err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](focused, chromedp.WithPollingTimeout(2*time.Second)))
		if err == nil {
			break
		}
		if attempt == 5 {
			active, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
  const a = document.activeElement;
  const r = document.querySelector(`+jsString(sel)+`)?.getBoundingClientRect();
  const hit = r ? document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) : null;
  return "focus on " + (a ? a.outerHTML.slice(0, 200) : "nothing") + "; at the click: " + (hit ? hit.outerHTML.slice(0, 200) : "nothing") + "; box " + JSON.stringify(r);
})()`))
			t.Fatalf("the editor %s did not take the focus after %d clicks: %v (%s)", sel, attempt, err, active)
		}
	}
	do(t, tab, "select all in "+sel+" and type",
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.KeyEvent(text),
	)
	typed := fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").replaceAll("\u00a0", " ").includes(%s)`, jsString(sel), jsString(text))
	if err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](typed, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("typed %q into %s, which shows %q: %v", text, sel, textOf(t, tab, sel), err)
	}
}

// checkAutocomplete types "{ neighb" and waits for Monaco's suggestions to
// offer neighborhood.
func checkAutocomplete(t *testing.T, tab context.Context) {
	t.Helper()
	typeInQueryEditor(t, tab, "{ neighb")
	err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](`(() => {
  const rows = document.querySelectorAll(".graphiql-query-editor .suggest-widget .monaco-list-row");
  return [...rows].some(r => r.textContent.includes("neighborhood"));
})()`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		suggestions, _ := chromedp.Run(tab, chromedp.Evaluate[string](
			`[...document.querySelectorAll(".suggest-widget .monaco-list-row")].map(r => r.textContent).join(" | ")`))
		t.Errorf("typing { neighb: no suggestion of neighborhood (%v); the suggestions: %q", err, suggestions)
	}
	saveDocsShot(t, tab, "graphiql-autocomplete.png")
	do(t, tab, "close the suggestions", chromedp.KeyEvent(kb.Escape))
}

// checkRunQuery types a query, runs it with the run button, and reads the
// answer in the response pane.
func checkRunQuery(t *testing.T, tab context.Context) {
	t.Helper()
	typeInQueryEditor(t, tab, `{ actor(id: "soonchunhyang-university") { name kind`)
	waitTabSaved(t, tab, "soonchunhyang-university")
	do(t, tab, "run the query",
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
	)
	// Monaco draws spaces as no-break spaces.
	err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](
		`(document.querySelector(".graphiql-response .view-lines")?.textContent ?? "").replaceAll("\u00a0", " ").includes("Soonchunhyang University")`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Errorf("run the query: %v; the editor holds %q and the response pane shows %q", err,
			textOf(t, tab, ".graphiql-query-editor .view-lines"), textOf(t, tab, ".graphiql-response"))
		return
	}
	if got := textOf(t, tab, ".graphiql-response .view-lines"); !strings.Contains(got, "UNIVERSITY") {
		t.Errorf("the response pane shows %q: want SCH's kind, UNIVERSITY", got)
	}
	// Prettify lays the typed query out on lines, for the screenshot.
	do(t, tab, "prettify the query",
		chromedp.Click(chromedp.CSS(`.graphiql-toolbar button[aria-label^="Prettify"]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll(".graphiql-query-editor .view-line").length > 3`,
			chromedp.WithPollingTimeout(10*time.Second)),
	)
}

// waitTabSaved waits until GraphiQL has saved the tab with the text just
// typed (it does so a moment after the typing stops), as a user pausing
// before Run would: the history records the saved tab, so a query run
// sooner is sent as typed but kept in the history as it was before.
func waitTabSaved(t *testing.T, tab context.Context, text string) {
	t.Helper()
	do(t, tab, "wait for GraphiQL to save the tab",
		chromedp.Poll[chromedp.Void](`(localStorage.getItem("graphiql:tabState") ?? "").includes(`+jsString(text)+`)`,
			chromedp.WithPollingTimeout(10*time.Second)),
		// Close the suggestions the typing opened.
		chromedp.KeyEvent(kb.Escape))
}

// checkHistory opens the history: the query just run is in it.
func checkHistory(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "open the history",
		chromedp.Click(chromedp.CSS(`.graphiql-sidebar button[aria-label="Show History"]`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-history-item")),
	)
	if got := textOf(t, tab, ".graphiql-history-items"); !strings.Contains(got, "soonchunhyang-university") {
		t.Errorf("the history shows %q: want the query run on soonchunhyang-university", got)
	}
}

// checkKeyInHeaders puts the API key in the Headers pane and runs a
// mutation, which the server refuses without it.
func checkKeyInHeaders(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "open the Headers pane",
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".graphiql-editor-tools button")].find(b => b.textContent.trim() === "Headers").id = "headers-tab-under-test"`),
		chromedp.Click(chromedp.CSS("#headers-tab-under-test")),
	)
	// The pane's editor is the visible one of the tools' two (variables,
	// headers): mark it to click into it.
	do(t, tab, "find the headers editor",
		chromedp.Poll[chromedp.Void](`(() => {
  const eds = [...document.querySelectorAll(".graphiql-editor-tool .monaco-editor")].filter(e => e.offsetParent !== null);
  if (eds.length !== 1) return false;
  eds[0].id = "headers-under-test";
  return true;
})()`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	typeInEditor(t, tab, "#headers-under-test .view-lines", `{"Authorization": "Bearer `+graphiqlTestKey)
	saveDocsShot(t, tab, "graphiql-headers.png")
	typeInQueryEditor(t, tab, `mutation { updateActor(id: "soonchunhyang-university", input: {description: "Edited in GraphiQL"}) { description`)
	waitTabSaved(t, tab, "Edited in GraphiQL")
	do(t, tab, "run the mutation", chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](
		`(document.querySelector(".graphiql-response .view-lines")?.textContent ?? "").replaceAll("\u00a0", " ").includes("Edited in GraphiQL")`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Errorf("run a mutation with the key in Headers: %v; headers %q, query %q, response %q", err,
			textOf(t, tab, "#headers-under-test .view-lines"), textOf(t, tab, ".graphiql-query-editor .view-lines"), textOf(t, tab, ".graphiql-response"))
	}
}

func textOf(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector(`+jsString(sel)+`)?.textContent ?? ""`))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return strings.ReplaceAll(s, "\u00a0", " ")
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // cannot happen: a Go string always marshals
	}
	return string(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// saveDocsShot takes a screenshot like shot, and with
// ECOGRAPH_SCREENSHOTS=1 also writes it into docs/ for the README.
func saveDocsShot(t testing.TB, tab context.Context, name string) {
	t.Helper()
	shot(t, tab, name)
	if os.Getenv("ECOGRAPH_SCREENSHOTS") != "1" {
		return
	}
	buf, err := os.ReadFile(filepath.Join(t.ArtifactDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "..", "docs", name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// graphiqlTestKey is the API key the browser test puts in GraphiQL's
// Headers pane.
const graphiqlTestKey = "graphiql-test-key"

// newAPIStack serves ecograph's whole HTTP API the way server.go builds
// it: httpapi's routes, with the GraphQL handler, GraphiQL and the
// explorer, over an embedded store with the seed network.
func newAPIStack(t testing.TB) (*httptest.Server, *embedded.Store) {
	t.Helper()
	return newAPIStackWith(t, func(s *embedded.Store) error {
		_, err := seed.LoadIfEmpty(t.Context(), s)
		return err
	})
}

// newAPIStackWith is newAPIStack over a store that fill loads.
func newAPIStackWith(t testing.TB, fill func(*embedded.Store) error) (*httptest.Server, *embedded.Store) {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close the store: %v", err)
		}
	})
	if err := fill(s); err != nil {
		t.Fatalf("fill the store: %v", err)
	}
	h := httpapi.NewHandler(httpapi.Config{MaxBodyBytes: 1 << 20, RequestTimeout: 30 * time.Second}, httpapi.Routes{
		GraphQL:  graph.NewHandler(s, graph.Options{Introspection: true, APIKeys: []string{graphiqlTestKey}}),
		GraphiQL: web.GraphiQL(),
		Home:     web.Handler(),
		Ready:    func(context.Context) error { return nil },
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server listens on %s, not on 127.0.0.1", srv.URL)
	}
	return srv, s
}
