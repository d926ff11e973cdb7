package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ecograph/ecograph/graph"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/web"
)

// TestHomePageInChromium drives the home page in a real headless Chromium
// against the real stack (embedded store with the seed network, GraphQL
// handler, home page): an example run with a click, a query typed by hand
// and run with Ctrl+Enter, every example, a syntax error, a network
// failure, a phone-sized screen, and screenshots. It checks that the page
// asked no host but the test server for anything, and logged no error of
// its own.
//
// It needs Chromium: scripts/browser-deps installs it. With -artifacts the
// screenshots stay in the output directory.
func TestHomePageInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test starts Chromium; -short skips it")
	}
	chromium := chromiumPath(t)
	srv := newStack(t)

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	rec := &pageRecord{graphqlURL: srv.URL + "/graphql"}
	tab, cancelTab := startChromium(t, ctx, chromium, rec)
	defer cancelTab()

	do(t, tab, "open the page",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#query")),
	)
	checkSearchExample(t, tab)
	checkTypedQuery(t, tab)
	checkKeyboardOnly(t, tab)
	checkEveryExample(t, tab)
	checkSyntaxError(t, tab, rec.graphqlURL)
	checkScreens(t, tab)
	checkOffline(t, tab)
	rec.check(t, srv.URL)
}

// startChromium starts a fresh headless Chromium whose tab reports to rec.
func startChromium(t *testing.T, ctx context.Context, chromium string, rec *pageRecord) (context.Context, context.CancelFunc) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(rec.listen))
	return tab, func() {
		cancelTab()
		cancelAlloc()
	}
}

// pageRecord keeps what the tab reported: every URL it asked for, and the
// exceptions and errors it logged.
type pageRecord struct {
	graphqlURL string

	mu       sync.Mutex
	requests []string
	problems []string
}

// listen runs in the tab's event loop: it must return fast.
func (r *pageRecord) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.requests = append(r.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		r.problems = append(r.problems, "exception: "+exceptionText(ev.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			r.problems = append(r.problems, "console.error: "+argsText(ev.Args))
		}
	case *log.EventEntryAdded:
		// The failed requests to /graphql are the test's own doing (a
		// refusal, going offline); any other error is the page's.
		if ev.Entry.Level == log.EntryLevelError && ev.Entry.URL != r.graphqlURL {
			r.problems = append(r.problems, fmt.Sprintf("%s log: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

func (r *pageRecord) check(t *testing.T, serverURL string) {
	t.Helper()
	origin, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.requests) < 5 {
		t.Errorf("saw %d requests (%v); the listener seems deaf", len(r.requests), r.requests)
	}
	for _, req := range r.requests {
		u, err := url.Parse(req)
		if err != nil || u.Scheme != "http" || u.Host != origin.Host {
			t.Errorf("the page asked for %s: only %s may be asked", req, origin.Host)
		}
	}
	for _, p := range r.problems {
		t.Errorf("the page reported %s", p)
	}
}

// checkSearchExample clicks the example that searches for SCH, then Run.
func checkSearchExample(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "choose the search example", chromedp.Click(chromedp.CSS(`button[data-example="search-sch"]`)))
	if q := value(t, tab, "#query"); !strings.Contains(q, "search(text: $text)") {
		t.Errorf("after the search example the query box holds %q", q)
	}
	if v := value(t, tab, "#variables"); !strings.Contains(v, `"SCH"`) {
		t.Errorf("after the search example the variables box holds %q", v)
	}
	a := runAndWait(t, tab, "run the search example", chromedp.Click(chromedp.CSS("#run")))
	if a.State != "ok" || !strings.Contains(a.Result, "Soonchunhyang University") {
		t.Errorf("search for SCH: want an answer with Soonchunhyang University, got %+v", a)
	}
}

// checkTypedQuery puts a query of its own in the box and runs it with
// Ctrl+Enter.
func checkTypedQuery(t *testing.T, tab context.Context) {
	t.Helper()
	const shortestPath = `{
  shortestPath(from: "soonchunhyang-university", to: "ministry-of-digital-technologies") {
    length
    actors { name }
    relations { type }
  }
}`
	do(t, tab, "type the shortest path query",
		chromedp.SetValue(chromedp.CSS("#query"), shortestPath),
		// SetValue cannot set "": it reads the value back and takes an
		// empty answer for a failure.
		chromedp.Evaluate[chromedp.Void](`document.getElementById("variables").value = ""`),
		chromedp.Focus(chromedp.CSS("#query")),
	)
	a := runAndWait(t, tab, "press Ctrl+Enter", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if a.State != "ok" || !strings.Contains(a.Result, "Global Business Service Forum") {
		t.Errorf("shortest path from SCH to the ministry: want an answer through the Global Business Service Forum, got %+v", a)
	}
}

// checkKeyboardOnly chooses an example with Enter and runs it with
// Ctrl+Enter, with no mouse.
func checkKeyboardOnly(t *testing.T, tab context.Context) {
	t.Helper()
	do(t, tab, "choose the events example with the keyboard",
		chromedp.Focus(chromedp.CSS(`button[data-example="events"]`)),
		chromedp.KeyEvent(kb.Enter),
	)
	a := runAndWait(t, tab, "press Ctrl+Enter on the events example", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if a.State != "ok" || !strings.Contains(a.Result, `"startDate": "2024-07-24"`) {
		t.Errorf("events: want the forum's start date 2024-07-24, got %+v", a)
	}
}

// checkEveryExample runs each example: all answer on the seed network
// without errors.
func checkEveryExample(t *testing.T, tab context.Context) {
	t.Helper()
	for _, ex := range []struct{ id, want string }{
		{"search-sch", `"matched": "SCH"`},
		{"sch-relations", `"INVITED_TO"`},
		{"path-to-ministry", "Global Business Service Forum"},
		{"events", "Online seminar"},
		{"it-park-neighborhood", "IT Park Uzbekistan"},
	} {
		do(t, tab, "choose the example "+ex.id, chromedp.Click(chromedp.CSS(`button[data-example="`+ex.id+`"]`)))
		a := runAndWait(t, tab, "run the example "+ex.id, chromedp.Click(chromedp.CSS("#run")))
		if a.State != "ok" || a.Errors != "" || !strings.Contains(a.Result, ex.want) {
			t.Errorf("example %s: want an answer with %s and no error, got %+v", ex.id, ex.want, a)
		}
	}
}

// checkSyntaxError runs a broken query: the page shows the server's
// message and HTTP status.
func checkSyntaxError(t *testing.T, tab context.Context, graphqlURL string) {
	t.Helper()
	const broken = `{ search(text: "SCH" { actor { name } } }`
	status, messages := postQuery(t, graphqlURL, broken)
	if len(messages) == 0 {
		t.Fatalf("the server found no error in %q", broken)
	}
	do(t, tab, "type a query with a syntax error", chromedp.SetValue(chromedp.CSS("#query"), broken))
	a := runAndWait(t, tab, "run the broken query", chromedp.Click(chromedp.CSS("#run")))
	if a.State != "error" || !strings.Contains(a.Errors, messages[0]) || !strings.Contains(a.Status, fmt.Sprintf("HTTP %d", status)) {
		t.Errorf("syntax error: want the error %q and HTTP %d shown, got %+v", messages[0], status, a)
	}
}

// checkScreens takes screenshots, wide and phone-sized; on the phone the
// page must not scroll sideways.
func checkScreens(t *testing.T, tab context.Context) {
	t.Helper()
	shot(t, tab, "home.png")
	do(t, tab, "emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	wide, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Error("on a 390 px wide phone the page is wider than the screen")
	}
	shot(t, tab, "home-phone.png")
	do(t, tab, "leave the phone", chromedp.ResetViewport())
}

// checkOffline runs a query with the network down: the page says so
// rather than staying silent.
func checkOffline(t *testing.T, tab context.Context) {
	t.Helper()
	if _, err := chromedp.Call(tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("go offline: %v", err)
	}
	a := runAndWait(t, tab, "run while offline", chromedp.Click(chromedp.CSS("#run")))
	if a.State != "error" || !strings.Contains(a.Errors, "Could not reach /graphql") {
		t.Errorf("offline: want a network error shown, got %+v", a)
	}
}

// chromiumPath finds Chromium; without it the test is skipped, or fails
// on CI, where it must run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	const msg = "Chromium is not installed: run scripts/browser-deps"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newStack serves the real ecograph: an embedded store loaded with the
// seed network, the GraphQL handler at /graphql and the home page.
func newStack(t *testing.T) *httptest.Server {
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
	if _, err := seed.LoadIfEmpty(t.Context(), s); err != nil {
		t.Fatalf("load the seed network: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.NewHandler(s, graph.Options{Introspection: true}))
	mux.Handle("/", web.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server listens on %s, not on 127.0.0.1", srv.URL)
	}
	return srv
}

// pageAnswer is what the answer panel shows.
type pageAnswer struct {
	State  string `json:"state"`
	Runs   int    `json:"runs"`
	Status string `json:"status"`
	Errors string `json:"errors"`
	Result string `json:"result"`
}

const readAnswer = `(() => {
  const answer = document.getElementById("answer");
  const errors = document.getElementById("errors");
  return {
    state: answer.dataset.state,
    runs: Number(answer.dataset.runs),
    status: document.getElementById("status").textContent,
    errors: errors.hidden ? "" : errors.textContent,
    result: document.getElementById("result").textContent,
  };
})()`

// runAndWait triggers a run and waits until the page shows its answer.
func runAndWait(t *testing.T, tab context.Context, what string, trigger chromedp.Action[chromedp.Void]) pageAnswer {
	t.Helper()
	before, err := chromedp.Run(tab, chromedp.Evaluate[pageAnswer](readAnswer))
	if err != nil {
		t.Fatalf("%s: read the answer panel: %v", what, err)
	}
	done := fmt.Sprintf(`(() => {
  const answer = document.getElementById("answer");
  return Number(answer.dataset.runs) > %d && answer.dataset.state !== "running";
})()`, before.Runs)
	do(t, tab, what, trigger, chromedp.Poll[chromedp.Void](done, chromedp.WithPollingTimeout(30*time.Second)))
	after, err := chromedp.Run(tab, chromedp.Evaluate[pageAnswer](readAnswer))
	if err != nil {
		t.Fatalf("%s: read the answer panel: %v", what, err)
	}
	return after
}

func do(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func value(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return v
}

// shot saves a screenshot of the whole page in the test's artifact
// directory and checks that it is a PNG with pixels.
func shot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if !bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot %s: not a PNG (%d bytes)", name, len(buf))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(buf))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		t.Fatalf("screenshot %s: %dx%d, %v", name, cfg.Width, cfg.Height, err)
	}
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("screenshot %s: not written: %v", path, err)
	}
	t.Logf("screenshot %s: %dx%d, %d bytes", path, cfg.Width, cfg.Height, len(buf))
}

// postQuery asks the GraphQL endpoint directly, to know what the page
// should show.
func postQuery(t *testing.T, endpoint, query string) (int, []string) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var answer struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
		t.Fatalf("POST %s: %v", endpoint, err)
	}
	var messages []string
	for _, e := range answer.Errors {
		messages = append(messages, e.Message)
	}
	return res.StatusCode, messages
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, string(a.Value))
		}
	}
	return strings.Join(parts, " ")
}
