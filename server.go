// Command ecograph serves a GraphQL knowledge graph of ecosystem actors:
// universities, startups, organisations, ministries, events, programmes and
// countries, and who founded, hosted, joined or negotiates with whom, every
// fact citing its source. `go run .` serves the seed network from an
// embedded store; see README.md.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/ecograph/ecograph/graph"
	"github.com/ecograph/ecograph/internal/auth"
	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCommand(os.Getenv).ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "ecograph:", err)
		os.Exit(1)
	}
}

// serve opens the store, loads the seed network into it when it is empty,
// and serves the API until ctx is done; then it closes the store.
func serve(ctx context.Context, cfg *config.Config) (err error) {
	log := newLogger(cfg.LogFormat)
	// What the stores log on their own (the Neo4j store's warning about
	// stale search terms) comes out in the same format.
	slog.SetDefault(log)
	// The JWKS first: a server that cannot check tokens does not start,
	// and touches no data file.
	tokens, err := loadTokens(ctx, cfg)
	if err != nil {
		return err
	}
	creating, err := checkDataFile(cfg, true)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	if creating {
		log.Info(createdMessage(cfg))
	}
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing the store: %w", cerr)
		}
		log.Info("store closed")
	}()
	if cfg.Seed {
		loaded, err := seed.LoadIfEmpty(ctx, s)
		if err != nil {
			return fmt.Errorf("loading the seed network: %w", err)
		}
		if loaded {
			log.Info("loaded the seed network into the empty store")
		}
	}
	if len(cfg.APIKeys) == 0 && tokens == nil {
		log.Warn("no API keys configured: every mutation is refused; set ECOGRAPH_API_KEYS (or ECOGRAPH_JWKS) to allow writes")
	}
	if tokens != nil && (cfg.JWT.Issuer == "" || cfg.JWT.Audience == "") {
		log.Warn("JWTs are checked without an issuer or an audience: any token signed by a key of the JWKS is accepted; set ECOGRAPH_JWT_ISSUER and ECOGRAPH_JWT_AUDIENCE")
	}

	if cfg.Pprof != "" {
		if err := servePprof(ctx, cfg.Pprof, log); err != nil {
			return err
		}
	}
	h := newHandlerWith(cfg, s, log, tokens)
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	return httpapi.Serve(ctx, l, h, log)
}

// newHandler builds the whole HTTP API over a store, with API keys only.
func newHandler(cfg *config.Config, s store.Store, log *slog.Logger) http.Handler {
	return newHandlerWith(cfg, s, log, nil)
}

// loadTokens opens the JWKS the configuration names, or returns nil when
// it names none; a JWKS URL is refreshed until ctx is done.
func loadTokens(ctx context.Context, cfg *config.Config) (*auth.Verifier, error) {
	return auth.New(ctx, auth.Config{JWKS: cfg.JWT.JWKS, Issuer: cfg.JWT.Issuer, Audience: cfg.JWT.Audience, RolesClaim: cfg.JWT.RolesClaim})
}

// newHandlerWith builds the whole HTTP API over a store; tokens, when
// not nil, lets JWT bearer tokens write as their roles allow.
func newHandlerWith(cfg *config.Config, s store.Store, log *slog.Logger, tokens *auth.Verifier) http.Handler {
	watched := watchWrites(s, log)
	gql := graph.NewHandler(watched, graph.Options{
		APIKeys:       cfg.APIKeys,
		Tokens:        tokens,
		OnAuthor:      httpapi.SetAuthor,
		Introspection: cfg.Introspection,
		Logger:        log,
		OnOperation:   httpapi.SetOperation,
		Live:          graph.LiveOptions{MaxSubscriptions: cfg.MaxSubscriptions, EventTimeout: cfg.RequestTimeout},
	})
	routes := httpapi.Routes{GraphQL: gql, GraphiQL: web.GraphiQL(), Home: web.Handler(), Ready: watched.ready}
	if cfg.Introspection {
		// The SDL says what introspection says; both are off together.
		routes.Schema = graph.SchemaHandler()
	}
	return httpapi.NewHandler(httpapi.Config{
		CORSOrigins:    cfg.CORSOrigins,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		RequestTimeout: cfg.RequestTimeout,
		// Live connections' Origin is checked against CORSOrigins.
		MaxLiveConnections: cfg.MaxLiveConnections,
	}, routes, log)
}

// openStore opens the store the configuration names.
func openStore(ctx context.Context, cfg *config.Config) (store.Store, error) {
	switch cfg.Store {
	case config.StoreEmbedded:
		return embedded.Open(cfg.Data, embedded.WithChangeLimit(cfg.ChangeLimit))
	case config.StoreNeo4j:
		return neo4j.Open(ctx, neo4j.Config{URI: cfg.Neo4j.URI, Username: cfg.Neo4j.Username, Password: cfg.Neo4j.Password, Database: cfg.Neo4j.Database, ChangeLimit: cfg.ChangeLimit})
	}
	return nil, fmt.Errorf("--store: %q is not a store; use embedded or neo4j", cfg.Store)
}

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
