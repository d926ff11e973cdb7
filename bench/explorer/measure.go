package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// frames are a run's requestAnimationFrame statistics (web/bench/frames.js).
type frames struct {
	Frames int     `json:"frames"`
	MeanMS float64 `json:"meanMs"`
	P95MS  float64 `json:"p95Ms"`
	MaxMS  float64 `json:"maxMs"`
	Over16 int     `json:"over16"`
	Over33 int     `json:"over33"`
	FPS    float64 `json:"fps"`
	// Renders is how many times the library drew during the run.
	Renders int `json:"renders"`
}

// runResult is one run of one library, as the page reports it.
type runResult struct {
	Load struct {
		Library   string  `json:"library"`
		WebGL     string  `json:"webgl"`
		UsesWebGL bool    `json:"usesWebgl"`
		Actors    int     `json:"actors"`
		Relations int     `json:"relations"`
		GenMS     float64 `json:"genMs"`
		LoadMS    float64 `json:"loadMs"`
		DrawMS    float64 `json:"drawMs"`
	} `json:"load"`
	PanZoom frames `json:"panzoom"`
	Gesture frames `json:"gesture"`
	Hover   frames `json:"hover"`
	PNG     struct {
		MS    float64 `json:"ms"`
		Bytes float64 `json:"bytes"`
	} `json:"png"`
	SVG struct {
		Exists bool    `json:"exists"`
		MS     float64 `json:"ms"`
		Bytes  float64 `json:"bytes"`
	} `json:"svg"`
	// Layouts are the force layouts timed in this run (layoutSteps).
	Layouts []layoutResult `json:"layouts"`
}

// layoutResult is one force layout from random positions.
type layoutResult struct {
	Name     string  `json:"name"`
	MS       float64 `json:"ms"`
	Worker   bool    `json:"worker"`
	Settled  *bool   `json:"settled"`
	TimedOut bool    `json:"timedOut"`
	Frames   frames  `json:"frames"`
}

// layoutSteps are the layouts timed for lib in run i (from 0). The layout
// does not depend on the renderer, so it is timed once per library, on
// the plain page: fcose's draft (spectral only) each run, its default
// quality in the first run only, last, because when it outlasts the
// timeout the page stays frozen; ForceAtlas2 each run.
func layoutSteps(lib string, i int) []layoutResult {
	switch lib {
	case "cytoscape-canvas":
		out := []layoutResult{{Name: "draft"}}
		if i == 0 {
			out = append(out, layoutResult{Name: "default"})
		}
		return out
	case "sigma":
		return []layoutResult{{Name: "forceatlas2"}}
	}
	return nil
}

func (r runResult) json() string {
	b, _ := json.Marshal(r)
	return string(b)
}

// measure starts a fresh headless Chromium for one run (nothing cached,
// no GPU memory left from the last library), opens the bench page and
// runs each step in turn, the layout last since it moves the actors.
//
// With shots, it keeps screenshots named shots+"-loaded.png" and
// shots+"-layout.png".
func measure(ctx context.Context, c config, lib string, run int, chromium, url, shots string) (runResult, error) {
	var r runResult
	dataDir, err := os.MkdirTemp("", "web-bench-chromium-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dataDir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(1280, 800),
	)
	for _, f := range c.chromeFlags {
		name, value, ok := strings.Cut(f, "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	logs := &pageLog{}
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(logs.listen))
	defer cancelTab()

	// The first action on the tab's own context starts the browser: on a
	// step's context, the step's end would stop it.
	if err := chromedp.Do(tab); err != nil {
		return r, fmt.Errorf("start Chromium: %w", err)
	}
	navCtx, cancelNav := context.WithTimeout(tab, time.Minute)
	err = chromedp.Do(navCtx, chromedp.Navigate(url))
	cancelNav()
	if err != nil {
		return r, fmt.Errorf("open the page: %w", err)
	}
	if err := waitBench(tab, 2*time.Minute); err != nil {
		return r, fmt.Errorf("%w; the page logged: %s", err, logs.String())
	}
	type benchStep struct {
		name    string
		expr    string
		into    any
		timeout time.Duration
	}
	steps := []benchStep{
		{"load", "window.bench.load()", &r.Load, time.Minute},
		{"pan and zoom", fmt.Sprintf("window.bench.panzoom(%d)", c.panMS), &r.PanZoom, time.Minute + time.Duration(c.panMS)*time.Millisecond},
		{"gesture", "", &r.Gesture, time.Minute + time.Duration(c.panMS)*time.Millisecond},
		{"hover", fmt.Sprintf("window.bench.hover(%d)", c.hoverMS), &r.Hover, time.Minute + time.Duration(c.hoverMS)*time.Millisecond},
		{"png", "window.bench.png()", &r.PNG, 2 * time.Minute},
		{"svg", "window.bench.svg()", &r.SVG, 2 * time.Minute},
	}
	for _, s := range steps {
		if s.name == "gesture" {
			if err := gesture(tab, s.timeout, time.Duration(c.panMS)*time.Millisecond, &r.Gesture); err != nil {
				return r, fmt.Errorf("%s: %w; the page logged: %s", s.name, err, logs.String())
			}
			continue
		}
		if err := evaluate(tab, s.timeout, s.expr, s.into); err != nil {
			return r, fmt.Errorf("%s: %w; the page logged: %s", s.name, err, logs.String())
		}
		if s.name == "load" {
			if err := screenshot(tab, shots, "loaded"); err != nil {
				return r, err
			}
		}
	}
	if !c.layout {
		return r, nil
	}
	for _, l := range layoutSteps(lib, run) {
		name := l.Name
		expr := fmt.Sprintf("window.bench.layout(%q, %d)", name, c.layoutTimeout.Milliseconds())
		err := evaluate(tab, c.layoutTimeout, expr, &l)
		l.Name = name
		if errors.Is(err, context.DeadlineExceeded) {
			// fcose runs on the page's thread: the page stays frozen, so
			// this is the run's last step.
			l.TimedOut, l.MS = true, float64(c.layoutTimeout.Milliseconds())
			r.Layouts = append(r.Layouts, l)
			return r, nil
		}
		if err != nil {
			return r, fmt.Errorf("layout %s: %w; the page logged: %s", name, err, logs.String())
		}
		r.Layouts = append(r.Layouts, l)
		if err := screenshot(tab, shots, "layout-"+name); err != nil {
			return r, err
		}
	}
	return r, nil
}

// screenshot keeps the tab's picture in shots+"-"+what+".png", when shots
// is not empty.
func screenshot(tab context.Context, shots, what string) error {
	if shots == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", what, err)
	}
	if err := os.MkdirAll(filepath.Dir(shots), 0o755); err != nil {
		return err
	}
	return os.WriteFile(shots+"-"+what+".png", png, 0o644)
}

// evaluate runs expr in the page, awaits the promise it gives, and
// decodes the answer into into, within timeout.
func evaluate(tab context.Context, timeout time.Duration, expr string, into any) error {
	ctx, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return fmt.Errorf("the page answered %.200s: %w", raw, err)
	}
	return nil
}

// waitBench waits until the page has drawn the network and published
// window.bench, or reported why it could not.
func waitBench(tab context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		var state struct {
			Ready bool   `json:"ready"`
			Error string `json:"error"`
		}
		err := evaluate(tab, 30*time.Second, `({ready: !!window.bench, error: window.benchError || ""})`, &state)
		if err != nil {
			return fmt.Errorf("wait for the page: %w", err)
		}
		if state.Error != "" {
			return fmt.Errorf("the page failed: %s", state.Error)
		}
		if state.Ready {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the page drew nothing within %s", timeout)
}

// pageLog keeps the page's exceptions and console messages, to say why a
// run failed.
type pageLog struct {
	mu    sync.Mutex
	lines []string
}

// listen runs in the tab's event loop: it must return fast.
func (l *pageLog) listen(ev any) {
	var line string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		line = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			line += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		parts := []string{string(ev.Type) + ":"}
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		line = strings.Join(parts, " ")
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) < 20 {
		l.lines = append(l.lines, line)
	}
}

func (l *pageLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) == 0 {
		return "nothing"
	}
	return strings.Join(l.lines, "; ")
}
