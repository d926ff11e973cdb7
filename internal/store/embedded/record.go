package embedded

import (
	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// Each actor, relation and source sits in the data file as its
// ecograph/v1 record (internal/dataset, docs/format.md): JSON with stable
// names, dates in their String form, independent of the store types.
// formatVersion names the file's layout around them.

func encodeActor(a *store.Actor) []byte { return dataset.MarshalActor(a) }

func decodeActor(b []byte) (*store.Actor, error) {
	a, err := dataset.UnmarshalActor(b)
	a.Kind = intern(store.Kinds, string(a.Kind))
	return &a, err
}

func encodeRelation(r *store.Relation) []byte { return dataset.MarshalRelation(r) }

func decodeRelation(b []byte) (*store.Relation, error) {
	r, err := dataset.UnmarshalRelation(b)
	r.Type = intern(store.RelationTypes, string(r.Type))
	return &r, err
}

func encodeSource(s *store.Source) []byte { return dataset.MarshalSource(s) }

func decodeSource(b []byte) (*store.Source, error) {
	s, err := dataset.UnmarshalSource(b)
	return &s, err
}

// intern returns the constant spelled s, so that a million records share
// a handful of strings.
func intern[T ~string](consts []T, s string) T {
	for _, c := range consts {
		if string(c) == s {
			return c
		}
	}
	return T(s)
}
