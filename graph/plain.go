package graph

import (
	"context"
	"io"
	"math"
	"strconv"
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
	w := plainWriter{b: make([]byte, 0, 4096)}
	switch v := res.(type) {
	case *model.Subgraph:
		w.subgraph(fields, v)
	case *model.Path:
		w.path(fields, v)
	case *model.Overview:
		w.overview(fields, v)
	}
	if w.failed {
		return res, err
	}
	return plainAnswer(w.b), nil
}

// plainAnswer is an answer written already.
type plainAnswer []byte

// MarshalGQL writes the answer.
func (a plainAnswer) MarshalGQL(w io.Writer) { _, _ = w.Write(a) }

// plainWriter writes a plain answer into b. failed is set when a value is
// one that gqlgen would not write as it is (a missing actor, a score that
// is not a number): the answer is then gqlgen's to write.
type plainWriter struct {
	b      []byte
	failed bool
}

// object writes an object's fields, each by write.
func (w *plainWriter) object(fields []plainField, write func(f *plainField)) {
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

// actor writes an actor; its type name is that of its kind's GraphQL
// type, as gqlgen picks it for the interface.
func (w *plainWriter) actor(fields []plainField, a model.Actor) {
	var (
		f   *model.ActorFields
		typ string
	)
	switch x := a.(type) {
	case *model.Country:
		if x != nil {
			f, typ = &x.ActorFields, "Country"
		}
	case *model.University:
		if x != nil {
			f, typ = &x.ActorFields, "University"
		}
	case *model.Startup:
		if x != nil {
			f, typ = &x.ActorFields, "Startup"
		}
	case *model.Organization:
		if x != nil {
			f, typ = &x.ActorFields, "Organization"
		}
	case *model.GovernmentBody:
		if x != nil {
			f, typ = &x.ActorFields, "GovernmentBody"
		}
	case *model.Event:
		if x != nil {
			f, typ = &x.ActorFields, "Event"
		}
	case *model.Program:
		if x != nil {
			f, typ = &x.ActorFields, "Program"
		}
	}
	if f == nil {
		w.failed = true
		return
	}
	w.object(fields, func(p *plainField) {
		switch p.op {
		case opTypename:
			w.b = appendQuoted(w.b, typ)
		case opID:
			w.b = appendQuoted(w.b, f.ID)
		case opName:
			w.b = appendQuoted(w.b, f.Name)
		case opKind:
			w.b = strconv.AppendQuote(w.b, f.Kind.String())
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
				w.b = strconv.AppendQuote(w.b, r.Type.String())
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
				if end == nil {
					// Not mapped with the relation: the resolver
					// looks it up, so gqlgen writes this answer.
					w.failed = true
					return
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
			w.b = strconv.AppendQuote(w.b, a.Kind.String())
		case opName:
			w.b = appendQuoted(w.b, a.Name)
		case opScore:
			if math.IsInf(a.Score, 0) || math.IsNaN(a.Score) {
				// gqlgen answers these with an error.
				w.failed = true
				return
			}
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
			w.b = strconv.AppendQuote(w.b, r.Type.String())
		case opFromID:
			w.b = appendQuoted(w.b, r.From)
		case opToID:
			w.b = appendQuoted(w.b, r.To)
		}
	})
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
