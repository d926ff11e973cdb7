package httpapi

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// TestSplicedResponse: data whose values were written apart (a plain
// answer's, spliced in at the offsets gqlgen's buffer left for them) is
// written as json.Marshal writes the whole: escaped the same, spaces
// outside strings taken out (through json.Marshal, as for data without
// parts), and parts at offsets out of order or past the data refused.
func TestSplicedResponse(t *testing.T) {
	pieces := []string{"a", "0", `"`, `\`, " ", "\n", "<", ">", "&", "\u2028", "é", "{", "]"}
	r := rand.New(rand.NewPCG(7, 8))
	value := func() []byte {
		var names []any
		for range r.IntN(6) {
			var s strings.Builder
			for range r.IntN(10) {
				s.WriteString(pieces[r.IntN(len(pieces))])
			}
			names = append(names, map[string]any{"id": s.String(), "n": r.IntN(100)})
		}
		b := unescapeHTML(t, names)
		if r.IntN(10) == 0 {
			b = append([]byte(`[1, `), append(b, ']')...) // a space outside strings
		}
		return b
	}
	for range 1000 {
		// gqlgen's buffer: keys with nothing after their colons where
		// parts go, and some values of its own.
		var holes, whole []byte
		sp := new(Splices)
		holes, whole = append(holes, '{'), append(whole, '{')
		for i := range 1 + r.IntN(4) {
			if i > 0 {
				holes, whole = append(holes, ','), append(whole, ',')
			}
			key := []byte(`"k` + string(rune('a'+i)) + `":`)
			holes, whole = append(holes, key...), append(whole, key...)
			v := value()
			whole = append(whole, v...)
			if r.IntN(3) == 0 {
				holes = append(holes, v...) // written by gqlgen
				continue
			}
			part := sp.Buffer()
			*part = append(*part, v...)
			sp.Add(len(holes), part)
		}
		holes, whole = append(holes, '}'), append(whole, '}')
		want, err := json.Marshal(&graphql.Response{Data: whole})
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendResponse(nil, &graphql.Response{Data: holes}, sp)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("data %s with parts at %v: written\n%s (%v)\njson.Marshal writes\n%s", holes, sp.at, got, err, want)
		}
		sp.release()
	}
	for _, at := range [][]int{{5, 3}, {40}} {
		sp := new(Splices)
		for _, a := range at {
			part := sp.Buffer()
			*part = append(*part, `1`...)
			sp.Add(a, part)
		}
		if got, err := appendResponse(nil, &graphql.Response{Data: []byte(`{"a":,"b":}`)}, sp); err == nil {
			t.Errorf("parts at %v of 11 bytes: written %s, want an error", at, got)
		}
	}
}
