package httpapi

import (
	"context"
	"fmt"
	"sync"
)

// Splices are parts of an answer's data written apart from the rest and
// put in place as the response is written (issue 14, fifth pass). gqlgen
// marshals a query's data into a buffer of its own, which grows for every
// answer (to 44 KB for a 2-hop neighbourhood) and is then copied again
// into the response: a part that graph writes itself (a plain answer,
// graph/plainwrite.go) goes instead into a pooled buffer, and gqlgen's
// buffer holds nothing where it belongs. The transport gives each request
// it executes a Splices in its context; other transports do not, and
// their answers are written whole as before.
type Splices struct {
	mu    sync.Mutex
	at    []int     // where each part goes in the data, in order
	parts []*[]byte // the parts, from responseBuffers
}

type splicesKey struct{}

// SplicesOf returns the Splices of the request ctx belongs to, or nil
// when its answer is not written by this package's transport.
func SplicesOf(ctx context.Context) *Splices {
	s, _ := ctx.Value(splicesKey{}).(*Splices)
	return s
}

// Buffer returns an empty buffer to write a part into, to be handed to
// Add.
func (s *Splices) Buffer() *[]byte {
	b := responseBuffers.Get().(*[]byte)
	*b = (*b)[:0]
	return b
}

// Add notes that part goes at offset at of the data, where nothing was
// written for it. The data's buffer is written in order, so the offsets
// come in order; appendSpliced checks that they do.
func (s *Splices) Add(at int, part *[]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at = append(s.at, at)
	s.parts = append(s.parts, part)
}

// release gives the parts' buffers back to the pool.
func (s *Splices) release() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.parts {
		if cap(*p) <= maxPooledResponse {
			*p = (*p)[:0]
			responseBuffers.Put(p)
		}
	}
	s.at, s.parts = nil, nil
}

// appendSpliced appends data with its parts in place, escaped as
// appendData escapes, or says no (as appendData does) when any of it has
// spaces outside strings.
func (s *Splices) appendSpliced(dst, data []byte) ([]byte, bool, error) {
	if s == nil || len(s.at) == 0 {
		out, ok := appendData(dst, data)
		return out, ok, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := 0
	ok := true
	for i, at := range s.at {
		if at < prev || at > len(data) {
			return dst, false, fmt.Errorf("a part at %d of %d bytes of data, after one at %d", at, len(data), prev)
		}
		if dst, ok = appendData(dst, data[prev:at]); !ok {
			return dst, false, nil
		}
		if dst, ok = appendData(dst, *s.parts[i]); !ok {
			return dst, false, nil
		}
		prev = at
	}
	dst, ok = appendData(dst, data[prev:])
	return dst, ok, nil
}

// joined is data with its parts in place, unescaped: what json.Marshal is
// given when appendSpliced says no.
func (s *Splices) joined(data []byte) []byte {
	if s == nil || len(s.at) == 0 {
		return data
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(data)
	for _, p := range s.parts {
		n += len(*p)
	}
	out := make([]byte, 0, n)
	prev := 0
	for i, at := range s.at {
		out = append(out, data[prev:at]...)
		out = append(out, *s.parts[i]...)
		prev = at
	}
	return append(out, data[prev:]...)
}
