package progress

import (
	"bytes"
	"testing"
	"time"
)

// TestLinesForLogs: a command whose standard error is a file or a pipe
// (CI logs) gets plain lines, at most one per interval and one at the end
// of a stage, with the share done when the total is known.
func TestLinesForLogs(t *testing.T) {
	var buf bytes.Buffer
	r := For(&buf)
	if _, ok := r.(Lines); !ok {
		t.Fatalf("For(a buffer) = %T, want plain lines", r)
	}

	m := Lines{W: &buf, Every: time.Hour}.Stage("writing", 1200)
	m.Add(300)
	m.Add(300)
	m.Done()
	if got, want := buf.String(), "writing: 600/1200 records (50%)\n"; got != want {
		t.Errorf("an hour apart: %q, want only the line at the end, %q", got, want)
	}

	buf.Reset()
	m = Lines{W: &buf, Every: 0}.Stage("checking", -1)
	m.Add(2)
	m.Add(3)
	m.Done()
	if got, want := buf.String(), "checking: 2 records\nchecking: 5 records\nchecking: 5 records\n"; got != want {
		t.Errorf("every add: %q, want %q", got, want)
	}
}

func TestQuietWithoutAWriter(t *testing.T) {
	if r := For(nil); r != (Quiet{}) {
		t.Errorf("For(nil) = %T, want Quiet", r)
	}
	m := For(nil).Stage("x", 10)
	m.Add(5)
	m.Done()
}
