package graph

import (
	"bytes"
	"io"
	"strconv"
	"sync"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
)

// Writing plain answers (plain.go says which): each object's selected
// fields in order, as gqlgen writes them, into a pooled buffer that is
// passed on to gqlgen's in one write.

// plainAnswer is an answer written here: the fields selected and
// the resolver's value.
type plainAnswer struct {
	fields []plainField
	value  any
	ends   []*store.Actor // a walk's relation ends (plain_walk.go)
	// splices, when set, takes the answer's bytes in place of gqlgen's
	// buffer (httpapi.Splices).
	splices *httpapi.Splices
}

// scratch holds the buffers that plain answers are written through.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// plainFlush is how much a plainWriter holds before it passes it on. An
// answer up to this size (the overview's largest, 10,000 actors and
// 50,000 relations, is about 5 MB) is passed on in one write, so that
// gqlgen's buffer grows once, to its size, where pieces would have it
// grow and copy itself again at each doubling.
const plainFlush = 16 << 20

// MarshalGQL writes the answer to w, through a pooled buffer; or, when
// the transport splices answers in (httpapi.Splices) and w is gqlgen's
// buffer of the data, into a buffer of the transport's, noting where in
// w it goes, and nothing to w.
func (a plainAnswer) MarshalGQL(out io.Writer) {
	if data, ok := out.(*bytes.Buffer); ok && a.splices != nil {
		buf := a.splices.Buffer()
		w := plainWriter{b: *buf}
		a.write(&w)
		*buf = w.b
		a.splices.Add(data.Len(), buf)
		return
	}
	buf := scratch.Get().(*[]byte)
	w := plainWriter{b: (*buf)[:0], out: out}
	a.write(&w)
	w.flush()
	*buf = w.b[:0]
	scratch.Put(buf)
}

// write writes the answer through w.
func (a plainAnswer) write(w *plainWriter) {
	switch v := a.value.(type) {
	case *model.Overview:
		w.overview(a.fields, v)
	case *model.ActorConnection:
		w.actorConnection(a.fields, v)
	case model.Actor:
		w.actor(a.fields, v)
	case *store.Subgraph:
		w.storeSubgraph(a.fields, v, a.ends)
	case *store.Path:
		w.storePath(a.fields, v, a.ends)
	}
}

// plainWriter writes a plain answer: into b, passed on to out (when set)
// every plainFlush bytes.
type plainWriter struct {
	b   []byte
	out io.Writer
}

// flush passes on what b holds.
func (w *plainWriter) flush() {
	if w.out != nil {
		_, _ = w.out.Write(w.b)
		w.b = w.b[:0]
	}
}

// object writes an object's fields, each by write.
func (w *plainWriter) object(fields []plainField, write func(f *plainField)) {
	if len(w.b) >= plainFlush {
		w.flush()
	}
	w.b = append(w.b, '{')
	for i := range fields {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, fields[i].key...)
		write(&fields[i])
	}
	w.b = append(w.b, '}')
}

// writeList writes items as a JSON array, each by write.
func writeList[T any](w *plainWriter, items []T, write func(*T)) {
	w.b = append(w.b, '[')
	for i := range items {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		write(&items[i])
	}
	w.b = append(w.b, ']')
}

// actor writes an actor (plainOK has seen that it is one): the store's
// actor behind it, and the relation pages read for it.
func (w *plainWriter) actor(fields []plainField, a model.Actor) {
	st := a.Stored()
	w.object(fields, func(p *plainField) {
		if p.op == opActorRelations {
			w.relationConnection(p.sub, p.pages[st.ID])
			return
		}
		w.actorField(p, st)
	})
}

// appendInt appends n as gqlgen writes an Int.
func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// actorConnection writes a page of actors (plainOK has seen that its
// page info is there and answers hasPreviousPage without the store).
func (w *plainWriter) actorConnection(fields []plainField, c *model.ActorConnection) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "ActorConnection")
		case opTotalCount:
			w.b = appendInt(w.b, c.TotalCount)
		case opPageInfo:
			w.pageInfo(f.sub, c.PageInfo)
		case opEdges:
			writeList(w, c.Edges, func(e *model.ActorEdge) {
				w.object(f.sub, func(f *plainField) {
					switch f.op {
					case opTypename:
						w.b = appendQuoted(w.b, "ActorEdge")
					case opCursor:
						w.b = appendQuoted(w.b, e.Cursor)
					case opNode:
						w.actor(f.sub, e.Node)
					}
				})
			})
		}
	})
}

func (w *plainWriter) pageInfo(fields []plainField, p *model.PageInfo) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "PageInfo")
		case opHasNext:
			w.b = strconv.AppendBool(w.b, p.HasNextPage)
		case opHasPrevious:
			w.b = strconv.AppendBool(w.b, false) // Previous is nil: nothing lies before
		case opStartCursor:
			w.b = appendCursor(w.b, p.StartCursor)
		case opEndCursor:
			w.b = appendCursor(w.b, p.EndCursor)
		}
	})
}

// appendCursor appends a cursor that may be null.
func appendCursor(b []byte, c *string) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	return appendQuoted(b, *c)
}

func (w *plainWriter) overview(fields []plainField, o *model.Overview) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Overview")
		case opTruncated:
			w.b = strconv.AppendBool(w.b, o.Truncated)
		case opActors:
			writeList(w, o.Actors, func(a *model.OverviewActor) { w.overviewActor(f.sub, a) })
		case opRelations:
			writeList(w, o.Relations, func(r *model.OverviewRelation) { w.overviewRelation(f.sub, r) })
		}
	})
}

func (w *plainWriter) overviewActor(fields []plainField, a *model.OverviewActor) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "OverviewActor")
		case opID:
			w.b = appendQuoted(w.b, a.ID)
		case opKind:
			w.b = appendEnum(w.b, a.Kind.String())
		case opName:
			w.b = appendQuoted(w.b, a.Name)
		case opScore:
			// fmt's %g, as gqlgen writes a Float.
			w.b = strconv.AppendFloat(w.b, a.Score, 'g', -1, 64)
		case opCommunity:
			w.b = appendQuoted(w.b, a.Community)
		}
	})
}

func (w *plainWriter) overviewRelation(fields []plainField, r *model.OverviewRelation) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "OverviewRelation")
		case opID:
			w.b = appendQuoted(w.b, r.ID)
		case opType:
			w.b = appendEnum(w.b, r.Type.String())
		case opFromID:
			w.b = appendQuoted(w.b, r.From)
		case opToID:
			w.b = appendQuoted(w.b, r.To)
		}
	})
}

// fieldsOf returns the fields of an actor of any kind, as model.NewActor
// makes one (a pointer to the kind's type), or nil.
func fieldsOf(a model.Actor) *model.ActorFields {
	if f, ok := a.(interface{ Fields() *model.ActorFields }); ok {
		return f.Fields()
	}
	return nil
}

// appendEnum appends an enum's value as gqlgen writes one
// (strconv.Quote): for printable ASCII, as its values are, that is
// appendQuoted, which is quicker.
func appendEnum(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return strconv.AppendQuote(b, s)
		}
	}
	return appendQuoted(b, s)
}

const hexDigits = "0123456789ABCDEF"

// escapedIn reports whether any of the eight bytes of x is one that
// appendQuoted escapes: below 0x20 (a byte at or above 0x80 is not), a
// quote or a backslash.
func escapedIn(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (x - ones*0x20) &^ x & highs
	zeroIn := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	return below|zeroIn(x^ones*'"')|zeroIn(x^ones*'\\') != 0
}

// quoteEscaped marks the bytes appendQuoted escapes: the control
// characters, the quote and the backslash.
var quoteEscaped = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// appendQuoted appends s as a JSON string as gqlgen's MarshalString
// writes one: control characters, quotes and backslashes escaped, every
// other byte as it is.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	// Eight bytes at a time while none of them is escaped: most strings
	// (ids, names) have no byte to escape.
	i := 0
	for i+8 <= len(s) && !escapedIn(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
		uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
		i += 8
	}
	start := 0
	for i < len(s) {
		c := s[i]
		if !quoteEscaped[c] {
			// gqlgen reads runes; none at or above RuneSelf is escaped,
			// an invalid byte included.
			i++
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
