package neo4j

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

// A statement of a Cypher script writes at most this many rows, or about
// this many bytes of them: small enough for a default Neo4j's memory and
// cypher-shell, large enough to load quickly.
const (
	scriptRows  = 500
	scriptBytes = 1 << 20
)

// cypherHeader says what the script is and how to load it.
const cypherHeader = `// An ecograph network as a Cypher script, in the layout ecograph's Neo4j
// store uses (see internal/store/neo4j and docs/export.md).
//
// Load it into an EMPTY Neo4j 5 database, then serve it with
// "ecograph serve --store neo4j":
//
//   cypher-shell -a bolt://HOST:7687 -u neo4j -p PASSWORD -f network.cypher
//
// or run it a statement at a time, each in its own transaction (the schema
// statements may not share one with writes): every statement ends with ";"
// at the end of a line, and lines starting with "//" are comments.

`

// WriteCypher writes the network d dumps as a Cypher script that rebuilds
// it in an empty database exactly as the store lays it out: first the
// store's constraints and indexes, then the sources, the actors (a
// statement per kind, with their :Name nodes) and the relations (a
// statement per type), a few hundred rows per UNWIND statement, and last
// the network's version. The rows are the maps the store writes
// (sourceProps, actorRow, relationProps), as Cypher literals.
// It streams: it holds at most a statement's rows per kind and type.
func WriteCypher(ctx context.Context, w io.Writer, d store.Dumper) error {
	c := &script{w: bufio.NewWriterSize(w, 64<<10)}
	c.raw(cypherHeader)
	c.raw("// The constraints and indexes the store's queries use.\n")
	for _, stmt := range schema() {
		c.raw(stmt + ";\n")
	}
	c.raw("CALL db.awaitIndexes(300);\n")

	sources := &batch{tail: "CREATE (s:Source) SET s = row"}
	kinds := map[store.Kind]*batch{}
	for _, k := range store.Kinds {
		kinds[k] = &batch{tail: "CREATE (a:Actor:" + kindLabels[k] + ") SET a = row.props " +
			"WITH a, row, [] AS linked " + linkTerms + "WITH a, row UNWIND row.names AS name CREATE (a)-[:NAMED]->(n:Name) SET n = name"}
	}
	types := map[store.RelationType]*batch{}
	for _, t := range store.RelationTypes {
		types[t] = &batch{tail: "MATCH (f:Actor {id: row.from}) MATCH (t:Actor {id: row.to}) " +
			"CREATE (f)-[r:" + string(t) + "]->(t) SET r = row.props"}
	}
	p := &store.Parts{Enter: func(phase store.Part) {
		switch phase {
		case store.PartSources:
			c.raw("\n// The sources.\n")
		case store.PartActors:
			c.flush(sources)
			c.raw("\n// The actors, a statement per kind, with their names for search.\n")
		case store.PartRelations:
			for _, k := range store.Kinds {
				c.flush(kinds[k])
			}
			c.raw("\n// The relations, a statement per type.\n")
		case store.PartEnd:
			for _, t := range store.RelationTypes {
				c.flush(types[t])
			}
			c.raw("\n// The network's version, which the store's caches follow.\n")
			c.raw(bumpVersion + ";\n")
			c.raw("\n// The folding rules the names' search terms were made with (ecograph reindex makes them again).\n")
			c.raw(strings.Replace(writeFoldVersion, "$version", strconv.Itoa(fold.Version), 1) + ";\n")
		}
	}}
	err := d.Dump(ctx, store.Visitor{
		Source: func(s *store.Source) error {
			p.To(store.PartSources)
			c.add(sources, sourceProps(s))
			return c.check(ctx)
		},
		Actor: func(a *store.Actor) error {
			p.To(store.PartActors)
			row := actorRow(a)
			delete(row, "id") // the props hold it
			c.add(kinds[a.Kind], row)
			return c.check(ctx)
		},
		Relation: func(r *store.Relation) error {
			p.To(store.PartRelations)
			b := types[r.Type]
			if b == nil {
				return fmt.Errorf("cypher: relation %q: unknown type %q", r.ID, r.Type)
			}
			c.add(b, map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
			return c.check(ctx)
		},
	})
	if err != nil {
		return err
	}
	p.To(store.PartEnd)
	if c.err == nil {
		c.err = c.w.Flush()
	}
	return c.err
}

// batch is the rows of one statement being gathered: tail is what follows
// "UNWIND [...] AS row".
type batch struct {
	tail string
	rows bytes.Buffer
	n    int
}

// script writes a Cypher script and keeps the first error.
type script struct {
	w   *bufio.Writer
	err error
}

func (c *script) raw(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

func (c *script) check(ctx context.Context) error {
	if c.err != nil {
		return c.err
	}
	return ctx.Err()
}

// add puts a row in b, and writes b's statement once it is full.
func (c *script) add(b *batch, row map[string]any) {
	if c.err != nil {
		return
	}
	if b.n > 0 {
		b.rows.WriteString(",\n")
	}
	buf := appendLiteral(b.rows.AvailableBuffer(), row, &c.err)
	b.rows.Write(buf)
	b.n++
	if b.n >= scriptRows || b.rows.Len() >= scriptBytes {
		c.flush(b)
	}
}

// flush writes b's statement, if it has rows, and empties it.
func (c *script) flush(b *batch) {
	if b.n == 0 {
		return
	}
	c.raw("UNWIND [\n")
	if c.err == nil {
		_, c.err = b.rows.WriteTo(c.w)
	}
	c.raw("\n] AS row " + b.tail + ";\n")
	b.rows.Reset()
	b.n = 0
}

// appendLiteral appends v as a Cypher literal: strings single-quoted and
// escaped, numbers, booleans, null, lists, and maps with their keys in
// order (so that a network always gives the same script). A value of
// another type sets *err.
func appendLiteral(b []byte, v any, err *error) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			*err = fmt.Errorf("cypher: %v has no literal", v)
			return b
		}
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendString(b, s)
		}
		return append(b, ']')
	case []any:
		b = append(b, '[')
		for i, item := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendLiteral(b, item, err)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendName(b, k)
			b = append(b, ": "...)
			b = appendLiteral(b, v[k], err)
		}
		return append(b, '}')
	}
	*err = fmt.Errorf("cypher: no literal for a value of type %T", v)
	return b
}

// appendString quotes s for Cypher: backslash, quote, and the characters
// that would start a new line or that a reader cannot see are escaped,
// everything else is written as it is (UTF-8).
func appendString(b []byte, s string) []byte {
	b = append(b, '\'')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			b = append(b, `\\`...)
		case c == '\'':
			b = append(b, `\'`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20 || c == 0x7f:
			b = fmt.Appendf(b, `\u%04X`, c)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == 0x85 || r == 0x2028 || r == 0x2029 {
				b = fmt.Appendf(b, `\u%04X`, r) // line breaks to some readers
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '\'')
}

// appendName writes a map key: as it is when it is a plain identifier,
// else in backticks.
func appendName(b []byte, k string) []byte {
	plain := k != ""
	for i, c := range []byte(k) {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			plain = false
		}
	}
	if plain {
		return append(b, k...)
	}
	b = append(b, '`')
	for _, c := range []byte(k) {
		if c == '`' {
			b = append(b, '`')
		}
		b = append(b, c)
	}
	return append(b, '`')
}
