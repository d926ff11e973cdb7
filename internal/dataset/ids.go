package dataset

import (
	"fmt"
	"hash/maphash"
	"math"
)

// idSet remembers every id read so far, to refuse one used twice, and
// where it was first used, to say so. It is the one thing reading a file
// keeps that grows with the file, so it keeps little: an id is known by
// two 64-bit hashes of it under seeds chosen afresh for each set, not by
// its text. Two different ids would be taken for one only if both hashes
// agreed, a chance of about one in 2^128 for a pair, with seeds no file
// can know in advance. An entry takes about 70 bytes in the map, whatever
// the id.
type idSet struct {
	seeds [2]maphash.Seed
	first map[[2]uint64]idUse
	files []string // the files read so far, for an id first used in another
}

// idUse is where an id was first used.
type idUse struct {
	line    uint32 // of the id; 0 when not read from a file
	index   uint32 // of the record in its section
	file    uint16 // index into files
	section uint8  // index into sections
}

var sections = [...]string{"sources", "actors", "relations"}

func newIDSet() *idSet {
	return &idSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, first: map[[2]uint64]idUse{}}
}

// file starts a file: the ids added from now on are in it.
func (s *idSet) file(name string) {
	s.files = append(s.files, name)
}

// add notes that the record of place p has id, or, if some record had it
// already, reports which one.
func (s *idSet) add(id string, p *Place) error {
	key := [2]uint64{maphash.String(s.seeds[0], id), maphash.String(s.seeds[1], id)}
	if prev, ok := s.first[key]; ok {
		return fmt.Errorf("%q is already the id of %s", clip(id), s.describe(prev, p.File))
	}
	use := idUse{line: clamp(p.refs[refID].line), index: clamp(p.Index), file: uint16(max(len(s.files)-1, 0))}
	for i, name := range sections {
		if name == p.Section {
			use.section = uint8(i)
		}
	}
	s.first[key] = use
	return nil
}

// describe names the record of use as an error shows it: actors[0] (line 5).
func (s *idSet) describe(use idUse, file string) string {
	where := label(sections[use.section], int(use.index), "")
	switch {
	case use.line == 0:
		return where
	case int(use.file) < len(s.files) && s.files[use.file] != file:
		return fmt.Sprintf("%s (%s, line %d)", where, s.files[use.file], use.line)
	}
	return fmt.Sprintf("%s (line %d)", where, use.line)
}

func clamp(n int) uint32 { return uint32(min(max(n, 0), math.MaxUint32)) }
