package dataset

import (
	"errors"
	"fmt"
)

// recordKind is which sort of record an encoder is given, in the order
// they must come.
type recordKind int

const (
	noKind recordKind = iota
	kindSource
	kindActor
	kindRelation
)

// section names the kind as a file does: "sources".
func (k recordKind) section() string { return sections[k-1] }

// noun names one record of the kind: "source".
func (k recordKind) noun() string { return [...]string{"", "source", "actor", "relation"}[k] }

// order holds an encoder to the order of a store.Dumper: sources, then
// actors, then relations, each kind in id order. The first error sticks.
type order struct {
	kind recordKind // of the records being written; noKind before the first
	last string     // the id written last in kind, if any
	any  bool       // whether a record of kind was written
	err  error
}

var errClosed = errors.New("dataset: the encoder is closed")

// check says whether a record of kind k and id may come next.
func (o *order) check(k recordKind, id string) error {
	switch {
	case o.err != nil:
		return o.err
	case k < o.kind:
		return o.fail(fmt.Errorf("dataset: %s %q after the %s: write sources, then actors, then relations", k.noun(), clip(id), o.kind.section()))
	case k == o.kind && o.any && id == o.last:
		return o.fail(fmt.Errorf("dataset: %s %q written twice", k.noun(), clip(id)))
	case k == o.kind && o.any && id < o.last:
		return o.fail(fmt.Errorf("dataset: %s %q after %q: write each kind in id order", k.noun(), clip(id), clip(o.last)))
	}
	return nil
}

// start begins the records of kind k.
func (o *order) start(k recordKind) { o.kind, o.last, o.any = k, "", false }

// see notes the record just written.
func (o *order) see(id string) { o.last, o.any = id, true }

// fail makes err the encoder's error, if it has none yet, and returns it.
func (o *order) fail(err error) error {
	if o.err == nil {
		o.err = err
	}
	return o.err
}
