package embedded_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// TestOpenRefusesAFileCutShort: Open answers a *DamagedError naming the
// file for a data file cut short anywhere before the end of its pages (in
// process, where a SIGBUS would kill the test binary), and opens it again
// once it is whole.
func TestOpenRefusesAFileCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.LoadIfEmpty(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 4096, 8192, 16 << 10, 40 << 10} {
		if err := os.WriteFile(path, whole[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := embedded.Open(path)
		var damaged *embedded.DamagedError
		if !errors.As(err, &damaged) || damaged.Path != path || !strings.Contains(err.Error(), "is damaged") {
			t.Errorf("Open of the file cut to %d bytes = %v, want a DamagedError naming it", size, err)
		}
		if s != nil {
			_ = s.Close()
		}
	}
	if err := os.WriteFile(path, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if empty, err := s.Empty(t.Context()); err != nil || empty {
		t.Errorf("the whole file again: Empty = %v, %v", empty, err)
	}
}
