package store

import (
	"strings"
	"testing"
)

// A cursor handed out must read back as the key it was made of, whatever
// the key holds: names of any length (past the encoder's stack buffers)
// and script, and empty parts.
func TestCursorsReadBack(t *testing.T) {
	long := strings.Repeat("Сунчхянский университет 순천향대학교 ", 20)
	for _, k := range []RelationKey{
		{Type: Founded, OtherKey: "soonchunhyang university", OtherID: "sch", RelationID: "r1"},
		{Type: ParticipatedIn, OtherKey: long, OtherID: "a-" + long, RelationID: "r-" + long},
		{Type: LocatedIn},
	} {
		got, err := ParseRelationCursor(k.Cursor())
		if err != nil || got != k {
			t.Errorf("ParseRelationCursor(%q) = %+v, %v; want %+v", k.Cursor(), got, err, k)
		}
		if _, _, err := ParseActorCursor(k.Cursor()); err == nil {
			t.Errorf("a relation's cursor %q was read as an actor's", k.Cursor())
		}
	}
	for _, c := range [][2]string{{"sch", "sch"}, {long, "id-" + long}, {"", ""}} {
		key, id, err := ParseActorCursor(KeyCursor(c[0], c[1]))
		if err != nil || key != c[0] || id != c[1] {
			t.Errorf("ParseActorCursor(KeyCursor(%q, %q)) = %q, %q, %v", c[0], c[1], key, id, err)
		}
	}
}

// BenchmarkCursor: a relation's cursor, which a page makes for each of
// its items:
//
//	go test ./internal/store -run '^$' -bench Cursor -benchmem
func BenchmarkCursor(b *testing.B) {
	k := RelationKey{Type: ParticipatedIn, OtherKey: "alpha beta gamma 12", OtherID: "synth-actor-001234", RelationID: "synth-rel-0012345"}
	b.ReportAllocs()
	for b.Loop() {
		_ = k.Cursor()
	}
}
