package graph

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/ecograph/ecograph/internal/store"
)

// loaders batch the lookups one request makes by id: the ends of the
// relations a walk returns, the countries of a page of actors and the
// sources of their citations each cost one store call, not one per item.
// A page of relations primes the loader with its far-end actors, which
// the store reads with it.
//
// The relation pages of a list's actors (the first 10 relations of each of
// 20 universities) are one store call too, RelationsOf, for each filter
// and page asked for.
type loaders struct {
	actors    *dataloadgen.Loader[string, *store.Actor]
	sources   *dataloadgen.Loader[string, *store.Source]
	relations *dataloadgen.Loader[relationsKey, *store.RelationPage]
	// ahead holds pages read ahead with their actor (actorWithRelations),
	// by relationsKey.
	ahead sync.Map
}

// relationsKey is one actor's page of relations: the filter's types are
// joined with commas, to be comparable.
type relationsKey struct {
	actor     string
	direction store.Direction
	types     string
	page      store.Page
}

type loadersKey struct{}

// batchWait is how long a loader gathers keys before it calls the store:
// long enough for sibling resolvers, which gqlgen runs concurrently, to join.
const batchWait = time.Millisecond

func newLoaders(r store.Reader) *loaders {
	return &loaders{
		actors:  dataloadgen.NewLoader(batch(r.ActorsByID), dataloadgen.WithWait(batchWait)),
		sources: dataloadgen.NewLoader(batch(r.SourcesByID), dataloadgen.WithWait(batchWait)),
		relations: dataloadgen.NewLoader(func(ctx context.Context, keys []relationsKey) ([]*store.RelationPage, []error) {
			return relationPages(ctx, r, keys)
		}, dataloadgen.WithWait(batchWait)),
	}
}

// relationPages asks r for the pages keys name, one RelationsOf call per
// filter and page among them; an actor that does not exist is a
// *store.NotFoundError for its key alone.
func relationPages(ctx context.Context, r store.Reader, keys []relationsKey) ([]*store.RelationPage, []error) {
	pages := make([]*store.RelationPage, len(keys))
	errs := make([]error, len(keys))
	groups := map[relationsKey][]int{} // by the key without its actor
	var order []relationsKey
	for i, k := range keys {
		g := k
		g.actor = ""
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], i)
	}
	for _, g := range order {
		ids := make([]string, len(groups[g]))
		for j, i := range groups[g] {
			ids[j] = keys[i].actor
		}
		var types []store.RelationType
		if g.types != "" {
			for t := range strings.SplitSeq(g.types, ",") {
				types = append(types, store.RelationType(t))
			}
		}
		got, err := r.RelationsOf(ctx, ids, store.RelationFilter{Direction: g.direction, Types: types}, g.page)
		for j, i := range groups[g] {
			switch {
			case err != nil:
				errs[i] = err
			case got[j] == nil:
				errs[i] = &store.NotFoundError{What: "actor", ID: keys[i].actor}
			default:
				pages[i] = got[j]
			}
		}
	}
	return pages, errs
}

// relationsLoad reads one actor's page of relations. Where the actor is an
// item of a list, whose siblings ask for theirs at the same time, it goes
// through the request's loader, which gathers them into one store call;
// else it asks the store at once, without the loader's wait.
func relationsLoad(ctx context.Context, r store.Reader, actorID string, f store.RelationFilter, p store.Page) (*store.RelationPage, error) {
	l := loadersFrom(ctx)
	key := keyOf(actorID, f, p)
	if page, ok := l.ahead.Load(key); ok {
		return page.(*store.RelationPage), nil
	}
	if !inList(ctx) {
		return r.Relations(ctx, actorID, f, p)
	}
	return l.relations.Load(ctx, key)
}

func keyOf(actorID string, f store.RelationFilter, p store.Page) relationsKey {
	types := make([]string, len(f.Types))
	for i, t := range f.Types {
		types[i] = string(t)
	}
	return relationsKey{actor: actorID, direction: f.Direction, types: strings.Join(types, ","), page: p}
}

// inList reports whether the field being resolved belongs to an item of a
// list: gqlgen resolves the items' fields concurrently.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
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
