package graph

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/99designs/gqlgen/graphql"
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
