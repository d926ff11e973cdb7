package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// Query.changes' first: 0 to maxChangesFirst.
const (
	defaultChangesFirst = 100
	maxChangesFirst     = 1000
)

// changeCursorPrefix marks a change cursor inside its base64, so that
// another list's cursor is refused rather than read as a position.
const changeCursorPrefix = "change:"

// changeCursor is the opaque cursor of the change at seq.
func changeCursor(seq uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(changeCursorPrefix + strconv.FormatUint(seq, 10)))
}

// parseChangeCursor reads a cursor changeCursor made; anything else is
// refused, naming after.
func parseChangeCursor(cursor string) (uint64, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	digits, ok := strings.CutPrefix(string(b), changeCursorPrefix)
	seq, perr := strconv.ParseUint(digits, 10, 64)
	if err != nil || !ok || perr != nil || digits != strconv.FormatUint(seq, 10) {
		return 0, store.Invalid("after", "not a cursor of the change feed: pass a Change's cursor, or leave after out to start at the oldest change kept")
	}
	return seq, nil
}

// changeAfter reads an optional after argument: nil when absent.
func changeAfter(after *string) (*uint64, error) {
	if after == nil {
		return nil, nil
	}
	seq, err := parseChangeCursor(*after)
	if err != nil {
		return nil, err
	}
	return &seq, nil
}

// toChange is a store change as the API shows it; the item goes through
// the same conversions as everywhere else.
func toChange(c *store.Change) *model.Change {
	m := &model.Change{
		Cursor:      changeCursor(c.Seq),
		Operation:   model.ChangeOperation(c.Op),
		ItemID:      c.ItemID(),
		CommittedAt: c.At.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
	}
	switch {
	case c.Actor != nil:
		m.ItemType, m.Item = model.ChangeItemTypeActor, model.NewActor(c.Actor)
	case c.Relation != nil:
		m.ItemType, m.Item = model.ChangeItemTypeRelation, model.NewRelation(c.Relation)
	case c.Source != nil:
		m.ItemType, m.Item = model.ChangeItemTypeSource, model.NewSource(c.Source)
	}
	if c.Author != (store.Author{}) {
		m.Author = &model.ChangeAuthor{Role: c.Author.Role, Subject: c.Author.Subject}
	}
	return m
}

// changePage reads up to first changes after from, or from the oldest
// change kept when from is nil. With first 0 it reads no change but what
// the page's cursors need: the head, and whether changes follow from
// (which also refuses an expired from).
func changePage(ctx context.Context, f store.Feed, from *uint64, first int) (*store.ChangePage, error) {
	switch {
	case first > 0 && from == nil:
		return oldestChanges(ctx, f, first)
	case first > 0:
		return f.Changes(ctx, *from, first)
	case from == nil:
		page, err := f.Changes(ctx, math.MaxUint64, 1)
		if err != nil {
			return nil, err
		}
		return &store.ChangePage{Head: page.Head}, nil
	}
	page, err := f.Changes(ctx, *from, 1)
	if err != nil {
		return nil, err
	}
	return &store.ChangePage{Head: page.Head, HasNext: len(page.Changes) > 0}, nil
}

// oldestChanges reads the first page of the feed as it stands: from the
// oldest change kept, which moves on as writes trim the log, so a page
// refused as expired is asked again from where the log now begins.
func oldestChanges(ctx context.Context, f store.Feed, first int) (*store.ChangePage, error) {
	after := uint64(0)
	for {
		page, err := f.Changes(ctx, after, first)
		var expired *store.ExpiredError
		if !errors.As(err, &expired) || expired.Oldest-1 <= after {
			return page, err
		}
		after = expired.Oldest - 1
	}
}

// changesBefore reports whether the feed still holds a change at or
// before after: hasPreviousPage of a page asked for with after.
func changesBefore(ctx context.Context, f store.Feed, after uint64) (bool, error) {
	page, err := oldestChanges(ctx, f, 1)
	if err != nil || len(page.Changes) == 0 {
		return false, err
	}
	return page.Changes[0].Seq <= after, nil
}
