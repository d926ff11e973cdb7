package embedded

import "context"

// HoldLongReadForTest lets a long reader in, as a search or a walk would
// be, and returns what lets it out: a test holds it to stand for a
// request running to its deadline.
func HoldLongReadForTest(ctx context.Context, s *Store) (func(), error) {
	_, unlock, err := s.readLong(ctx)
	return unlock, err
}

// WriterWaitingForTest reports whether a writer waits to apply a
// committed write.
func WriterWaitingForTest(s *Store) bool {
	s.gate.mu.Lock()
	defer s.gate.mu.Unlock()
	return s.gate.waiting
}
