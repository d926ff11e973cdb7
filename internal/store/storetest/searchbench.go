package storetest

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// SearchBenchNetwork is BenchNetwork's 100,000 actors, each with several
// names to search: the generated ones (a share in Cyrillic or Hangul with
// their Latin form), an English localized name, and as aliases its
// initials and its name hyphenated. It keeps only 1,000 relations: search
// does not read them.
var SearchBenchNetwork = sync.OnceValue(func() store.Dataset {
	d := BenchNetwork()
	out := store.Dataset{Sources: d.Sources, Relations: d.Relations[:1000], Actors: make([]store.Actor, len(d.Actors))}
	for i, a := range d.Actors {
		a.Names = append(slices.Clip(a.Names), store.LocalizedName{Value: a.Name, Lang: "en"})
		aliases := slices.Clip(a.Aliases)
		words := strings.Fields(a.Name)
		if len(words) > 1 {
			var initials strings.Builder
			for _, w := range words {
				initials.WriteString(strings.ToUpper(string([]rune(w)[:1])))
			}
			aliases = append(aliases, initials.String(), strings.Join(words, "-"))
		}
		a.Aliases = aliases
		out.Actors[i] = a
	}
	return out
})

// BenchSearch measures search on a store holding SearchBenchNetwork, with
// texts of each kind a researcher types, made from random actors' names:
// a name exactly, an alias, a name spelled another way (upper case, words
// run together), the beginning of a word (3 to 6 letters), and a typo
// (one letter changed after the second). Mix draws from all five. Each
// reports the median (p50-ns), p99-ns and the worst (max-ns).
func BenchSearch(b *testing.B, s store.Store) {
	d := SearchBenchNetwork()
	ctx := context.Background()
	kinds := map[string]func(rng *rand.Rand) string{
		"Exact": func(rng *rand.Rand) string { return pickActor(rng, d).Name },
		"Alias": func(rng *rand.Rand) string {
			for {
				if a := pickActor(rng, d); len(a.Aliases) > 0 {
					return a.Aliases[rng.IntN(len(a.Aliases))]
				}
			}
		},
		"Folded": func(rng *rand.Rand) string {
			return strings.ToUpper(strings.Join(strings.Fields(pickActor(rng, d).Name), ""))
		},
		"Prefix": func(rng *rand.Rand) string {
			words := strings.Fields(pickActor(rng, d).Name)
			w := []rune(words[rng.IntN(len(words))])
			return string(w[:min(len(w), 3+rng.IntN(4))])
		},
		"Typo": func(rng *rand.Rand) string {
			r := []rune(strings.ToLower(pickActor(rng, d).Name))
			r = r[:min(len(r), 6+rng.IntN(5))]
			if len(r) > 3 {
				i := 2 + rng.IntN(len(r)-2)
				r[i] = 'q'
				if r[i] == ' ' {
					r[i] = 'x'
				}
			}
			return string(r)
		},
	}
	order := []string{"Exact", "Alias", "Folded", "Prefix", "Typo", "Mix"}
	for _, name := range order {
		b.Run(name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(11, 12))
			text := kinds[name]
			if name == "Mix" {
				text = func(rng *rand.Rand) string { return kinds[order[rng.IntN(5)]](rng) }
			}
			quantiles(b, func() {
				if _, err := s.Search(ctx, store.SearchQuery{Text: text(rng), First: 10}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func pickActor(rng *rand.Rand, d store.Dataset) *store.Actor {
	return &d.Actors[rng.IntN(len(d.Actors))]
}

// quantiles runs op b.N times and reports the median, the 99th
// percentile and the worst time besides the mean.
func quantiles(b *testing.B, op func()) {
	b.ReportAllocs()
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		op()
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	if n := len(took); n > 0 {
		b.ReportMetric(float64(took[n/2].Nanoseconds()), "p50-ns")
		b.ReportMetric(float64(took[min(n-1, n*99/100)].Nanoseconds()), "p99-ns")
		b.ReportMetric(float64(took[n-1].Nanoseconds()), "max-ns")
	}
}
