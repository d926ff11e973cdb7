package dataset

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/ecograph/ecograph/internal/store"
)

// Encode writes d in the canonical form of the format: the sections in the
// order sources, actors, relations, each sorted by id; two-space indent;
// fields in a fixed order and left out when empty; non-ASCII text as it
// is; a newline at the end. Decoding a canonical file and encoding the
// result gives the file back byte for byte. Encode is an Encoder fed by
// d.Dump; it does not validate d (Check and the store do that), but an id
// used by two records of one kind is refused.
func Encode(w io.Writer, d store.Dataset) error {
	e := NewEncoder(w)
	if err := d.Dump(context.Background(), e.Visitor()); err != nil {
		return err
	}
	return e.Close()
}

// Encoder writes a dataset in the canonical JSON form as its records come,
// holding none of them: sources, then actors, then relations, each kind in
// id order, as a store.Dumper gives them. A record out of that order is
// refused with an error, and so is everything after it.
type Encoder struct {
	w     *bufio.Writer
	order order
	n     int // records in the section being written
	buf   bytes.Buffer
	enc   *json.Encoder
}

// NewEncoder returns an Encoder that writes to w. Nothing is complete
// until Close.
func NewEncoder(w io.Writer) *Encoder {
	e := &Encoder{w: bufio.NewWriterSize(w, 64<<10)}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.enc.SetIndent("    ", "  ")
	return e
}

// Visitor is what a store.Dumper writes through.
func (e *Encoder) Visitor() store.Visitor {
	return store.Visitor{
		Source: func(s *store.Source) error {
			return encodeRecord(e, kindSource, s.ID, func() any { return sourceToWire(s) })
		},
		Actor: func(a *store.Actor) error {
			return encodeRecord(e, kindActor, a.ID, func() any { return actorToWire(a) })
		},
		Relation: func(r *store.Relation) error {
			return encodeRecord(e, kindRelation, r.ID, func() any { return relationToWire(r) })
		},
	}
}

// Close writes the end of the file, with the sections no record came for
// written empty, and flushes it. It does not close the writer.
func (e *Encoder) Close() error {
	if e.order.err != nil {
		return e.order.err
	}
	for e.order.kind < kindRelation {
		e.open(e.order.kind + 1)
	}
	e.end()
	e.w.WriteString("\n}\n")
	if err := e.w.Flush(); err != nil {
		return e.order.fail(err)
	}
	e.order.fail(errClosed)
	return nil
}

func encodeRecord(e *Encoder, k recordKind, id string, wire func() any) error {
	if err := e.order.check(k, id); err != nil {
		return err
	}
	for e.order.kind < k {
		e.open(e.order.kind + 1)
	}
	e.order.see(id)
	e.buf.Reset()
	if err := e.enc.Encode(wire()); err != nil {
		return e.order.fail(err)
	}
	if e.n > 0 {
		e.w.WriteByte(',')
	}
	e.n++
	e.w.WriteString("\n    ")
	_, err := e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	return err
}

// open ends the section being written, if any, and starts that of kind k.
func (e *Encoder) open(k recordKind) {
	if e.order.kind == noKind {
		e.w.WriteString("{\n  \"format\": \"" + Format + "\",\n")
	} else {
		e.end()
		e.w.WriteString(",\n")
	}
	e.order.start(k)
	e.n = 0
	e.w.WriteString("  \"" + k.section() + "\": [")
}

// end ends the section being written.
func (e *Encoder) end() {
	if e.n > 0 {
		e.w.WriteString("\n  ")
	}
	e.w.WriteByte(']')
}
