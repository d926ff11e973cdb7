package traverse

import "slices"

// selector keeps the first n distinct actors offered to it in (key, id)
// order, of those keep accepts, and notes whether it was offered more.
// It holds a few times n candidates at most: once it holds n, an actor
// that comes after the nth costs one comparison, and keep is asked only
// about the actors that may be kept, so that a hub's thousands of
// neighbours are neither stored nor looked up.
type selector struct {
	n    int
	keep func(id string) bool
	buf  []named // the n kept so far in order (once full), then candidates
	full bool    // buf[n-1] is the nth actor kept so far
	more bool
}

// offer takes in one candidate.
func (s *selector) offer(c named) {
	if s.n <= 0 || s.full && compareNamed(c, s.buf[s.n-1]) > 0 {
		// Not kept; but it tells of more actors if keep accepts it.
		if !s.more && s.keep(c.id) {
			s.more = true
		}
		return
	}
	if !s.keep(c.id) {
		return
	}
	s.buf = append(s.buf, c)
	if len(s.buf) >= 4*s.n+64 {
		s.settle()
	}
}

// settle sorts the candidates, drops duplicates and keeps the first n.
func (s *selector) settle() {
	slices.SortFunc(s.buf, compareNamed)
	s.buf = slices.Compact(s.buf)
	if len(s.buf) > s.n {
		s.buf, s.more = s.buf[:s.n], true
	}
	s.full = len(s.buf) == s.n
}

// first returns the actors kept, in order, and whether more were offered.
func (s *selector) first() ([]named, bool) {
	if s.n <= 0 {
		return nil, s.more
	}
	s.settle()
	return s.buf, s.more
}
