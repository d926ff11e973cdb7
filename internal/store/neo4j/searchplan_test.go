package neo4j_test

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/synth"
)

// searchHit is what a user sees of a hit: who, by which name, how well.
type searchHit struct {
	ID, Matched string
	Score       float64
}

// bothStores loads d into an embedded store and into the emptied Neo4j.
func bothStores(t *testing.T, d store.Dataset) (em, n4 store.Store) {
	t.Helper()
	n4s := neo4jtest.Open(t)
	ems, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ems.Close() })
	for _, s := range []store.Store{ems, n4s} {
		if err := s.Load(t.Context(), d); err != nil {
			t.Fatalf("Load: %v", err)
		}
	}
	return ems, n4s
}

func searchHits(t *testing.T, s store.Store, q store.SearchQuery) []searchHit {
	t.Helper()
	hits, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%q, first %d): %v", q.Text, q.First, err)
	}
	out := []searchHit{}
	for _, h := range hits {
		out = append(out, searchHit{h.Actor.ID, h.Matched, h.Score})
	}
	return out
}

// typo makes one edit in text after its first two letters, where the
// typo tier looks: a letter changed, dropped or added.
func typo(rng *rand.Rand, text string) string {
	r := []rune(text)
	if len(r) < 4 {
		return text
	}
	i := 2 + rng.IntN(len(r)-2)
	switch rng.IntN(3) {
	case 0:
		r[i] = 'q'
	case 1:
		r = append(r[:i], r[i+1:]...)
	default:
		r = append(r[:i], append([]rune{'x'}, r[i:]...)...)
	}
	return string(r)
}

// TestTyposFindTheSameActorsAsEmbedded: Neo4j reads the candidates of a
// typo through pieces of the text rather than every word that begins
// like it; on a network of varied names (Latin, Cyrillic, Hangul), whole
// names with one or two typos, cut short or not, give the same hits,
// names matched and scores as the embedded store, on every page size.
func TestTyposFindTheSameActorsAsEmbedded(t *testing.T) {
	d := synth.Generate(synth.Config{Actors: 3000, Relations: 3000, Seed: 7})
	em, n4 := bothStores(t, d)
	rng := rand.New(rand.NewPCG(7, 8))
	var texts []string
	for range 60 {
		name := d.Actors[rng.IntN(len(d.Actors))].Name
		r := []rune(name)
		texts = append(texts, name, typo(rng, name), typo(rng, typo(rng, name)),
			typo(rng, string(r[:max(4, len(r)*2/3)])))
	}
	for _, text := range texts {
		for _, first := range []int{3, 10, 40} {
			q := store.SearchQuery{Text: text, First: first}
			want, got := searchHits(t, em, q), searchHits(t, n4, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Search(%q, first %d):\nneo4j    %+v\nembedded %+v", text, first, got, want)
			}
		}
	}
}
