package dataset

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// The change feed's entries, as both stores keep them: the item as its
// ecograph/v1 record (the same bytes the embedded store keeps the item
// as), what the change did, when and by whom. The Seq is the entry's key,
// kept beside the record, not in it.

// The item types of a change record.
const (
	ItemActor    = "ACTOR"
	ItemRelation = "RELATION"
	ItemSource   = "SOURCE"
)

// ChangeRecord is one change-feed entry before it gets its Seq.
type ChangeRecord struct {
	Op store.Operation
	// Type is ItemActor, ItemRelation or ItemSource; Item the item's
	// ecograph/v1 record.
	Type string
	Item []byte
	// At is when the write committed, to the millisecond.
	At     time.Time
	Author store.Author
}

// wireChange is a ChangeRecord as JSON: At in Unix milliseconds.
type wireChange struct {
	Op      store.Operation `json:"op"`
	Type    string          `json:"type"`
	Item    json.RawMessage `json:"item"`
	At      int64           `json:"at"`
	Role    string          `json:"role,omitempty"`
	Subject string          `json:"subject,omitempty"`
}

// ItemRecord is the item of a change as its type and ecograph/v1 record.
func ItemRecord(c *store.Change) (typ string, item []byte) {
	switch {
	case c.Actor != nil:
		return ItemActor, MarshalActor(c.Actor)
	case c.Relation != nil:
		return ItemRelation, MarshalRelation(c.Relation)
	case c.Source != nil:
		return ItemSource, MarshalSource(c.Source)
	}
	return "", nil
}

// Marshal encodes the record as JSON.
func (r *ChangeRecord) Marshal() []byte {
	return mustMarshal(wireChange{Op: r.Op, Type: r.Type, Item: r.Item, At: r.At.UnixMilli(), Role: r.Author.Role, Subject: r.Author.Subject})
}

// UnmarshalChange decodes a record Marshal wrote into the change at seq.
func UnmarshalChange(seq uint64, b []byte) (store.Change, error) {
	var w wireChange
	if err := json.Unmarshal(b, &w); err != nil {
		return store.Change{}, fmt.Errorf("change %d: %w", seq, err)
	}
	c := store.Change{Seq: seq, Op: w.Op, At: time.UnixMilli(w.At).UTC(), Author: store.Author{Role: w.Role, Subject: w.Subject}}
	return c, DecodeItem(&c, w.Type, w.Item)
}

// DecodeItem sets c's item from its type and ecograph/v1 record.
func DecodeItem(c *store.Change, typ string, item []byte) error {
	var err error
	switch typ {
	case ItemActor:
		var a store.Actor
		a, err = UnmarshalActor(item)
		c.Actor = &a
	case ItemRelation:
		var r store.Relation
		r, err = UnmarshalRelation(item)
		c.Relation = &r
	case ItemSource:
		var s store.Source
		s, err = UnmarshalSource(item)
		c.Source = &s
	default:
		err = fmt.Errorf("unknown item type %q", typ)
	}
	if err != nil {
		return fmt.Errorf("change %d: %w", c.Seq, err)
	}
	return nil
}
