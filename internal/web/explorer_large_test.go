package web_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ecograph/ecograph/internal/browsertest"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/synth"
)

// largeActors and largeRelations are the size of network the explorer
// must draw smoothly (issue: 5,000 actors, 20,000 relations).
const (
	largeActors    = 5000
	largeRelations = 20000
)

// largeStack serves the whole API over a generated network of n actors
// and m relations.
func largeStack(t testing.TB, n, m int) string {
	t.Helper()
	srv, _ := newAPIStackWith(t, func(s *embedded.Store) error {
		return s.Load(context.Background(), synth.Generate(synth.Config{Actors: n, Relations: m, Seed: 1}))
	})
	return srv.URL
}

// frameStats is what ecographExplorer.stopFrames reports.
type frameStats struct {
	Frames int     `json:"frames"`
	MeanMs float64 `json:"meanMs"`
	P95Ms  float64 `json:"p95Ms"`
	MaxMs  float64 `json:"maxMs"`
	Over33 int     `json:"over33"`
}

// loadStats is what ecographExplorer.lastLoad reports: the GraphQL
// answers' time, and the drawing's (layout included).
type loadStats struct {
	Ms       float64 `json:"ms"`
	DrawMs   float64 `json:"drawMs"`
	LayoutMs float64 `json:"layoutMs"`
}

// openLarge opens the explorer on the whole of a large network, waits for
// its layout to settle, and returns how long the first picture took,
// measured from the navigation, and the page's own timings.
func openLarge(t testing.TB, tab context.Context, base string) (time.Duration, loadStats) {
	t.Helper()
	start := time.Now()
	if err := chromedp.Do(tab,
		chromedp.Navigate(base+"/?limit="+strconv.Itoa(largeActors)),
		chromedp.Poll[chromedp.Void](`document.body.dataset.serial === "1"`, chromedp.WithPollingTimeout(3*time.Minute)),
	); err != nil {
		t.Fatalf("open the explorer on %d actors: %v", largeActors, err)
	}
	took := time.Since(start)
	if err := chromedp.Do(tab, chromedp.Poll[chromedp.Void](`document.body.dataset.layout === "done"`, chromedp.WithPollingTimeout(3*time.Minute))); err != nil {
		t.Fatalf("wait for the layout of %d actors: %v", largeActors, err)
	}
	ls, err := chromedp.Run(tab, chromedp.Evaluate[loadStats](`window.ecographExplorer.lastLoad()`))
	if err != nil {
		t.Fatal(err)
	}
	return took, ls
}

// panAndZoom pans and zooms the picture with real input events for
// length, and returns the times of the frames drawn meanwhile.
func panAndZoom(t testing.TB, tab context.Context, length time.Duration) frameStats {
	t.Helper()
	type box struct{ X, Y, W, H float64 }
	b, err := chromedp.Run(tab, chromedp.Evaluate[box](`(() => { const r = document.getElementById("graph").getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`window.ecographExplorer.startFrames()`)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.PanAndZoom(tab, b.X+b.W/2, b.Y+b.H/2, length); err != nil {
		t.Fatalf("pan and zoom: %v", err)
	}
	fs, err := chromedp.Run(tab, chromedp.Evaluate[frameStats](`window.ecographExplorer.stopFrames()`))
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestExplorerDrawsLargeNetwork opens the explorer on a generated network
// of 5,000 actors and 20,000 relations: every actor and relation is drawn,
// and pan and zoom keep drawing frames. How fast is
// BenchmarkExplorerLarge's to say.
func TestExplorerDrawsLargeNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test starts Chromium; -short skips it")
	}
	base := largeStack(t, largeActors, largeRelations)
	tab, rec := browse(t, base, 5*time.Minute)

	took, ls := openLarge(t, tab, base)
	t.Logf("first picture of %d actors after %v (answers %.0f ms, drawing %.0f ms); layout settled %.0f ms after", largeActors, took, ls.Ms, ls.DrawMs, ls.LayoutMs)
	d, err := chromedp.Run(tab, chromedp.Evaluate[drawn](`window.ecographExplorer.visible()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Actors) != largeActors || len(d.Relations) != largeRelations {
		t.Errorf("the explorer draws %d actors and %d relations of %d and %d", len(d.Actors), len(d.Relations), largeActors, largeRelations)
	}
	fs := panAndZoom(t, tab, time.Second)
	if fs.Frames < 5 {
		t.Errorf("a second of pan and zoom drew %d frames", fs.Frames)
	}
	t.Logf("pan and zoom: %+v", fs)
	saveDocsShot(t, tab, "explorer-5000.png")
	rec.check(t, base)
}

// BenchmarkExplorerLarge measures the explorer on 5,000 actors and 20,000
// relations in headless Chromium: the time to the first picture from the
// navigation (load-ms: the GraphQL answers, answers-ms, then the drawing
// of the seeded start, draw-ms), the layout's time to settle after that
// (layout-ms), and the frame times of three seconds of pan and zoom with
// real input events.
//
//	go test ./internal/web -run '^$' -bench ExplorerLarge -benchtime 3x
func BenchmarkExplorerLarge(b *testing.B) {
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		b.Skip("Chromium is not installed: run scripts/browser-deps")
	}
	base := largeStack(b, largeActors, largeRelations)
	var load, answers, drawing, layout, mean, p95, worst, slow float64
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		rec := &pageRecord{graphqlURL: base + "/graphql"}
		tab, cancelTab := startChromium(b, ctx, chromium, rec)
		took, ls := openLarge(b, tab, base)
		fs := panAndZoom(b, tab, 3*time.Second)
		cancelTab()
		cancel()
		load += float64(took.Milliseconds())
		answers += ls.Ms
		drawing += ls.DrawMs
		layout += ls.LayoutMs
		mean += fs.MeanMs
		p95 += fs.P95Ms
		worst = max(worst, fs.MaxMs)
		slow += float64(fs.Over33) / float64(max(fs.Frames, 1))
	}
	n := float64(b.N)
	b.ReportMetric(load/n, "load-ms")
	b.ReportMetric(answers/n, "answers-ms")
	b.ReportMetric(drawing/n, "draw-ms")
	b.ReportMetric(layout/n, "layout-ms")
	b.ReportMetric(mean/n, "frame-mean-ms")
	b.ReportMetric(p95/n, "frame-p95-ms")
	b.ReportMetric(worst, "frame-max-ms")
	b.ReportMetric(100*slow/n, "%frames>33ms")
	b.ReportMetric(0, "ns/op") // a whole page load per op says nothing
}
