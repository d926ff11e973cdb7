package dataset

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// position is a place in a file: line and column (in characters) from 1.
type position struct{ line, col int }

// tracker reads a JSON file and keeps its bytes from the start of the
// record being read on, so that offsets can be turned into lines and
// columns without holding the whole file in memory. Offsets count from the
// start of the file.
type tracker struct {
	r    io.Reader
	buf  []byte   // buf[head:] is the file from base on, as far as it is read
	head int      // where the bytes still wanted start in buf
	base int64    // offset of buf[head]
	at   position // position of base
	err  error    // from r, once it has failed or ended
}

// chunk is how much the tracker reads at a time.
const chunk = 64 << 10

func newTracker(r io.Reader) *tracker {
	return &tracker{r: r, at: position{1, 1}}
}

// fill reads more of the file; it returns io.EOF at the end.
func (t *tracker) fill() error {
	if t.err != nil {
		return t.err
	}
	if len(t.buf)+chunk > cap(t.buf) {
		live := len(t.buf) - t.head
		if t.head > 0 && live+chunk <= cap(t.buf) {
			copy(t.buf, t.buf[t.head:])
			t.buf = t.buf[:live]
		} else {
			b := make([]byte, live, 2*live+chunk)
			copy(b, t.buf[t.head:])
			t.buf = b
		}
		t.head = 0
	}
	n, err := t.r.Read(t.buf[len(t.buf):cap(t.buf)])
	t.buf = t.buf[:len(t.buf)+n]
	if err != nil {
		t.err = err
	}
	if n > 0 {
		return nil
	}
	return t.err
}

// byteAt is the byte at off, read if need be.
func (t *tracker) byteAt(off int64) (byte, error) {
	for off >= t.end() {
		if err := t.fill(); err != nil {
			return 0, err
		}
	}
	return t.buf[t.head+t.index(off)], nil
}

// bytes is the file from off to end, which must have been read; the slice
// is good until the tracker reads more.
func (t *tracker) bytes(off, end int64) []byte {
	return t.buf[t.head+t.index(off) : t.head+t.index(end)]
}

// readerFrom reads the file from off on, which must not have been
// forgotten, reading more of it as needed.
func (t *tracker) readerFrom(off int64) io.Reader { return &trackerReader{t, off} }

type trackerReader struct {
	t   *tracker
	off int64
}

func (r *trackerReader) Read(p []byte) (int, error) {
	if r.off >= r.t.end() {
		if err := r.t.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.t.buf[r.t.head+r.t.index(r.off):])
	r.off += int64(n)
	return n, nil
}

// forget drops the bytes before off: no position before it is asked for again.
func (t *tracker) forget(off int64) {
	k := t.index(off)
	t.at = t.advance(t.buf[t.head : t.head+k])
	t.head += k
	t.base += int64(k)
}

// position turns an offset into a line and column.
func (t *tracker) position(off int64) position {
	return t.advance(t.buf[t.head : t.head+t.index(off)])
}

// end is the offset just past the last byte read.
func (t *tracker) end() int64 { return t.base + int64(len(t.buf)-t.head) }

func (t *tracker) index(off int64) int {
	return int(min(max(off-t.base, 0), int64(len(t.buf)-t.head)))
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
