package embedded

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestPrefixHeads: the heads that answer short prefixes give the same
// hits as scanning every posting under them, after a load and after the
// renames, deletes and new actors that keep them up to date, and each
// head holds exactly the first actors under its prefix.
func TestPrefixHeads(t *testing.T) {
	ctx := t.Context()
	s, err := Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := synth.Generate(synth.Config{Actors: 3000, Relations: 6000, Seed: 7})
	if err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	if len(s.mem.names.loose.heads) == 0 || len(s.mem.names.words.heads) == 0 {
		t.Fatalf("no heads: %d loose, %d words", len(s.mem.names.loose.heads), len(s.mem.names.words.heads))
	}
	rng := rand.New(rand.NewPCG(7, 8))
	names := func() []string {
		var out []string
		for _, n := range s.mem.actors {
			out = append(out, n.actor.Name)
		}
		slices.Sort(out)
		return out
	}
	check := func(stage string) {
		t.Helper()
		for _, x := range []*prefixIndex{s.mem.names.loose, s.mem.names.words} {
			checkHeads(t, stage, x)
		}
		// Texts: the first one to four letters of names, and of their
		// later words, which only the word band finds.
		texts := map[string]bool{}
		for _, name := range names() {
			for _, w := range strings.Fields(strings.ToLower(name)) {
				r := []rune(w)
				for n := 1; n <= min(4, len(r)); n++ {
					texts[string(r[:n])] = true
				}
			}
		}
		for text := range texts {
			for _, q := range []store.SearchQuery{
				{Text: text, First: 10},
				{Text: text, First: 3},
				{Text: text, First: 40},
				{Text: text, First: 10, Kinds: []store.Kind{store.KindStartup}},
			} {
				got, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want := scanning(t, s, q)
				if !reflect.DeepEqual(hitIDs(got), hitIDs(want)) {
					t.Fatalf("%s: %+v: with heads %v, scanning %v", stage, q, hitIDs(got), hitIDs(want))
				}
			}
		}
	}
	check("after the load")

	// Renames move actors between prefixes and within them.
	all := names()
	var renamed store.Dataset
	for _, n := range s.mem.actors {
		if rng.IntN(10) == 0 {
			a := *n.actor
			a.Name = fmt.Sprintf("%s %d", all[rng.IntN(len(all))], len(renamed.Actors))
			renamed.Actors = append(renamed.Actors, a)
		}
	}
	if err := s.Load(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	check("after renames")

	// Deletes leave heads short, to be filled again.
	deleted := 0
	for _, name := range []string{"a", "u", "s", "t"} {
		h := s.mem.names.loose.heads[name]
		if h == nil {
			continue
		}
		for _, n := range slices.Clone(h.first) {
			if err := s.DeleteActor(ctx, n.actor.ID); err != nil {
				t.Fatal(err)
			}
			deleted++
		}
	}
	if deleted == 0 {
		t.Fatal("no head to delete from")
	}
	check("after deletes")

	// New actors one at a time, some before every name.
	for i := range 200 {
		name := fmt.Sprintf("%s %d", all[rng.IntN(len(all))], i)
		if i%4 == 0 {
			name = fmt.Sprintf("Aa %d", i)
		}
		if _, err := s.CreateActor(ctx, store.Actor{Kind: store.KindStartup, Name: name,
			Citations: []store.Citation{{SourceID: synth.SourceID}}}); err != nil {
			t.Fatal(err)
		}
	}
	check("after creates")
}

// checkHeads: each head holds the first actors under its prefix, in hit
// order, as many as it keeps, and more says whether others follow.
func checkHeads(t *testing.T, stage string, x *prefixIndex) {
	t.Helper()
	for prefix, h := range x.heads {
		var all []*node
		x.scan(prefix, func(ns []*node) bool {
			for _, n := range ns {
				if !slices.Contains(all, n) {
					all = append(all, n)
				}
			}
			return true
		})
		slices.SortFunc(all, compareNodes)
		want := all[:min(len(all), len(h.first))]
		if !slices.Equal(h.first, want) || h.more != (len(all) > len(h.first)) || len(h.first) < min(len(all), headCap/2) {
			t.Fatalf("%s: the head of %q holds %d actors (more %v); %d hold a term under it", stage, prefix, len(h.first), h.more, len(all))
		}
	}
}

// scanning is s.Search with no heads: every prefix scanned whole.
func scanning(t *testing.T, s *Store, q store.SearchQuery) []store.SearchHit {
	x := s.mem.names
	loose, words := x.loose.heads, x.words.heads
	x.loose.heads, x.words.heads = nil, nil
	defer func() { x.loose.heads, x.words.heads = loose, words }()
	hits, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func hitIDs(hits []store.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = fmt.Sprintf("%s %.2f %s", h.Actor.ID, h.Score, h.Matched)
	}
	return out
}
