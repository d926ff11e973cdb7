package store

import (
	"context"
	"time"
)

// DefaultChangeLimit is how many of the newest changes a store's feed
// keeps unless told otherwise (--change-limit).
const DefaultChangeLimit = 100_000

// Operation is what a change did to an item.
type Operation string

// The operations a change records.
const (
	Created Operation = "CREATED"
	Updated Operation = "UPDATED"
	Deleted Operation = "DELETED"
)

// Change is one item written by one transaction, as the change feed keeps
// it. A transaction that writes several items (a delete that takes an
// actor's relations with it, an import) records one Change per item, in
// the order it applied them, all with the same At and Author.
type Change struct {
	// Seq is the change's place in the feed: it grows by one with each
	// change, in the order the transactions committed, and is never
	// reused. The API shows it as an opaque cursor (ChangeCursor).
	Seq uint64
	// Op is what the change did.
	Op Operation
	// Exactly one of Actor, Relation and Source is set: the item as stored
	// after the change, or as it was before a DELETED.
	Actor    *Actor
	Relation *Relation
	Source   *Source
	// At is when the transaction committed, to the millisecond.
	At time.Time
	// Author is who made the change; zero for a write outside the API
	// (the import command, the seed).
	Author Author
}

// ItemID is the id of the item the change is about.
func (c *Change) ItemID() string {
	switch {
	case c.Actor != nil:
		return c.Actor.ID
	case c.Relation != nil:
		return c.Relation.ID
	case c.Source != nil:
		return c.Source.ID
	}
	return ""
}

// ChangePage is a run of the feed, oldest first.
type ChangePage struct {
	Changes []Change
	// HasNext tells that more changes follow the last one.
	HasNext bool
	// Head is the Seq of the newest change kept (0 when there is none):
	// where a subscriber that asks for no history starts.
	Head uint64
}

// Feed is the change log a store keeps of its writes, in the same
// transaction as each write, so that a reader that comes back with the
// last Seq it saw misses nothing. Both stores implement it.
type Feed interface {
	// Changes returns up to first changes with Seq > after, oldest first.
	// When after is older than the oldest change the store still keeps
	// (the log is bounded) it returns an *ExpiredError: the reader has
	// missed changes and must copy the network afresh.
	Changes(ctx context.Context, after uint64, first int) (*ChangePage, error)
	// Committed returns a channel that is closed at the next commit of a
	// write made through this Store value (in this process), so that
	// waiting readers can look again without polling. Writes made by other
	// processes on a shared Neo4j are not signalled: readers also look
	// every few seconds.
	Committed() <-chan struct{}
}
