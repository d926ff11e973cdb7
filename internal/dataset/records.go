package dataset

import (
	"encoding/json"
	"fmt"

	"github.com/ecograph/ecograph/internal/store"
)

// One record at a time, for the embedded store, which keeps each actor,
// relation and source in its data file as its ecograph/v1 record: one
// format to document, to read and to keep stable.

// MarshalActor encodes an actor as its ecograph/v1 record.
func MarshalActor(a *store.Actor) []byte { return mustMarshal(actorToWire(a)) }

// MarshalRelation encodes a relation as its ecograph/v1 record.
func MarshalRelation(r *store.Relation) []byte { return mustMarshal(relationToWire(r)) }

// MarshalSource encodes a source as its ecograph/v1 record.
func MarshalSource(s *store.Source) []byte { return mustMarshal(sourceToWire(s)) }

// UnmarshalActor decodes an actor's record.
func UnmarshalActor(b []byte) (store.Actor, error) {
	var w wireActor
	if err := json.Unmarshal(b, &w); err != nil {
		return store.Actor{}, err
	}
	a, fe := w.toStore()
	return a, recordError("actor", w.ID, fe)
}

// UnmarshalRelation decodes a relation's record.
func UnmarshalRelation(b []byte) (store.Relation, error) {
	var w wireRelation
	if err := json.Unmarshal(b, &w); err != nil {
		return store.Relation{}, err
	}
	r, fe := w.toStore()
	return r, recordError("relation", w.ID, fe)
}

// UnmarshalSource decodes a source's record.
func UnmarshalSource(b []byte) (store.Source, error) {
	var w wireSource
	if err := json.Unmarshal(b, &w); err != nil {
		return store.Source{}, err
	}
	s, fe := w.toStore()
	return s, recordError("source", w.ID, fe)
}

func recordError(what, id string, fe *fieldError) error {
	if fe == nil {
		return nil
	}
	return fmt.Errorf("%s %q: %s: %w", what, id, fe.path, fe.err)
}

// mustMarshal encodes a record; records hold only strings, slices of
// them and pointers to bool, which always encode.
func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("dataset: encoding a record: %v", err))
	}
	return b
}
