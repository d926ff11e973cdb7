package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/internal/store"
)

// TestPlainQuotedAsGqlgen: a string is quoted as gqlgen's MarshalString
// quotes it, for random strings of letters, control characters, quotes,
// backslashes and any byte (invalid UTF-8 included), at every place of
// the eight-byte steps of appendQuoted.
func TestPlainQuotedAsGqlgen(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 50000 {
		n := r.IntN(40)
		s := make([]byte, n)
		for i := range s {
			switch r.IntN(6) {
			case 0:
				s[i] = byte(r.IntN(256))
			case 1:
				s[i] = byte(r.IntN(0x21))
			case 2:
				s[i] = "\"\\"[r.IntN(2)]
			default:
				s[i] = byte('a' + r.IntN(26))
			}
		}
		var want bytes.Buffer
		graphql.MarshalString(string(s)).MarshalGQL(&want)
		if got := appendQuoted(nil, string(s)); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q: %s want %s", s, got, want.Bytes())
		}
	}
}

// BenchmarkPlainWriter writes a made-up 2-hop answer, 200 actors and 800
// relations held close together in memory, as plain_walk.go writes the
// store's: the writer alone, without the walk or the server's scattered
// heap.
//
//	go test ./graph -run '^$' -bench PlainWriter
func BenchmarkPlainWriter(b *testing.B) {
	g := &store.Subgraph{}
	for i := range 200 {
		g.Actors = append(g.Actors, &store.Actor{ID: fmt.Sprintf("startup-%06d", i), Name: fmt.Sprintf("Some Startup Name %d GmbH", i), Kind: store.KindStartup})
	}
	for i := range 800 {
		g.Relations = append(g.Relations, &store.Relation{ID: fmt.Sprintf("rel-%08d", i), Type: store.PartnersWith, From: g.Actors[i%200].ID, To: g.Actors[i*7%200].ID})
	}
	doc, err := gqlparser.LoadQuery(publicSchema(), `{ neighborhood(id: "x", depth: 2, limit: 200) {
		truncated actors { id name kind } relations { id type from { id } to { id } } } }`)
	if err != nil {
		b.Fatal(err)
	}
	fields, ok := plainSelection(doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet, "Subgraph")
	if !ok {
		b.Fatal("the selection is not plain")
	}
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		plainAnswer{fields: fields, value: g}.MarshalGQL(&out)
	}
	b.ReportMetric(float64(out.Len()), "bytes/op")
}
