package graph

import (
	"context"
	"io"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/graph/model"
)

// Plain answers (issue 14). gqlgen resolves and writes an answer one field
// at a time: for each field a field context, a context value, closures and
// the value boxed twice, and for each object a field set and its
// collected fields, and a goroutine per list element and per resolver
// field. That is about 40 allocations per relation of a 2-hop
// neighbourhood, 38,000 a request, and most of its time (the collector
// included, over the store's large heap). The walks and the overview
// answer with large lists of objects whose fields are values the resolver
// has already read, so when a request selects only such fields, with no
// aliases repeated, no fragments and no directives, the answer is written
// here in one pass, byte for byte as gqlgen would have written it
// (TestPlainAnswersAsGqlgen holds the two side by side). Any other
// selection, and any value that gqlgen would turn into an error or a
// null, is left to gqlgen.

// plainOp says how a field of a plain answer is written.
type plainOp uint8

const (
	opTypename  plainOp = iota // the object's type name
	opID                       // id
	opName                     // name
	opKind                     // kind
	opTruncated                // truncated
	opLength                   // length
	opActors                   // actors: a list of objects
	opRelations                // relations: a list of objects
	opType                     // a relation's type
	opFromID                   // fromId, or an overview relation's from
	opToID                     // toId, or an overview relation's to
	opFrom                     // a relation's from: an actor
	opTo                       // a relation's to: an actor
	opScore                    // an overview actor's score
	opCommunity                // an overview actor's community
)

// plainField is one selected field: its key as written (`"key":`), how it
// is written, and the fields selected under it.
type plainField struct {
	key []byte
	op  plainOp
	sub []plainField
}

// plainTypes are the fields each type of a plain answer may select, and
// for an object field the type of what it selects under it.
var plainTypes = map[string]map[string]struct {
	op   plainOp
	elem string
}{
	"Subgraph": {
		"__typename": {op: opTypename},
		"truncated":  {op: opTruncated},
		"actors":     {op: opActors, elem: "Actor"},
		"relations":  {op: opRelations, elem: "Relation"},
	},
	"Path": {
		"__typename": {op: opTypename},
		"length":     {op: opLength},
		"actors":     {op: opActors, elem: "Actor"},
		"relations":  {op: opRelations, elem: "Relation"},
	},
	"Actor": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"name":       {op: opName},
		"kind":       {op: opKind},
	},
	"Relation": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"type":       {op: opType},
		"fromId":     {op: opFromID},
		"toId":       {op: opToID},
		"from":       {op: opFrom, elem: "Actor"},
		"to":         {op: opTo, elem: "Actor"},
	},
	"Overview": {
		"__typename": {op: opTypename},
		"truncated":  {op: opTruncated},
		"actors":     {op: opActors, elem: "OverviewActor"},
		"relations":  {op: opRelations, elem: "OverviewRelation"},
	},
	"OverviewActor": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"kind":       {op: opKind},
		"name":       {op: opName},
		"score":      {op: opScore},
		"community":  {op: opCommunity},
	},
	"OverviewRelation": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"type":       {op: opType},
		"from":       {op: opFromID},
		"to":         {op: opToID},
	},
}

// plainSelection compiles a selection set on typ, or says no when it
// holds anything but plain fields of typ, each under its own key.
func plainSelection(set ast.SelectionSet, typ string) ([]plainField, bool) {
	fields := plainTypes[typ]
	out := make([]plainField, 0, len(set))
	keys := make(map[string]bool, len(set))
	for _, sel := range set {
		f, ok := sel.(*ast.Field)
		if !ok || len(f.Directives) > 0 || len(f.Arguments) > 0 {
			return nil, false
		}
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		def, ok := fields[f.Name]
		if !ok || keys[key] || (def.elem == "") != (len(f.SelectionSet) == 0) {
			return nil, false
		}
		keys[key] = true
		p := plainField{key: append(appendQuoted(nil, key), ':'), op: def.op}
		if def.elem != "" {
			if p.sub, ok = plainSelection(f.SelectionSet, def.elem); !ok {
				return nil, false
			}
		}
		out = append(out, p)
	}
	return out, true
}

// plainFields is the field middleware that writes plain answers: a root
// query field whose value is a walk's or the overview's answer, with a
// plain selection, is answered with the bytes written here.
func plainFields(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Object != "Query" {
		return next(ctx)
	}
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	var typ string
	switch v := res.(type) {
	case *model.Subgraph:
		if v == nil {
			return res, err
		}
		typ = "Subgraph"
	case *model.Path:
		if v == nil {
			return res, err
		}
		typ = "Path"
	case *model.Overview:
		if v == nil {
			return res, err
		}
		typ = "Overview"
	default:
		return res, err
	}
	fields, ok := plainSelection(fc.Field.Selections, typ)
	if !ok {
		return res, err
	}
	if !plainOK(fields, res) {
		return res, err
	}
	return plainAnswer{fields: fields, value: res}, nil
}

// plainOK says whether every value that fields select is one that gqlgen
// writes as it is: no missing actor or relation end (which gqlgen would
// look up, or answer null for), no score that is not a number (an error).
func plainOK(fields []plainField, v any) bool {
	for _, f := range fields {
		switch v := v.(type) {
		case *model.Subgraph:
			if !plainListOK(f, v.Actors, v.Relations) {
				return false
			}
		case *model.Path:
			if !plainListOK(f, v.Actors, v.Relations) {
				return false
			}
		case *model.Overview:
			if f.op != opActors || !selects(f.sub, opScore) {
				continue
			}
			for _, a := range v.Actors {
				if math.IsInf(a.Score, 0) || math.IsNaN(a.Score) {
					return false
				}
			}
		}
	}
	return true
}

// plainListOK checks the actors or relations that f selects.
func plainListOK(f plainField, actors []model.Actor, relations []model.Relation) bool {
	switch {
	case f.op == opActors:
		for _, a := range actors {
			if fieldsOf(a) == nil {
				return false
			}
		}
	case f.op == opRelations && (selects(f.sub, opFrom) || selects(f.sub, opTo)):
		for i := range relations {
			if from, to := relations[i].Ends(); fieldsOf(from) == nil || fieldsOf(to) == nil {
				return false
			}
		}
	}
	return true
}

func selects(fields []plainField, op plainOp) bool {
	for _, f := range fields {
		if f.op == op {
			return true
		}
	}
	return false
}

// plainAnswer is an answer that plain.go writes: the fields selected and
// the resolver's value.
type plainAnswer struct {
	fields []plainField
	value  any
}

// scratch holds the buffers that plain answers are written through.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// plainFlush is how much a plainWriter holds before it passes it on. An
// answer up to this size (the overview's largest, 10,000 actors and
// 50,000 relations, is about 5 MB) is passed on in one write, so that
// gqlgen's buffer grows once, to its size, where pieces would have it
// grow and copy itself again at each doubling.
const plainFlush = 16 << 20

// MarshalGQL writes the answer to w, through a pooled buffer.
func (a plainAnswer) MarshalGQL(out io.Writer) {
	buf := scratch.Get().(*[]byte)
	w := plainWriter{b: (*buf)[:0], out: out}
	switch v := a.value.(type) {
	case *model.Subgraph:
		w.subgraph(a.fields, v)
	case *model.Path:
		w.path(a.fields, v)
	case *model.Overview:
		w.overview(a.fields, v)
	}
	w.flush()
	*buf = w.b[:0]
	scratch.Put(buf)
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

func (w *plainWriter) subgraph(fields []plainField, g *model.Subgraph) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Subgraph")
		case opTruncated:
			w.b = strconv.AppendBool(w.b, g.Truncated)
		case opActors:
			w.actors(f.sub, g.Actors)
		case opRelations:
			w.relations(f.sub, g.Relations)
		}
	})
}

func (w *plainWriter) path(fields []plainField, p *model.Path) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Path")
		case opLength:
			w.b = strconv.AppendInt(w.b, int64(p.Length), 10)
		case opActors:
			w.actors(f.sub, p.Actors)
		case opRelations:
			w.relations(f.sub, p.Relations)
		}
	})
}

func (w *plainWriter) actors(fields []plainField, as []model.Actor) {
	w.b = append(w.b, '[')
	for i, a := range as {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.actor(fields, a)
	}
	w.b = append(w.b, ']')
}

// actor writes an actor (plainOK has seen that it is one).
func (w *plainWriter) actor(fields []plainField, a model.Actor) {
	f, typ := fieldsOf(a), typeOf(a)
	w.object(fields, func(p *plainField) {
		switch p.op {
		case opTypename:
			w.b = appendQuoted(w.b, typ)
		case opID:
			w.b = appendQuoted(w.b, f.ID)
		case opName:
			w.b = appendQuoted(w.b, f.Name)
		case opKind:
			w.b = appendEnum(w.b, f.Kind.String())
		}
	})
}

func (w *plainWriter) relations(fields []plainField, rs []model.Relation) {
	w.b = append(w.b, '[')
	for i := range rs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		r := &rs[i]
		w.object(fields, func(f *plainField) {
			switch f.op {
			case opTypename:
				w.b = appendQuoted(w.b, "Relation")
			case opID:
				w.b = appendQuoted(w.b, r.ID)
			case opType:
				w.b = appendEnum(w.b, r.Type.String())
			case opFromID:
				w.b = appendQuoted(w.b, r.FromID)
			case opToID:
				w.b = appendQuoted(w.b, r.ToID)
			case opFrom, opTo:
				from, to := r.Ends()
				end := from
				if f.op == opTo {
					end = to
				}
				w.actor(f.sub, end)
			}
		})
	}
	w.b = append(w.b, ']')
}

func (w *plainWriter) overview(fields []plainField, o *model.Overview) {
	w.object(fields, func(f *plainField) {
		switch f.op {
		case opTypename:
			w.b = appendQuoted(w.b, "Overview")
		case opTruncated:
			w.b = strconv.AppendBool(w.b, o.Truncated)
		case opActors:
			w.b = append(w.b, '[')
			for i := range o.Actors {
				if i > 0 {
					w.b = append(w.b, ',')
				}
				w.overviewActor(f.sub, &o.Actors[i])
			}
			w.b = append(w.b, ']')
		case opRelations:
			w.b = append(w.b, '[')
			for i := range o.Relations {
				if i > 0 {
					w.b = append(w.b, ',')
				}
				w.overviewRelation(f.sub, &o.Relations[i])
			}
			w.b = append(w.b, ']')
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

// fieldsOf returns the fields of an actor of any kind, or nil.
func fieldsOf(a model.Actor) *model.ActorFields {
	switch x := a.(type) {
	case *model.Country:
		if x != nil {
			return &x.ActorFields
		}
	case *model.University:
		if x != nil {
			return &x.ActorFields
		}
	case *model.Startup:
		if x != nil {
			return &x.ActorFields
		}
	case *model.Organization:
		if x != nil {
			return &x.ActorFields
		}
	case *model.GovernmentBody:
		if x != nil {
			return &x.ActorFields
		}
	case *model.Event:
		if x != nil {
			return &x.ActorFields
		}
	case *model.Program:
		if x != nil {
			return &x.ActorFields
		}
	}
	return nil
}

// typeOf is the name of an actor's GraphQL type, as gqlgen picks it for
// the interface.
func typeOf(a model.Actor) string {
	switch a.(type) {
	case *model.Country:
		return "Country"
	case *model.University:
		return "University"
	case *model.Startup:
		return "Startup"
	case *model.Organization:
		return "Organization"
	case *model.GovernmentBody:
		return "GovernmentBody"
	case *model.Event:
		return "Event"
	}
	return "Program"
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

// appendQuoted appends s as a JSON string as gqlgen's MarshalString
// writes one: control characters, quotes and backslashes escaped, every
// other byte as it is.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// gqlgen reads runes; none at or above RuneSelf is escaped,
			// an invalid byte included.
			i++
			continue
		}
		if c >= 0x20 && c != '\\' && c != '"' {
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
