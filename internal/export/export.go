// Package export writes the network in the formats other graph tools read:
// GraphML (NetworkX, igraph, yEd, Cytoscape) and GEXF 1.3 (Gephi,
// NetworkX). Actors are nodes and relations directed edges, each under
// its ecograph id; sources, which are not nodes, go where each format can
// hold them. docs/export.md describes both layouts.
//
// Both writers stream: a store.Dumper hands them the network a record at
// a time and they write it out as it comes, holding only the sources'
// titles, so that every citation can name its source. The same network
// always gives the same bytes.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/ecograph/ecograph/internal/store"
)

// ErrNotXML is what GraphML and GEXF fail with when a text holds a
// character that XML 1.0 cannot carry, even escaped: a control character
// other than tab, newline and carriage return, or U+FFFE and U+FFFF. The
// error names the record and the field.
var ErrNotXML = errors.New("a character XML 1.0 cannot hold")

// attr is an attribute both formats declare up front: its name, and its
// type in GraphML (string or boolean; lists are JSON text).
type attr struct {
	name string
	typ  string
}

// The attributes of nodes (actors) and edges (relations), in the order
// they are declared and written.
var (
	actorAttrs = []attr{
		{"kind", "string"}, {"name", "string"}, {"names", "string"}, {"aliases", "string"},
		{"description", "string"}, {"country", "string"}, {"isoCode", "string"}, {"founded", "string"},
		{"category", "string"}, {"startDate", "string"}, {"endDate", "string"}, {"online", "boolean"},
		{"citations", "string"},
	}
	relationAttrs = []attr{{"type", "string"}, {"since", "string"}, {"until", "string"}, {"note", "string"}, {"citations", "string"}}
)

// The indexes of the list attributes, which GEXF types apart.
const (
	actorAliases = 3
)

// value is one attribute's value of a record: its index in actorAttrs or
// relationAttrs and its text.
type value struct {
	attr int
	text string
}

// The JSON shapes of lists: a name, a citation and a source, with the
// field names of the ecograph/v1 dataset format (docs/format.md).
type (
	jsonName struct {
		Value string `json:"value"`
		Lang  string `json:"lang"`
	}
	jsonCitation struct {
		Source  string `json:"source"`
		Title   string `json:"title,omitempty"`
		Excerpt string `json:"excerpt,omitempty"`
	}
	jsonSource struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Published string `json:"published,omitempty"`
		Lang      string `json:"lang,omitempty"`
		URL       string `json:"url,omitempty"`
	}
)

// records turns records into attribute values, as both formats write
// them. It keeps the sources' titles for the citations that follow them.
type records struct {
	titles map[string]string
	buf    bytes.Buffer
	enc    *json.Encoder
	vals   []value
}

func newRecords() *records {
	r := &records{titles: map[string]string{}}
	r.enc = json.NewEncoder(&r.buf)
	r.enc.SetEscapeHTML(false) // XML escaping comes after; keep < as <
	return r
}

// json encodes v as compact JSON, without the encoder's newline.
func (r *records) json(v any) string {
	r.buf.Reset()
	if err := r.enc.Encode(v); err != nil {
		// Only strings and structs of strings reach here.
		panic(err)
	}
	return string(bytes.TrimSuffix(r.buf.Bytes(), []byte("\n")))
}

func (r *records) source(s *store.Source) string {
	r.titles[s.ID] = s.Title
	return r.json(jsonSource{ID: s.ID, Title: s.Title, Published: s.Published.String(), Lang: s.Lang, URL: s.URL})
}

func (r *records) citations(cs []store.Citation) string {
	if len(cs) == 0 {
		return ""
	}
	list := make([]jsonCitation, len(cs))
	for i, c := range cs {
		list[i] = jsonCitation{Source: c.SourceID, Title: r.titles[c.SourceID], Excerpt: c.Excerpt}
	}
	return r.json(list)
}

func (r *records) put(attr int, text string) {
	if text != "" {
		r.vals = append(r.vals, value{attr, text})
	}
}

// actor is a's attribute values, empty ones left out; the slice is
// reused by the next call.
func (r *records) actor(a *store.Actor) []value {
	r.vals = r.vals[:0]
	r.put(0, string(a.Kind))
	r.put(1, a.Name)
	if len(a.Names) > 0 {
		names := make([]jsonName, len(a.Names))
		for i, n := range a.Names {
			names[i] = jsonName(n)
		}
		r.put(2, r.json(names))
	}
	if len(a.Aliases) > 0 {
		r.put(actorAliases, r.json(a.Aliases))
	}
	r.put(4, a.Description)
	r.put(5, a.CountryID)
	r.put(6, a.IsoCode)
	r.put(7, a.Founded.String())
	r.put(8, a.Category)
	r.put(9, a.StartDate.String())
	r.put(10, a.EndDate.String())
	if a.Online != nil {
		r.put(11, strconv.FormatBool(*a.Online))
	}
	r.put(12, r.citations(a.Citations))
	return r.vals
}

// relation is rel's attribute values, empty ones left out.
func (r *records) relation(rel *store.Relation) []value {
	r.vals = r.vals[:0]
	r.put(0, string(rel.Type))
	r.put(1, rel.Since.String())
	r.put(2, rel.Until.String())
	r.put(3, rel.Note)
	r.put(4, r.citations(rel.Citations))
	return r.vals
}

// xmlWriter writes XML through a buffer and keeps the first error, so
// that the writers check once, at the end of each record.
type xmlWriter struct {
	w      *bufio.Writer
	err    error
	record string // which record is being written, for errors
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// raw writes markup as it is.
func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// attr writes s escaped for an attribute value in double quotes: & < >
// and " as entities, and tab, newline and carriage return as character
// references, which attribute-value normalisation keeps. A character XML
// 1.0 cannot hold fails with ErrNotXML.
func (x *xmlWriter) attr(field, s string) { x.escape(field, s, true) }

// chars writes s escaped for element content: & < > as entities and the
// carriage return as a character reference (a parser would turn a raw
// one into a newline); tabs and newlines stay as they are.
func (x *xmlWriter) chars(field, s string) { x.escape(field, s, false) }

func (x *xmlWriter) escape(field, s string, inAttr bool) {
	if x.err != nil {
		return
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		size := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;"
		case c == '"' && inAttr:
			esc = "&quot;"
		case c == '\t' && inAttr:
			esc = "&#x9;"
		case c == '\n' && inAttr:
			esc = "&#xA;"
		case c == '\t' || c == '\n':
		case c < 0x20:
			x.err = x.refuse(field, rune(c), i)
			return
		case c >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
				x.err = x.refuse(field, r, i)
				return
			}
		}
		if esc != "" {
			x.raw(s[last:i])
			x.raw(esc)
			last = i + 1
		}
		i += size
	}
	x.raw(s[last:])
}

func (x *xmlWriter) refuse(field string, r rune, at int) error {
	return fmt.Errorf("export: %s: %s: %U at byte %d: %w", x.record, field, r, at, ErrNotXML)
}

// check returns the first error, or the context's once it ends.
func (x *xmlWriter) check(ctx context.Context) error {
	if x.err != nil {
		return x.err
	}
	return ctx.Err()
}

// done flushes the buffer and returns the first error.
func (x *xmlWriter) done() error {
	if x.err == nil {
		x.err = x.w.Flush()
	}
	return x.err
}

// layout is what a format writes: the markup that opens each phase of
// the document, and each record given its attribute values. The sources
// come as one JSON list, which sources writes inside the markup that
// opens the phase of sources.
type layout struct {
	enter    [store.PartEnd + 1]string
	sources  func(x *xmlWriter, field, list string)
	actor    func(x *xmlWriter, a *store.Actor, vals []value)
	relation func(x *xmlWriter, r *store.Relation, vals []value)
}

// stream writes the network d dumps in layout l.
func stream(ctx context.Context, w io.Writer, d store.Dumper, l layout) error {
	x := newXMLWriter(w)
	r := newRecords()
	p := &store.Parts{Enter: func(phase store.Part) { x.raw(l.enter[phase]) }}
	err := d.Dump(ctx, store.Visitor{
		Source: func(s *store.Source) error {
			p.To(store.PartSources)
			x.record = `source "` + s.ID + `"`
			if len(r.titles) > 0 {
				x.raw(",")
			}
			l.sources(x, "sources", r.source(s))
			return x.check(ctx)
		},
		Actor: func(a *store.Actor) error {
			p.To(store.PartActors)
			x.record = `actor "` + a.ID + `"`
			l.actor(x, a, r.actor(a))
			return x.check(ctx)
		},
		Relation: func(rel *store.Relation) error {
			p.To(store.PartRelations)
			x.record = `relation "` + rel.ID + `"`
			l.relation(x, rel, r.relation(rel))
			return x.check(ctx)
		},
	})
	if err != nil {
		return err
	}
	p.To(store.PartEnd)
	return x.done()
}

// day writes a day as an ISO date, as GEXF's timeformat="date" reads it.
func day(d store.Day) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}
