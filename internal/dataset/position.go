package dataset

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// position is a place in a file: line and column (in characters) from 1.
type position struct{ line, col int }

// tracker reads the file for the JSON decoder and keeps the bytes from the
// start of the record being decoded on, so that byte offsets can be turned
// into lines and columns without holding the whole file in memory.
type tracker struct {
	r    io.Reader
	buf  []byte   // the file from base on
	base int64    // offset of buf[0]
	at   position // position of base
}

func newTracker(r io.Reader) *tracker {
	return &tracker{r: r, at: position{1, 1}}
}

func (t *tracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// forget drops the bytes before off: no position before it is asked for again.
func (t *tracker) forget(off int64) {
	k := t.index(off)
	t.at = t.advance(t.buf[:k])
	t.buf = t.buf[k:]
	t.base += int64(k)
}

// position turns an offset into a line and column.
func (t *tracker) position(off int64) position {
	return t.advance(t.buf[:t.index(off)])
}

// end is the offset just past the last byte read.
func (t *tracker) end() int64 { return t.base + int64(len(t.buf)) }

// from is the file from off on, as far as it has been read.
func (t *tracker) from(off int64) []byte { return t.buf[t.index(off):] }

// skip returns the offset of the first byte at or after off that is not a
// blank, comma or colon: where the next token starts.
func (t *tracker) skip(off int64) int64 {
	i := t.index(off)
	for i < len(t.buf) && strings.IndexByte(" \t\r\n,:", t.buf[i]) >= 0 {
		i++
	}
	return t.base + int64(i)
}

func (t *tracker) index(off int64) int {
	return int(min(max(off-t.base, 0), int64(len(t.buf))))
}

func (t *tracker) advance(b []byte) position {
	p := t.at
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		p.line += bytes.Count(b, []byte{'\n'})
		p.col = 1
		b = b[i+1:]
	}
	p.col += utf8.RuneCount(b)
	return p
}
