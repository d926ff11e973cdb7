package embedded_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// openAt opens a store on path and closes it when the test ends.
func openAt(t *testing.T, path string, opts ...embedded.Option) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(path, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openAt(t, filepath.Join(t.TempDir(), "ecograph.db"))
	})
}

func TestOpenCreatesDirectories(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "ecograph.db")
	s := openAt(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if empty, err := s.Empty(t.Context()); err != nil || !empty {
		t.Errorf("a new file: Empty = %v, %v", empty, err)
	}
}

// TestDurable: everything written is there after a restart, including
// what updates, deletes and cascades changed.
func TestDurable(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("Load", s.Load(ctx, storetest.Fixture()))
	_, err = s.CreateSource(ctx, store.Source{ID: "src-extra", Title: "Extra", Published: store.MustDate("2025-02")})
	must("CreateSource", err)
	off := false
	_, err = s.CreateActor(ctx, store.Actor{ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub", CountryID: "kz",
		Names: []store.LocalizedName{{Value: "Астана Хаб", Lang: "ru"}}, Citations: []store.Citation{{SourceID: "src-extra", Excerpt: "x"}}})
	must("CreateActor", err)
	_, err = s.CreateActor(ctx, store.Actor{ID: "forum", Kind: store.KindEvent, Name: "Forum", StartDate: store.MustDate("2025"), Online: &off})
	must("CreateActor", err)
	_, err = s.CreateRelation(ctx, store.Relation{ID: "astana-in-kz", Type: store.LocatedIn, From: "astana-hub", To: "kz", Since: store.MustDate("2018-11-20")})
	must("CreateRelation", err)
	_, err = s.UpdateActor(ctx, "tuit", store.ActorPatch{Name: ptr("Aa University"), Description: ptr("Renamed")})
	must("UpdateActor", err)
	must("DeleteRelation", s.DeleteRelation(ctx, "itpark-partners-kised"))
	must("DeleteActor", s.DeleteActor(ctx, "kr")) // cascades to relations and countries
	before := storetest.Dump(t, s)
	must("Close", s.Close())

	s = openAt(t, path)
	after := storetest.Dump(t, s)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the store changed across a restart:\nbefore %+v\n after %+v", before, after)
	}
	if src, err := s.Source(ctx, "src-extra"); err != nil || src.Published != store.MustDate("2025-02") {
		t.Errorf("Source(src-extra) after a restart = %+v, %v", src, err)
	}
	a, err := s.Actor(ctx, "kaist")
	must("Actor(kaist)", err)
	if a.CountryID != "" {
		t.Errorf("kaist's deleted country came back: %q", a.CountryID)
	}
	page, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 10})
	must("Relations(uz)", err)
	if page.Edges[0].Relation.ID != "tuit-in-uz" {
		t.Errorf("after a restart the renamed actor's relation is not first: %s", page.Edges[0].Relation.ID)
	}
	hits, err := s.Search(ctx, store.SearchQuery{Text: "астана", First: 5})
	must("Search", err)
	if len(hits) != 1 || hits[0].Actor.ID != "astana-hub" {
		t.Errorf("Search after a restart: %+v", hits)
	}
}

// TestLocked: a second Open of a file in use fails fast, naming the file.
func TestLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecograph.db")
	openAt(t, path)
	start := time.Now()
	s, err := embedded.Open(path, embedded.WithLockTimeout(300*time.Millisecond))
	if err == nil {
		_ = s.Close()
		t.Fatal("a second Open of the same file succeeded")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the second Open took %v", d)
	}
	var ue *store.UnavailableError
	if !errors.As(err, &ue) || !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("the second Open failed with %T %v, want a *store.UnavailableError", err, err)
	}
	for _, want := range []string{path, "is in use by another process (is an ecograph server running?)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not say %q", err, want)
		}
	}
}

// TestLockedDefault: with the default timeout the second Open still
// gives up within a few seconds.
func TestLockedDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the default lock timeout")
	}
	path := filepath.Join(t.TempDir(), "ecograph.db")
	openAt(t, path)
	start := time.Now()
	_, err := embedded.Open(path)
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("second Open: %v", err)
	}
	if d := time.Since(start); d > embedded.DefaultLockTimeout+2*time.Second {
		t.Errorf("the second Open took %v", d)
	}
}

// TestRefusedWriteLeavesFile: a write refused by validation writes
// nothing: the file is byte for byte the same, and so is what it reads
// back as.
func TestRefusedWriteLeavesFile(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := storetest.Dump(t, s)
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	refused := []error{
		s.Load(ctx, store.Dataset{
			Actors:    []store.Actor{{ID: "new", Kind: store.KindStartup, Name: "New"}},
			Relations: []store.Relation{{ID: "new-in-nowhere", Type: store.LocatedIn, From: "new", To: "atlantis"}},
		}),
		func() error {
			_, err := s.CreateActor(ctx, store.Actor{ID: "x", Kind: store.KindStartup, Name: "X", CountryID: "kaist"})
			return err
		}(),
		func() error {
			_, err := s.UpdateActor(ctx, "kaist", store.ActorPatch{Name: ptr("")})
			return err
		}(),
		func() error {
			_, err := s.CreateRelation(ctx, store.Relation{ID: "kaist-in-kr", Type: store.LocatedIn, From: "toss", To: "kr"})
			return err
		}(),
		s.DeleteActor(ctx, "nobody"),
		s.Load(ctx, storetest.Fixture()), // accepted, but changes nothing
	}
	for i, err := range refused[:len(refused)-1] {
		if err == nil {
			t.Errorf("write %d was not refused", i)
		}
	}
	if err := refused[len(refused)-1]; err != nil {
		t.Errorf("loading the fixture again: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(file, after) {
		t.Errorf("refused writes changed the file (%v)", err)
	}
	s = openAt(t, path)
	if after := storetest.Dump(t, s); !reflect.DeepEqual(before, after) {
		t.Error("refused writes changed what the file reads back as")
	}
}

func TestClosed(t *testing.T) {
	ctx := t.Context()
	s := openAt(t, filepath.Join(t.TempDir(), "ecograph.db"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := s.Actor(ctx, "x"); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Actor after Close: %v", err)
	}
	if _, err := s.CreateSource(ctx, store.Source{Title: "x"}); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("CreateSource after Close: %v", err)
	}
}

// TestFormatVersion: a file of another format is refused, not misread.
func TestFormatVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := embedded.SetFormatForTest(path, "99"); err != nil {
		t.Fatal(err)
	}
	if _, err := embedded.Open(path); err == nil || !strings.Contains(err.Error(), `format "99"`) {
		t.Errorf("Open of a format 99 file: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestFeed(t *testing.T) {
	storetest.RunFeed(t, func(t *testing.T, limit int) store.Store {
		return openAt(t, filepath.Join(t.TempDir(), "ecograph.db"), embedded.WithChangeLimit(limit))
	})
}
