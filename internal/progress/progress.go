// Package progress reports how far a long command has got: a bar on a
// terminal (github.com/schollz/progressbar), and plain lines, one every
// few seconds, when the output is a file or a pipe, as in CI logs.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Meter counts the work done in one stage of a command.
type Meter interface {
	// Add counts n more items done.
	Add(n int)
	// Done ends the stage, saying how many items it did.
	Done()
}

// Reporter starts a Meter for each stage of a command.
type Reporter interface {
	// Stage starts a stage of total items (-1 when not known yet).
	Stage(what string, total int64) Meter
}

// For returns the Reporter that suits w: a bar when w is a terminal,
// plain lines otherwise, nothing when w is nil.
func For(w io.Writer) Reporter {
	if w == nil {
		return Quiet{}
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return bars{w}
	}
	return Lines{W: w, Every: 5 * time.Second}
}

// Quiet reports nothing.
type Quiet struct{}

func (Quiet) Stage(string, int64) Meter { return quiet{} }

type quiet struct{}

func (quiet) Add(int) {}
func (quiet) Done()   {}

type bars struct{ w io.Writer }

func (b bars) Stage(what string, total int64) Meter {
	return &bar{progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(b.w) }),
		progressbar.OptionFullWidth(),
	)}
}

type bar struct{ *progressbar.ProgressBar }

func (b *bar) Add(n int) { _ = b.ProgressBar.Add(n) }
func (b *bar) Done()     { _ = b.Finish() }

// Lines reports with a plain line at most once per Every, and one when a
// stage ends: "validating: 250000 records" or
// "writing: 250000/1200000 records (20%)".
type Lines struct {
	W     io.Writer
	Every time.Duration
}

func (l Lines) Stage(what string, total int64) Meter {
	return &line{w: l.W, every: l.Every, what: what, total: total, last: time.Now()}
}

type line struct {
	mu          sync.Mutex
	w           io.Writer
	every       time.Duration
	what        string
	total, done int64
	last        time.Time
}

func (l *line) Add(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done += int64(n)
	if now := time.Now(); now.Sub(l.last) >= l.every {
		l.last = now
		l.print()
	}
}

func (l *line) Done() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.print()
}

func (l *line) print() {
	if l.total > 0 {
		fmt.Fprintf(l.w, "%s: %d/%d records (%d%%)\n", l.what, l.done, l.total, l.done*100/l.total)
		return
	}
	fmt.Fprintf(l.w, "%s: %d records\n", l.what, l.done)
}
