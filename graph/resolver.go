// Package graph is ecograph's GraphQL layer: the schema (*.graphqls), its
// resolvers, the dataloaders that batch store lookups, and the one place
// where store errors become GraphQL error codes.
package graph

//go:generate go tool gqlgen generate

import (
	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/feed"
	"github.com/ecograph/ecograph/internal/store"
)

// Resolver holds what the resolvers depend on: the store, the analytics
// engine that keeps what it works out of the store's network until the
// network changes, and the hub that streams the store's change feed.
type Resolver struct {
	Store     store.Store
	Analytics *analytics.Engine
	Hub       *feed.Hub
}
