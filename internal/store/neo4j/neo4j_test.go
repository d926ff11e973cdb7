package neo4j_test

import (
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return neo4jtest.Open(t) })
}
