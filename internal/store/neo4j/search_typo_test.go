package neo4j

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/search"
)

// cypherSubstring is Cypher's substring(s, from, n): code points, and ""
// past the end.
func cypherSubstring(s string, from, n int) string {
	r := []rune(s)
	if from >= len(r) {
		return ""
	}
	return string(r[from:min(len(r), from+n)])
}

// keptByProbes is searchAll's typo filter in Go, as Cypher evaluates it on
// a word term's key: the stem, the length, the pieces in their windows
// (nearTerms), then the band of some reading.
func keptByProbes(probes []any, k string) bool {
	byPieces := false
	for _, p := range probes {
		p := p.(map[string]any)
		if !strings.HasPrefix(k, p["stem"].(string)) || len([]rune(k)) < p["least"].(int) {
			continue
		}
		head := cypherSubstring(k, 2, p["width"].(int))
		n := 0
		for _, piece := range p["pieces"].([]string) {
			if strings.Contains(head, piece) {
				n++
			}
		}
		byPieces = byPieces || n >= p["need"].(int)
	}
	if !byPieces {
		return false
	}
	for _, p := range probes {
		p := p.(map[string]any)
		if !strings.HasPrefix(k, p["stem"].(string)) {
			continue
		}
		missed := 0
		for _, x := range p["band"].([]any) {
			x := x.(map[string]any)
			if !strings.Contains(cypherSubstring(k, x["from"].(int), x["len"].(int)), x["c"].(string)) {
				missed++
			}
		}
		if missed <= p["edits"].(int) {
			return true
		}
	}
	return false
}

// TestTypoFilterKeepsEveryNearWord: searchAll's filters of the typo tier
// (the pieces, then the band of letters) are only ever looser than Go's
// measure of the edits: every word within the edits of a reading
// (search.Query.Near, which picks the typo tier's words) is kept, for
// texts of one to three words, Latin, Cyrillic and Hangul, with words
// made from them by one to three edits anywhere after the stem and by
// other words after them, so a search finds the same typos as the
// embedded store. And the band does keep out words the pieces let
// through: names that differ in their last letters.
func TestTypoFilterKeepsEveryNearWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 5))
	letters := []rune("abcdefghijklmnopqrstuvwxyz0123456789абвгдежзик한국대학교서울")
	randomText := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return string(r)
	}
	edit := func(w string) string {
		r := []rune(w)
		if len(r) < 3 {
			return w
		}
		i := 2 + rng.IntN(len(r)-2)
		c := letters[rng.IntN(len(letters))]
		switch rng.IntN(3) {
		case 0:
			r[i] = c
		case 1:
			r = append(r[:i], r[i+1:]...)
		default:
			r = append(r[:i], append([]rune{c}, r[i:]...)...)
		}
		return string(r)
	}
	near, dropped := 0, 0
	for range 3000 {
		var words []string
		for range 1 + rng.IntN(3) {
			words = append(words, randomText(2+rng.IntN(10)))
		}
		query, err := search.Parse(strings.Join(words, " "))
		if err != nil {
			t.Fatal(err)
		}
		typos := query.Typos()
		if len(typos) == 0 {
			continue
		}
		probes := typoProbes(query)
		for range 20 {
			w := typos[rng.IntN(len(typos))]
			for range rng.IntN(4) {
				w = edit(w)
			}
			if rng.IntN(2) == 0 {
				w += randomText(rng.IntN(8))
			}
			k := search.Term{Kind: search.TermWord, Text: w}.String()
			kept := keptByProbes(probes, k)
			// The word as searchAll cuts it for Go, for each reading.
			for _, p := range probes {
				cut := cypherSubstring(k, 2, p.(map[string]any)["width"].(int)+1)
				if query.Near(cut) > 0 {
					near++
					if !kept {
						t.Fatalf("text %q: word %q is within the edits (Near(%q) = %d) but the filters drop it", strings.Join(words, " "), w, cut, query.Near(cut))
					}
				}
			}
		}
	}
	if near < 1000 {
		t.Fatalf("only %d words within the edits were tried", near)
	}
	// "samarkandstartupaccelerator8072": the pieces keep a name that
	// differs in its number, the band does not.
	query, err := search.Parse("Samarkand Startup Accelerator 8072")
	if err != nil {
		t.Fatal(err)
	}
	probes := typoProbes(query)
	for _, w := range []string{"samarkandstartupaccelerator1234", "samarkandstartupaccelerator5566"} {
		if keptByProbes(probes, "w:"+w) {
			dropped++
		}
	}
	if dropped != 0 {
		t.Errorf("the band keeps %d names that differ in their last four letters", dropped)
	}
	if !keptByProbes(probes, "w:samarkandstartupaccelerator8027") {
		t.Error("the band drops a name two edits away")
	}
}
