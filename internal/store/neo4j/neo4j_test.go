package neo4j_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return neo4jtest.Open(t) })
}

func TestOpenRefusesWhatIsNotANeo4jURI(t *testing.T) {
	for _, uri := range []string{"", "http://127.0.0.1:7474", "bolt://", "127.0.0.1:7687", "neo4j+x://host"} {
		_, err := neo4j.Open(t.Context(), neo4j.Config{URI: uri})
		var inv *store.InvalidError
		if !errors.As(err, &inv) || inv.Field != "NEO4J_URI" {
			t.Errorf("Open(%q) = %v, want an invalid NEO4J_URI", uri, err)
		}
	}
}

// TestOpenSaysWhenNeo4jIsUnreachable: nothing listens on port 1.
func TestOpenSaysWhenNeo4jIsUnreachable(t *testing.T) {
	start := time.Now()
	_, err := neo4j.Open(t.Context(), neo4j.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "Neo4j") {
		t.Errorf("Open of an address where nothing listens = %v, want unavailable, naming Neo4j", err)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("Open took %v to give up", took)
	}
}
