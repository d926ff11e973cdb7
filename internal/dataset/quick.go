package dataset

import (
	"bytes"
	"encoding/json"
	"reflect"
	"unicode/utf8"
)

// plain says whether the body of a string is its text as it is: no
// escapes, no control characters (which JSON does not allow), all UTF-8.
func plain(body []byte) bool {
	ascii := true
	for _, c := range body {
		switch {
		case c < 0x20 || c == '\\':
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.Valid(body)
}

// quick reads a record that is as it should be, as most are, several
// times faster than walk and json.Unmarshal together: one pass over the
// bytes, filling the wire struct as it goes, strings cut from one copy of
// the record. It gives up on anything out of the ordinary (an unknown or
// repeated field, a value of the wrong type, an escape in a key), and the
// caller then reads the record the slow way, which says what is wrong.
// Whatever quick reads is well-formed JSON: it checks every byte.
type quick struct {
	raw  []byte
	text string // raw as a string, which the record's strings are cut from
	i    int
	refs [numRefs]int // offsets of the id, from, to and country; 0 when absent
	cite []int        // offsets of the citations' sources
	// citing is set while a citation of the record itself is read.
	citing bool
}

// read fills w, a pointer to a wire struct, from q.raw.
func (q *quick) read(w reflect.Value) bool {
	q.text = string(q.raw)
	q.skip()
	return q.object(w.Elem(), shapes[w.Elem().Type()], 0) && q.i == len(q.raw)
}

// skip passes blanks.
func (q *quick) skip() {
	for q.i < len(q.raw) {
		switch q.raw[q.i] {
		case ' ', '\t', '\n', '\r':
			q.i++
		default:
			return
		}
	}
}

// expect passes c, and blanks after it.
func (q *quick) expect(c byte) bool {
	if q.i >= len(q.raw) || q.raw[q.i] != c {
		return false
	}
	q.i++
	q.skip()
	return true
}

// object reads {...} into v; depth 0 is the record itself.
func (q *quick) object(v reflect.Value, s *shape, depth int) bool {
	if !q.expect('{') {
		return false
	}
	var seen uint64
	for first := true; !q.expect('}'); first = false {
		if !first && !q.expect(',') {
			return false
		}
		key, ok := q.key()
		if !ok || !q.expect(':') {
			return false
		}
		k := -1
		for j := range s.fields {
			if s.fields[j].key == key {
				k = j
				break
			}
		}
		if k < 0 || seen&(1<<k) != 0 {
			return false
		}
		seen |= 1 << k
		f := &s.fields[k]
		switch {
		case depth == 0:
			for r, name := range refFields {
				if name == key {
					q.refs[r] = q.i
				}
			}
		case q.citing && key == "source":
			q.cite = append(q.cite, q.i)
		}
		if !q.value(v.Field(f.index), f, depth) {
			return false
		}
	}
	for j, f := range s.fields {
		if f.required && seen&(1<<j) == 0 {
			return false
		}
	}
	return true
}

// key reads an object's key, without escapes.
func (q *quick) key() (string, bool) {
	if q.i >= len(q.raw) || q.raw[q.i] != '"' {
		return "", false
	}
	end := bytes.IndexByte(q.raw[q.i+1:], '"')
	if end < 0 {
		return "", false
	}
	key := q.text[q.i+1 : q.i+1+end]
	if bytes.IndexByte(q.raw[q.i+1:q.i+1+end], '\\') >= 0 {
		return "", false
	}
	q.i += end + 2
	q.skip()
	return key, true
}

func (q *quick) value(v reflect.Value, f *shapeField, depth int) bool {
	switch f.typ.Kind() {
	case reflect.String:
		s, ok := q.string()
		v.SetString(s)
		return ok
	case reflect.Pointer: // *bool
		var b bool
		switch {
		case bytes.HasPrefix(q.raw[q.i:], []byte("true")):
			b = true
			q.i += 4
		case bytes.HasPrefix(q.raw[q.i:], []byte("false")):
			q.i += 5
		default:
			return false
		}
		v.Set(reflect.ValueOf(&b))
		q.skip()
		return true
	case reflect.Slice:
		if !q.expect('[') {
			return false
		}
		elem := f.typ.Elem()
		for first := true; !q.expect(']'); first = false {
			if !first && !q.expect(',') {
				return false
			}
			e := reflect.New(elem).Elem()
			if elem.Kind() == reflect.String {
				s, ok := q.string()
				if !ok {
					return false
				}
				e.SetString(s)
			} else {
				q.citing = depth == 0 && f.key == "citations"
				ok := q.object(e, shapes[elem], depth+1)
				q.citing = false
				if !ok {
					return false
				}
			}
			v.Set(reflect.Append(v, e))
		}
		return true
	}
	return false
}

// string reads a string. One with an escape or with bytes that are not
// UTF-8 goes to encoding/json, to be read exactly as json.Unmarshal would.
func (q *quick) string() (string, bool) {
	if q.i >= len(q.raw) || q.raw[q.i] != '"' {
		return "", false
	}
	start := q.i
	end := bytes.IndexByte(q.raw[start+1:], '"')
	if end < 0 {
		return "", false
	}
	body := q.raw[start+1 : start+1+end]
	if plain(body) {
		q.i = start + end + 2
		q.skip()
		return q.text[start+1 : start+1+end], true
	}
	// Find the end of the string past its escapes, and let encoding/json read it.
	i := start + 1
	for i < len(q.raw) && q.raw[i] != '"' {
		if q.raw[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(q.raw) {
		return "", false
	}
	if _, err := badText(q.raw[start : i+1]); err != nil {
		return "", false // the slow way says what is wrong, and where
	}
	var s string
	if json.Unmarshal(q.raw[start:i+1], &s) != nil {
		return "", false
	}
	q.i = i + 1
	q.skip()
	return s, true
}
