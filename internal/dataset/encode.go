package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Encode writes d in the canonical form of the format: the sections in the
// order sources, actors, relations, each sorted by id; two-space indent;
// fields in a fixed order and left out when empty; non-ASCII text as it
// is; a newline at the end. Decoding a canonical file and encoding the
// result gives the file back byte for byte. Encode writes a record at a
// time and does not validate d: Check and the store do that.
func Encode(w io.Writer, d store.Dataset) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"format\": \"" + Format + "\",\n")
	sources := sortedByID(d.Sources, func(s *store.Source) string { return s.ID })
	actors := sortedByID(d.Actors, func(a *store.Actor) string { return a.ID })
	relations := sortedByID(d.Relations, func(r *store.Relation) string { return r.ID })
	err := writeSection(bw, "sources", sources, sourceToWire, ",")
	if err == nil {
		err = writeSection(bw, "actors", actors, actorToWire, ",")
	}
	if err == nil {
		err = writeSection(bw, "relations", relations, relationToWire, "")
	}
	if err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// sortedByID returns the records ordered by id, leaving the caller's slice as it is.
func sortedByID[T any](records []T, id func(*T) string) []T {
	sorted := slices.Clone(records)
	slices.SortStableFunc(sorted, func(a, b T) int { return strings.Compare(id(&a), id(&b)) })
	return sorted
}

func writeSection[T, W any](bw *bufio.Writer, key string, records []T, toWire func(*T) W, after string) error {
	bw.WriteString("  \"" + key + "\": [")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	for i := range records {
		buf.Reset()
		if err := enc.Encode(toWire(&records[i])); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	if len(records) > 0 {
		bw.WriteString("\n  ")
	}
	_, err := bw.WriteString("]" + after + "\n")
	return err
}
