package embedded

import (
	"context"
	"errors"

	"github.com/ecograph/ecograph/internal/store"
)

// RelationsOf is Relations for each of actorIDs: in memory a batch saves
// nothing, so it asks for each page in turn, nil where an id names no
// actor.
func (s *Store) RelationsOf(ctx context.Context, actorIDs []string, f store.RelationFilter, p store.Page) ([]*store.RelationPage, error) {
	out := make([]*store.RelationPage, len(actorIDs))
	for i, id := range actorIDs {
		page, err := s.Relations(ctx, id, f, p)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[i] = page
	}
	return out, nil
}
