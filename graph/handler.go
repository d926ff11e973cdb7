package graph

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/auth"
	"github.com/ecograph/ecograph/internal/feed"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
)

// Options configure the GraphQL handler.
type Options struct {
	// APIKeys are the keys that allow every mutation (the admin role).
	APIKeys []string
	// Tokens, if set, verifies JWT bearer tokens, whose roles allow some
	// mutations (guard.go). With neither keys nor tokens, every mutation
	// is refused.
	Tokens *auth.Verifier
	// Introspection lets clients ask for the schema.
	Introspection bool
	// Limits bound each request; zero fields take DefaultLimits'.
	Limits Limits
	// Logger receives what clients are not told; nil logs nowhere.
	Logger *slog.Logger
	// OnOperation, if set, learns the name of each operation run, for the
	// request log.
	OnOperation func(ctx context.Context, name string)
	// OnAuthor, if set, learns the role and subject of each mutation's
	// caller, for the request log.
	OnAuthor func(ctx context.Context, role, subject string)
	// Live bounds subscriptions and the websockets and event streams
	// they run on (live.go); zero fields take the defaults.
	Live LiveOptions
	// gqlgenOnly leaves every answer to gqlgen, plain ones included
	// (plain.go): the tests compare the two.
	gqlgenOnly bool
}

// NewHandler builds the GraphQL endpoint over a store: GET (queries only)
// and POST transports, the request limits, the write guard, per-request
// dataloaders and the error presenter.
func NewHandler(s store.Store, o Options) *handler.Server {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lim := o.Limits
	def := DefaultLimits
	for _, f := range []struct {
		v *int
		d int
	}{
		{&lim.Depth, def.Depth}, {&lim.Aliases, def.Aliases}, {&lim.Complexity, def.Complexity}, {&lim.Tokens, def.Tokens},
	} {
		if *f.v <= 0 {
			*f.v = f.d
		}
	}

	hub := feed.New(s, feed.Options{Logger: log})
	cfg := Config{Resolvers: &Resolver{Store: s, Analytics: analytics.New(s), Hub: hub}, Schema: publicSchema()}
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))

	// Websockets and event streams first (live.go): the transport for
	// GET, POST and OPTIONS, with GraphQL-over-HTTP's statuses and coded
	// refusals (internal/httpapi/transport.go), takes every request left.
	live := o.Live.withDefaults()
	addLiveTransports(srv, live, log)
	srv.AddTransport(httpapi.Transport{TokenLimit: lim.Tokens})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(lim.Tokens)
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))

	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(newWriteGuard(o.APIKeys, o.Tokens, o.OnAuthor))
	srv.Use(liveExtension{opts: live, store: s, log: log})
	// The limits extension prices the query itself (setComplexity's
	// prices, each fragment once); gqlgen's FixedComplexityLimit would
	// expand every fragment spread afresh.
	srv.Use(&limitsExtension{limits: lim, introspection: o.Introspection})
	if !o.gqlgenOnly {
		srv.AroundFields(plainFields(s))
	}
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		if o.OnOperation != nil {
			o.OnOperation(ctx, operationName(oc))
		}
		return next(withLoaders(withAuthor(ctx, oc), s))
	})
	return srv
}

// setComplexity prices lists by how many items they may return, so that
// nested pages multiply: relations(first: 50) inside actors(first: 50)
// costs 2 500 times its fields.
func setComplexity(c *ComplexityRoot) {
	page := func(child int, first *int, def int) int { return 1 + child*max(intOr(first, def), 1) }
	relations := func(child int, _ *model.Direction, _ []model.RelationType, first *int, _ *string) int {
		return page(child, first, defaultFirst)
	}
	c.Country.Relations = relations
	c.University.Relations = relations
	c.Startup.Relations = relations
	c.Organization.Relations = relations
	c.GovernmentBody.Relations = relations
	c.Event.Relations = relations
	c.Program.Relations = relations
	c.Query.Actors = func(child int, _ []model.ActorKind, _ *string, first *int, _ *string) int {
		return page(child, first, defaultFirst)
	}
	c.Query.Changes = func(child int, _ *string, first *int) int {
		return page(child, first, defaultChangesFirst)
	}
	c.Query.Nodes = func(child int, ids []string) int {
		return 1 + child*max(len(ids), 1)
	}
	c.Query.Search = func(child int, _ string, _ []model.ActorKind, first *int) int {
		return page(child, first, defaultSearchFirst)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []model.RelationType, _ []model.ActorKind, limit *int, _ *store.Date) int {
		return page(child, limit, defaultLimit)
	}
	c.Query.ShortestPath = func(child int, _, _ string, _ []model.RelationType, _ []model.ActorKind, maxLength *int, _ *store.Date) int {
		return page(child, maxLength, defaultShortestLength)
	}
	paths := func(child int, _, _ string, _ []model.RelationType, _ []model.ActorKind, maxLength *int, first *int, _ *store.Date) int {
		return page(child, first, defaultPathsFirst) * max(intOr(maxLength, defaultPathsLength), 1)
	}
	c.Query.Paths = paths
	c.Query.PathSearch = paths
	c.Query.CommonNeighbors = func(child int, _, _ string, _ []model.RelationType, _ []model.ActorKind, first *int, _ *store.Date) int {
		return page(child, first, defaultFirst)
	}
	c.Query.Centrality = func(child int, _ model.CentralityMeasure, _ []model.ActorKind, first *int, _ *store.Date) int {
		return page(child, first, defaultRankFirst)
	}
	c.Query.Brokers = func(child int, _ []model.ActorKind, first *int, _ *store.Date) int {
		return page(child, first, defaultRankFirst)
	}
	c.Query.Communities = func(child int, _ *store.Date, first *int, _ *int) int {
		return page(child, first, defaultCommunitiesFirst)
	}
	c.Community.Actors = func(child int, first *int, _ *string) int {
		return page(child, first, defaultMembersFirst)
	}
	// An overview's items are a few values each from the analytics view,
	// read in one pass: it costs its limit, whatever it selects.
	c.Query.Overview = func(_ int, _ *store.Date, _ []model.ActorKind, _ []model.RelationType, _ *model.CentralityMeasure, limit *int) int {
		return 1 + max(intOr(limit, defaultOverviewLimit), 1)
	}
	c.Query.Timeline = func(child int, _, _ *store.Date, _ *string, first *int, _ *string) int {
		return page(child, first, defaultMembersFirst)
	}
}

// operationName names an operation for the log: its name, or its type
// when it has none.
func operationName(oc *graphql.OperationContext) string {
	if oc.Operation == nil {
		return ""
	}
	if oc.Operation.Name != "" {
		return oc.Operation.Name
	}
	return "anonymous " + string(oc.Operation.Operation)
}
