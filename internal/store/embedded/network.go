package embedded

import (
	"context"
	"strconv"

	"github.com/ecograph/ecograph/internal/store"
)

// Network returns the whole network for analytics. It copies the actor and
// relation pointers as a long reader (see gate) and builds the projection
// after: stored values never change, so a writer waits only for the copy.
// It stops when ctx ends.
func (s *Store) Network(ctx context.Context) (*store.Network, error) {
	m, unlock, err := s.readLong(ctx)
	if err != nil {
		return nil, err
	}
	w := store.NewWatch(ctx)
	actors := make([]*store.Actor, 0, len(m.actors))
	for _, n := range m.actors {
		if w.Stop() {
			break
		}
		actors = append(actors, n.actor)
	}
	relations := make([]*store.Relation, 0, len(m.relations))
	for _, r := range m.relations {
		if w.Stop() {
			break
		}
		relations = append(relations, r)
	}
	unlock()
	if err := w.Err(); err != nil {
		return nil, err
	}
	return store.BuildNetwork(actors, relations), nil
}

// NetworkVersion is the number of writes this store has applied since it
// opened: the file has one writer, this process, so it changes exactly
// when the network does.
func (s *Store) NetworkVersion(ctx context.Context) (string, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return "", err
	}
	defer unlock()
	return strconv.FormatUint(m.version, 10), nil
}

var _ store.Networker = (*Store)(nil)
