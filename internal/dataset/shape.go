package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// A shape is what a JSON object in the file must look like: the fields of
// one wire type, read from its json tags.
type shape struct {
	noun   string // "an actor", for messages
	fields []shapeField
}

type shapeField struct {
	key      string
	typ      reflect.Type
	index    int  // of the field in its struct
	required bool // no omitempty
}

func (s *shape) field(key string) (shapeField, bool) {
	for _, f := range s.fields {
		if f.key == key {
			return f, true
		}
	}
	return shapeField{}, false
}

func (s *shape) keys() string {
	keys := make([]string, len(s.fields))
	for i, f := range s.fields {
		keys[i] = f.key
	}
	return strings.Join(keys, ", ")
}

func shapeOf(t reflect.Type, noun string) *shape {
	s := &shape{noun: noun}
	for f := range t.Fields() {
		key, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		s.fields = append(s.fields, shapeField{key: key, typ: f.Type, index: f.Index[0], required: opts != "omitempty"})
	}
	return s
}

// shapes holds the shape of every object a record may contain. It is
// filled once and only read.
var shapes = map[reflect.Type]*shape{
	reflect.TypeFor[wireSource]():   shapeOf(reflect.TypeFor[wireSource](), "a source"),
	reflect.TypeFor[wireActor]():    shapeOf(reflect.TypeFor[wireActor](), "an actor"),
	reflect.TypeFor[wireRelation](): shapeOf(reflect.TypeFor[wireRelation](), "a relation"),
	reflect.TypeFor[wireName]():     shapeOf(reflect.TypeFor[wireName](), "a name"),
	reflect.TypeFor[wireCitation](): shapeOf(reflect.TypeFor[wireCitation](), "a citation"),
}

// walker checks one record's JSON against its wire type before it is
// unmarshalled, and notes where each field's value starts, so that any
// problem found later can be placed in the file. encoding/json would
// report an unknown field or a wrong type without saying where it is.
type walker struct {
	raw []byte
	dec *json.Decoder
	at  map[string]int // path → offset in raw
	id  string         // the record's id, if it is a string, to name it by
}

// walk checks raw, one complete and well-formed JSON value, against t. It
// returns the offset of every path it saw (the record itself is ""), the
// record's id, and the first problem with the offset it is at.
func walk(raw []byte, t reflect.Type) (at map[string]int, id string, fe *fieldError, off int) {
	w := &walker{raw: raw, dec: json.NewDecoder(bytes.NewReader(raw)), at: map[string]int{}}
	w.dec.UseNumber()
	fe, off = w.value(t, "")
	return w.at, w.id, fe, off
}

// next is the offset of the next token: past blanks, commas and colons.
func (w *walker) next() int {
	off := int(w.dec.InputOffset())
	for off < len(w.raw) && strings.IndexByte(" \t\r\n,:", w.raw[off]) >= 0 {
		off++
	}
	return off
}

func (w *walker) value(t reflect.Type, path string) (*fieldError, int) {
	start := w.next()
	w.at[path] = start
	tok, err := w.dec.Token()
	if err != nil {
		// raw was read whole by a json.Decoder, so it is well-formed.
		return &fieldError{path, fmt.Errorf("not valid JSON: %w", err)}, start
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(want string) (*fieldError, int) {
		msg := fmt.Sprintf("want %s, got %s", want, describe(tok))
		if tok == nil {
			msg += ": leave the field out instead"
		}
		return &fieldError{path, fmt.Errorf("%s", msg)}, start
	}
	switch t.Kind() {
	case reflect.String:
		v, ok := tok.(string)
		if !ok {
			return bad("a string")
		}
		if off, err := badText(w.raw[start:w.dec.InputOffset()]); err != nil {
			if path == "id" {
				w.id = v
			}
			return &fieldError{path, err}, start + off
		}
		if path == "id" {
			w.id = v
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return bad("true or false")
		}
	case reflect.Slice:
		if tok != json.Delim('[') {
			return bad("a list")
		}
		for i := 0; w.dec.More(); i++ {
			if fe, off := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); fe != nil {
				return fe, off
			}
		}
		_, _ = w.dec.Token() // ]
	case reflect.Struct:
		s := shapes[t]
		if tok != json.Delim('{') {
			return bad(s.noun + " (an object)")
		}
		return w.object(s, path, start)
	}
	return nil, 0
}

func (w *walker) object(s *shape, path string, start int) (*fieldError, int) {
	seen := map[string]bool{}
	for w.dec.More() {
		off := w.next()
		tok, _ := w.dec.Token()
		key, _ := tok.(string)
		p := join(path, key)
		f, ok := s.field(key)
		if !ok {
			return &fieldError{p, fmt.Errorf("unknown field: %s has %s", s.noun, s.keys())}, off
		}
		if seen[key] {
			return &fieldError{p, fmt.Errorf("appears twice")}, off
		}
		seen[key] = true
		if fe, off := w.value(f.typ, p); fe != nil {
			return fe, off
		}
	}
	_, _ = w.dec.Token() // }
	for _, f := range s.fields {
		if f.required && !seen[f.key] {
			return &fieldError{join(path, f.key), fmt.Errorf("missing: %s needs one", s.noun)}, start
		}
	}
	return nil, 0
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe shows a token in an error: a value as written, or what it starts.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", clip(v))
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	}
	return fmt.Sprint(tok)
}
