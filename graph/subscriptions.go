package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
)

// stream subscribes to the change feed from after (the next change when
// nil), keeping the changes keep accepts, and hands them to gqlgen as
// the API shows them. Its goroutine ends when the subscription's context
// does: the client stopped, the connection closed or the server shuts down.
func (r *subscriptionResolver) stream(ctx context.Context, after *string, keep func(*store.Change) bool) (<-chan *model.Change, error) {
	var from *uint64
	if after != nil {
		seq, err := parseChangeCursor(*after)
		if err != nil {
			return nil, err
		}
		from = &seq
	}
	in, err := r.Hub.Subscribe(ctx, from, keep)
	if err != nil {
		return nil, err
	}
	out := make(chan *model.Change)
	sub := liveSubFrom(ctx)
	go func() {
		defer close(out)
		sent := 0
		for c := range in {
			select {
			case out <- toChange(&c):
			case <-ctx.Done():
				return
			}
			sent++
			sub.delivered(sent)
		}
		if ctx.Err() != nil {
			return
		}
		// The feed broke off (the store failed): say so rather than
		// complete as if the stream were over, so that the client comes
		// back with the last cursor it got. On a websocket it is an error
		// message (added before out closes: the transport reads it then);
		// an event stream ends without its complete event.
		if conn := liveConnFrom(ctx); conn != nil && conn.websocket {
			transport.AddSubscriptionError(ctx, requestError(CodeUnavailable,
				"the change feed broke off; subscribe again with the cursor of the last change received as after"))
		} else {
			httpapi.BreakStream(ctx)
		}
	}()
	return out, nil
}

// actorFilter keeps the changes to actors with one of ids (any when
// empty) and of one of kinds (any when empty).
func actorFilter(ids []string, kinds []model.ActorKind) func(*store.Change) bool {
	want := storeKinds(kinds)
	return func(c *store.Change) bool {
		a := c.Actor
		return a != nil && (len(ids) == 0 || slices.Contains(ids, a.ID)) && (len(want) == 0 || slices.Contains(want, a.Kind))
	}
}

// relationFilter keeps the changes to relations from or to actorID (any
// when nil) of one of types (any when empty).
func relationFilter(actorID *string, types []model.RelationType) func(*store.Change) bool {
	want := storeTypes(types)
	return func(c *store.Change) bool {
		rel := c.Relation
		return rel != nil && (actorID == nil || rel.From == *actorID || rel.To == *actorID) && (len(want) == 0 || slices.Contains(want, rel.Type))
	}
}
