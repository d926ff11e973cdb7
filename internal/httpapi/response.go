package httpapi

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// marshalResponse writes v as json.Marshal does, byte for byte. An
// answer's data is JSON already (gqlgen's, written without spaces), and
// json.Marshal would pass it through its scanner to compact and check
// it: for a large answer (a 2-hop neighbourhood's 1,000 objects, the
// overview's 60,000) a third of the request's time (issue 14). Here data
// is only escaped for HTML as json.Marshal escapes it, in one pass that
// also looks for spaces outside strings; data that has any goes through
// json.Marshal as before.
func marshalResponse(v any) ([]byte, error) { return appendResponse(nil, v, nil) }

// appendResponse appends v to dst as marshalResponse writes it, with the
// parts of its data that sp holds in place (splice.go); the writer of a
// response passes a pooled buffer (writeResponse).
func appendResponse(dst []byte, v any, sp *Splices) ([]byte, error) {
	r, ok := v.(*graphql.Response)
	if !ok || r == nil || len(r.Data) == 0 {
		return json.Marshal(v)
	}
	// The rest of the answer as json.Marshal writes it: with neither
	// errors nor data it begins {"data":null, errors being the first
	// field and data the second.
	rest := *r
	whole := func() ([]byte, error) {
		all := *r
		all.Data = sp.joined(r.Data)
		return json.Marshal(&all)
	}
	rest.Errors, rest.Data = nil, nil
	tail, err := json.Marshal(&rest)
	if err != nil {
		return nil, err
	}
	const head = `{"data":null`
	out := slices.Grow(dst[:0], len(r.Data)+len(tail)+64)
	out = append(out, '{')
	if len(r.Errors) > 0 {
		errs, err := json.Marshal(r.Errors)
		if err != nil {
			return nil, err
		}
		out = append(out, `"errors":`...)
		out = append(out, errs...)
		out = append(out, ',')
	}
	out = append(out, `"data":`...)
	out, ok, err = sp.appendSpliced(out, r.Data)
	if err != nil {
		return nil, err
	}
	if !ok {
		return whole()
	}
	return append(out, tail[len(head):]...), nil
}

// appendData appends src with <, > and & and the line and paragraph
// separators escaped, as json.Marshal escapes the JSON of a
// json.Marshaler, or says no when src has spaces outside its strings
// (which json.Marshal would take out).
func appendData(dst, src []byte) ([]byte, bool) {
	const hex = "0123456789abcdef"
	in, escaped := false, false
	start := 0
	for i := 0; i < len(src); i++ {
		if !dataSpecial[src[i]] {
			// Neither a quote, a backslash, a space nor any byte
			// escaped: the most of any answer, passed over a run at a
			// time.
			for i+1 < len(src) && !dataSpecial[src[i+1]] {
				i++
			}
			escaped = false
			continue
		}
		c := src[i]
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = in
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\n' || c == '\t' || c == '\r'):
			return dst, false
		}
		if c == '<' || c == '>' || c == '&' {
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			start = i + 1
		}
		if c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2]&^1 == 0xA8 {
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[src[i+2]&0xF])
			start = i + 3
		}
	}
	return append(dst, src[start:]...), true
}

// dataSpecial marks the bytes appendData looks at: the quote and the
// backslash (where strings begin and end), the spaces, what it escapes,
// and the first byte of the line and paragraph separators.
var dataSpecial = [256]bool{'"': true, '\\': true, ' ': true, '\n': true, '\t': true, '\r': true, '<': true, '>': true, '&': true, 0xE2: true}

// responseBuffers hold the bytes of responses being written: a 2-hop
// neighbourhood's answer is 44 KB, which every request allocated afresh
// for the collector to reclaim (issue 14).
var responseBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledResponse is the largest buffer kept for the next response;
// the rare larger answer (an overview's megabytes) is not held on to.
const maxPooledResponse = 1 << 20
