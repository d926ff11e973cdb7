package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
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
)

// browse starts a fresh headless Chromium for a test of the server at
// base, and returns its tab and what the tab reports. Both end when the
// test does, or after timeout. -short skips the test, and so does a
// machine without Chromium, except on CI, where the test fails.
func browse(t *testing.T, base string, timeout time.Duration) (context.Context, *pageRecord) {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser test starts Chromium; -short skips it")
	}
	chromium := chromiumPath(t)
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	rec := &pageRecord{graphqlURL: base + "/graphql"}
	tab, cancelTab := startChromium(t, ctx, chromium, rec)
	t.Cleanup(func() {
		cancelTab()
		cancel()
	})
	return tab, rec
}

// startChromium starts a fresh headless Chromium whose tab reports to rec.
func startChromium(t testing.TB, ctx context.Context, chromium string, rec *pageRecord) (context.Context, context.CancelFunc) {
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

func (r *pageRecord) check(t testing.TB, serverURL string) {
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
		if err == nil && (u.Scheme == "data" || u.Scheme == "blob") {
			continue // made in the page, not fetched: Chromium's own icons, an export
		}
		if err != nil || u.Scheme != "http" || u.Host != origin.Host {
			t.Errorf("the page asked for %s: only %s may be asked", req, origin.Host)
		}
	}
	for _, p := range r.problems {
		t.Errorf("the page reported %s", p)
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

func do(t testing.TB, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// shot saves a screenshot of the whole page in the test's artifact
// directory and checks that it is a PNG with pixels.
func shot(t testing.TB, tab context.Context, name string) {
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
