package graph

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/ecograph/ecograph/internal/store"
)

// loaders batch the lookups one request makes by id: the ends of the
// relations a walk returns, the countries of a page of actors and the
// sources of their citations each cost one store call, not one per item.
// A page of relations primes the loader with its far-end actors, which
// the store reads with it.
type loaders struct {
	actors  *dataloadgen.Loader[string, *store.Actor]
	sources *dataloadgen.Loader[string, *store.Source]
}

type loadersKey struct{}

// batchWait is how long a loader gathers keys before it calls the store:
// long enough for sibling resolvers, which gqlgen runs concurrently, to join.
const batchWait = time.Millisecond

func newLoaders(r store.Reader) *loaders {
	return &loaders{
		actors:  dataloadgen.NewLoader(batch(r.ActorsByID), dataloadgen.WithWait(batchWait)),
		sources: dataloadgen.NewLoader(batch(r.SourcesByID), dataloadgen.WithWait(batchWait)),
	}
}

// batch adapts a store's batch lookup to dataloadgen: one error for all
// keys when the call fails, nil values for ids that name nothing.
func batch[T any](fetch func(context.Context, []string) ([]*T, error)) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		vals, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return vals, nil
	}
}

// withLoaders gives a request fresh loaders, so nothing is cached across requests.
func withLoaders(ctx context.Context, r store.Reader) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(r))
}

func loadersFrom(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// actor loads an actor by id through the request's loader; a missing
// actor is (nil, nil).
func actorLoad(ctx context.Context, id string) (*store.Actor, error) {
	return loadersFrom(ctx).actors.Load(ctx, id)
}

func sourceLoad(ctx context.Context, id string) (*store.Source, error) {
	return loadersFrom(ctx).sources.Load(ctx, id)
}
