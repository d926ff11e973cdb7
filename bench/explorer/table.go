package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// libResult is every run of one library.
type libResult struct {
	lib  string
	runs []runResult
}

// median of what get gives for each run: each figure's own median, so one
// slow run moves no column.
func (l libResult) median(get func(runResult) float64) float64 {
	xs := make([]float64, 0, len(l.runs))
	for _, r := range l.runs {
		xs = append(xs, get(r))
	}
	sort.Float64s(xs)
	n := len(xs)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func (l libResult) frameCells(get func(runResult) frames) []string {
	m := func(f func(frames) float64) float64 { return l.median(func(r runResult) float64 { return f(get(r)) }) }
	return []string{
		fmt.Sprintf("%.1f / %.1f / %.0f", m(func(f frames) float64 { return f.MeanMS }), m(func(f frames) float64 { return f.P95MS }), m(func(f frames) float64 { return f.MaxMS })),
		fmt.Sprintf("%.0f / %.0f of %.0f (%.0f)", m(func(f frames) float64 { return float64(f.Over16) }), m(func(f frames) float64 { return float64(f.Over33) }), m(func(f frames) float64 { return float64(f.Frames) }), m(func(f frames) float64 { return float64(f.Renders) })),
	}
}

// printTable writes the medians as a Markdown table, ready for
// docs/benchmarks.md, and the WebGL renderer each library was given.
func printTable(w io.Writer, results []libResult) {
	head := []string{"library", "load ms (draw)",
		"scripted pan+zoom: frame ms mean / p95 / max", "frames >16.7 / >33 ms of all (drawn)",
		"drag+wheel: frame ms mean / p95 / max", "frames >16.7 / >33 ms of all (drawn)",
		"highlight: frame ms mean / p95 / max", "frames >16.7 / >33 ms of all (drawn)",
		"PNG ms, KB", "SVG ms, KB"}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
	fmt.Fprintln(w, "|"+strings.Repeat(" --- |", len(head)))
	for _, l := range results {
		cells := []string{l.lib}
		cells = append(cells, fmt.Sprintf("%.0f (%.0f)", l.median(func(r runResult) float64 { return r.Load.LoadMS }), l.median(func(r runResult) float64 { return r.Load.DrawMS })))
		cells = append(cells, l.frameCells(func(r runResult) frames { return r.PanZoom })...)
		cells = append(cells, l.frameCells(func(r runResult) frames { return r.Gesture })...)
		cells = append(cells, l.frameCells(func(r runResult) frames { return r.Hover })...)
		cells = append(cells, fmt.Sprintf("%.0f, %.0f", l.median(func(r runResult) float64 { return r.PNG.MS }), l.median(func(r runResult) float64 { return r.PNG.Bytes })/1024))
		if len(l.runs) > 0 && l.runs[0].SVG.Exists {
			cells = append(cells, fmt.Sprintf("%.0f, %.0f", l.median(func(r runResult) float64 { return r.SVG.MS }), l.median(func(r runResult) float64 { return r.SVG.Bytes })/1024))
		} else {
			cells = append(cells, "none")
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
	fmt.Fprintln(w)
	for _, l := range results {
		if len(l.runs) > 0 {
			r := l.runs[0].Load
			fmt.Fprintf(w, "%s: %d actors, %d relations drawn; WebGL in use: %v; the page's WebGL2: %s\n", l.lib, r.Actors, r.Relations, r.UsesWebGL, r.WebGL)
		}
	}
}

// printLayouts writes the layout timings as a Markdown table: per library
// and layout, the median time, the runs it was timed in, and the longest
// frame of the page meanwhile (how long the page froze).
func printLayouts(w io.Writer, results []libResult) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| library | layout | median s | runs | longest frame meanwhile ms | in a worker |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | --- |")
	for _, l := range results {
		var names []string
		byName := map[string][]layoutResult{}
		for _, r := range l.runs {
			for _, lr := range r.Layouts {
				if _, ok := byName[lr.Name]; !ok {
					names = append(names, lr.Name)
				}
				byName[lr.Name] = append(byName[lr.Name], lr)
			}
		}
		for _, name := range names {
			rs := byName[name]
			med := func(get func(layoutResult) float64) float64 {
				xs := make([]float64, 0, len(rs))
				for _, r := range rs {
					xs = append(xs, get(r))
				}
				sort.Float64s(xs)
				if len(xs)%2 == 1 {
					return xs[len(xs)/2]
				}
				return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
			}
			secs := fmt.Sprintf("%.1f", med(func(r layoutResult) float64 { return r.MS })/1000)
			longest := fmt.Sprintf("%.0f", med(func(r layoutResult) float64 { return r.Frames.MaxMS }))
			for _, r := range rs {
				if r.TimedOut {
					secs, longest = "> "+secs, "(frozen)"
					break
				}
				if r.Settled != nil && !*r.Settled {
					secs += " (not settled)"
					break
				}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %d | %s | %v |\n", l.lib, name, secs, len(rs), longest, rs[0].Worker)
		}
	}
}
