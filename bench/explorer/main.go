// Command explorer measures how the graph view's candidate drawing
// libraries (Cytoscape.js with its canvas renderer, Cytoscape.js with its
// WebGL renderer, Sigma.js 4) draw a generated ecosystem network in
// headless Chromium: load time, layout time, frame times while panning and
// zooming and while highlighting neighbourhoods, and export. It is a
// benchmark, run by hand, not by scripts/test:
//
//	go run ./bench/explorer                  # 5,000 actors, 20,000 relations, 3 runs
//	go run ./bench/explorer -actors 1000 -relations 4000 -runs 1 -layout=false
//
// It builds the bench pages (web/bench/) with scripts/web-bench-build into
// a temporary folder unless -dir names a built one, serves them on
// 127.0.0.1 at a random port, drives one Chromium at a time, and prints a
// table of medians. docs/benchmarks.md keeps the figures it gave.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// config is what the flags choose.
type config struct {
	actors, relations, seed, runs int
	libs                          []string
	dir, chromium                 string
	chromeFlags                   []string
	panMS, hoverMS                int
	layout                        bool
	layoutTimeout                 time.Duration
	verbose                       bool
	shots                         string
	query                         string
}

func main() {
	var c config
	var libs, flags string
	flag.IntVar(&c.actors, "actors", 5000, "actors in the generated network")
	flag.IntVar(&c.relations, "relations", 20000, "relations in the generated network")
	flag.IntVar(&c.seed, "seed", 13, "the generator's seed")
	flag.IntVar(&c.runs, "runs", 3, "runs per library (a fresh tab each); the table gives medians")
	flag.StringVar(&libs, "libs", "cytoscape-canvas,cytoscape-webgl,sigma,cytoscape-canvas-tuned,sigma-tuned", "libraries to measure, comma-separated")
	flag.StringVar(&c.dir, "dir", "", "folder of built bench pages (scripts/web-bench-build DIR); empty: build into a temporary folder")
	flag.StringVar(&c.chromium, "chromium", "", "the Chromium binary; empty: /usr/bin/chromium or chromium on PATH")
	flag.StringVar(&flags, "chrome-flags", "", "extra Chromium flags, comma-separated, such as use-angle=swiftshader,enable-unsafe-swiftshader")
	flag.IntVar(&c.panMS, "pan-ms", 3000, "length of the scripted pan and zoom, in milliseconds")
	flag.IntVar(&c.hoverMS, "hover-ms", 3000, "length of the neighbourhood-highlight run, in milliseconds")
	flag.BoolVar(&c.layout, "layout", true, "also time the force layouts from random positions (fcose on cytoscape-canvas, ForceAtlas2 on sigma)")
	flag.DurationVar(&c.layoutTimeout, "layout-timeout", 2*time.Minute, "how long one layout may take; a longer one is reported as timed out")
	flag.BoolVar(&c.verbose, "v", false, "print every run's figures as JSON")
	flag.StringVar(&c.query, "query", "", "more of the bench page's parameters, such as fade=0 (web/bench/frames.js)")
	flag.StringVar(&c.shots, "shots", "", "folder to keep a screenshot of each library's first run in, after loading and after the layout")
	flag.Parse()
	c.libs = splitList(libs)
	c.chromeFlags = splitList(flags)
	for _, l := range c.libs {
		if _, ok := pages[l]; !ok {
			fail(fmt.Errorf("-libs: unknown library %q; choose among cytoscape-canvas, cytoscape-webgl, sigma and their -tuned variants", l))
		}
	}
	if c.runs < 1 {
		fail(fmt.Errorf("-runs: %d; give 1 or more", c.runs))
	}
	if err := run(context.Background(), c); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "explorer:", err)
	os.Exit(1)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// pages maps a library to the bench page's query for it.
var pages = map[string]string{
	"cytoscape-canvas": "lib=cytoscape",
	"cytoscape-webgl":  "lib=cytoscape&webgl=1",
	"sigma":            "lib=sigma",
	// The libraries' options for big networks (web/bench/frames.js).
	"cytoscape-canvas-tuned": "lib=cytoscape&tuned=1",
	"cytoscape-webgl-tuned":  "lib=cytoscape&webgl=1&tuned=1",
	"sigma-tuned":            "lib=sigma&tuned=1",
}

func run(ctx context.Context, c config) error {
	chromium, err := findChromium(c.chromium)
	if err != nil {
		return err
	}
	dir := c.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "web-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := build(ctx, tmp); err != nil {
			return err
		}
		dir = tmp
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("-dir %s holds no built bench (run scripts/web-bench-build %s): %w", dir, dir, err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/index.html"

	fmt.Printf("graph view bench: %d actors, %d relations, seed %d, %d run(s) per library, %s\n",
		c.actors, c.relations, c.seed, c.runs, chromiumVersion(chromium))
	var results []libResult
	for _, lib := range c.libs {
		lr := libResult{lib: lib}
		for i := 0; i < c.runs; i++ {
			url := fmt.Sprintf("%s?%s&actors=%d&relations=%d&seed=%d", base, pages[lib], c.actors, c.relations, c.seed)
			if c.query != "" {
				url += "&" + c.query
			}
			shots := ""
			if c.shots != "" && i == 0 {
				shots = filepath.Join(c.shots, lib)
			}
			r, err := measure(ctx, c, lib, i, chromium, url, shots)
			if err != nil {
				return fmt.Errorf("%s, run %d: %w", lib, i+1, err)
			}
			if c.verbose {
				fmt.Printf("%s run %d: %s\n", lib, i+1, r.json())
			}
			fmt.Fprintf(os.Stderr, "%s run %d done (load %.0f ms)\n", lib, i+1, r.Load.LoadMS)
			lr.runs = append(lr.runs, r)
		}
		results = append(results, lr)
	}
	printTable(os.Stdout, results)
	if c.layout {
		printLayouts(os.Stdout, results)
	}
	return nil
}

// build runs scripts/web-bench-build into dir, from the repository's root
// (the working directory go run is started in, or one of its parents).
func build(ctx context.Context, dir string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, filepath.Join(root, "scripts", "web-bench-build"), dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scripts/web-bench-build: %w", err)
	}
	return nil
}

func repoRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "scripts", "web-bench-build")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("scripts/web-bench-build not found above the working directory: run from the repository, or give -dir")
		}
		d = parent
	}
}

func findChromium(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("chromium is not installed: run scripts/browser-deps, or give -chromium")
}

func chromiumVersion(path string) string {
	out, err := exec.Command(path, "--version").Output()
	if err != nil {
		return path
	}
	return strings.TrimSpace(string(out))
}
