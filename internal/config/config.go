// Package config is ecograph's configuration: one struct, filled from
// command-line flags and environment variables, with every default in one
// place. A flag beats its variable, and a variable beats the default.
package config

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Store names.
const (
	StoreEmbedded = "embedded"
	StoreNeo4j    = "neo4j"
)

// Config holds every setting of an ecograph process.
type Config struct {
	Addr          string
	Data          string
	Store         string
	Seed          bool
	APIKeys       []string
	JWT           JWT
	CORSOrigins   []string
	Introspection bool
	Neo4j         Neo4j
	// ChangeLimit is how many of the newest changes the store's change
	// feed keeps; 0 keeps the store's default.
	ChangeLimit int
	// changeLimitErr is a bad ECOGRAPH_CHANGE_LIMIT, which ValidateStore
	// reports.
	changeLimitErr error

	RequestTimeout time.Duration
	MaxBodyBytes   int64
	LogFormat      string

	// MaxLiveConnections bounds the websockets and event streams open at
	// once; MaxSubscriptions bounds the operations one websocket runs.
	MaxLiveConnections int
	MaxSubscriptions   int

	// Pprof, when set, is the loopback HOST:PORT where the server also
	// serves Go's profiles (net/http/pprof), for measuring it under load
	// (docs/benchmarks.md); empty serves none.
	Pprof string
}

// Neo4j says how to reach a Neo4j server, cluster or Aura instance.
type Neo4j struct {
	URI      string
	Username string
	Password string
	Database string
}

// JWT says which JWT bearer tokens to trust (internal/auth): signed with
// a key of the JWKS, and issued by Issuer for Audience when those are set.
type JWT struct {
	// JWKS is a file path or an https URL; empty turns JWTs off.
	JWKS       string
	Issuer     string
	Audience   string
	RolesClaim string
}

// Defaults, in one place.
const (
	DefaultAddr           = ":8080"
	DefaultData           = "./data/ecograph.db"
	DefaultRequestTimeout = 10 * time.Second
	DefaultMaxBodyBytes   = 1 << 20
	DefaultRolesClaim     = "roles"
	// DefaultMaxLiveConnections and DefaultMaxSubscriptions are the
	// subscriptions' caps (docs/live.md).
	DefaultMaxLiveConnections = 10_000
	DefaultMaxSubscriptions   = 100
)

// Env is how configuration reads the environment; os.Getenv in main,
// a map in tests.
type Env func(string) string

// BindStore registers the flags every command that opens a store takes
// (--store, --data and, through the environment, Neo4j's settings) and
// returns the Config they fill.
func BindStore(fs *pflag.FlagSet, env Env) *Config {
	c := &Config{}
	fs.StringVar(&c.Store, "store", or(env("ECOGRAPH_STORE"), StoreEmbedded), "where the network is kept: embedded or neo4j (env ECOGRAPH_STORE)")
	fs.StringVar(&c.Data, "data", or(env("ECOGRAPH_DATA"), DefaultData), "the embedded store's file (env ECOGRAPH_DATA)")
	fs.StringVar(&c.Neo4j.URI, "neo4j-uri", env("NEO4J_URI"), "the Neo4j server, cluster or Aura instance, such as neo4j://host:7687 (env NEO4J_URI)")
	fs.StringVar(&c.Neo4j.Username, "neo4j-username", env("NEO4J_USERNAME"), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&c.Neo4j.Password, "neo4j-password", "", "Neo4j password; prefer the variable, which other users cannot see (env NEO4J_PASSWORD)")
	fs.StringVar(&c.Neo4j.Database, "neo4j-database", env("NEO4J_DATABASE"), "Neo4j database; the server's default when empty (env NEO4J_DATABASE)")
	if c.Neo4j.Password == "" {
		c.Neo4j.Password = env("NEO4J_PASSWORD")
	}
	limit := 0
	if v := env("ECOGRAPH_CHANGE_LIMIT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			c.changeLimitErr = fmt.Errorf("ECOGRAPH_CHANGE_LIMIT: %q is not a count of changes such as 100000", v)
		}
		limit = n
	}
	fs.IntVar(&c.ChangeLimit, "change-limit", limit, "how many of the newest changes the change feed keeps; 0 for the default, 100000 (env ECOGRAPH_CHANGE_LIMIT)")
	return c
}

// BindServe registers serve's flags on top of BindStore's.
func BindServe(fs *pflag.FlagSet, env Env) (*Config, error) {
	c := BindStore(fs, env)
	c.APIKeys = list(env("ECOGRAPH_API_KEYS"))
	c.CORSOrigins = list(env("ECOGRAPH_CORS_ORIGINS"))
	introspection, err := boolOr(env, "ECOGRAPH_INTROSPECTION", true)
	if err != nil {
		return nil, err
	}
	timeout, err := durationOr(env, "ECOGRAPH_REQUEST_TIMEOUT", DefaultRequestTimeout)
	if err != nil {
		return nil, err
	}
	maxLive, err := intOr(env, "ECOGRAPH_MAX_LIVE_CONNECTIONS", DefaultMaxLiveConnections)
	if err != nil {
		return nil, err
	}
	maxSubs, err := intOr(env, "ECOGRAPH_MAX_SUBSCRIPTIONS", DefaultMaxSubscriptions)
	if err != nil {
		return nil, err
	}
	fs.IntVar(&c.MaxLiveConnections, "max-live-connections", maxLive, "the most websockets and event streams (subscriptions) open at once (env ECOGRAPH_MAX_LIVE_CONNECTIONS)")
	fs.IntVar(&c.MaxSubscriptions, "max-subscriptions", maxSubs, "the most subscriptions one websocket runs at once (env ECOGRAPH_MAX_SUBSCRIPTIONS)")
	fs.StringVar(&c.Addr, "addr", or(env("ECOGRAPH_ADDR"), DefaultAddr), "HOST:PORT to listen on (env ECOGRAPH_ADDR)")
	fs.BoolVar(&c.Seed, "seed", true, "load the seed network into an empty store")
	fs.BoolVar(&c.Introspection, "introspection", introspection, "answer schema introspection (env ECOGRAPH_INTROSPECTION)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", timeout, "deadline of each request (env ECOGRAPH_REQUEST_TIMEOUT)")
	fs.StringVar(&c.JWT.JWKS, "jwks", env("ECOGRAPH_JWKS"), "JWKS file or https URL whose keys sign the JWT bearer tokens accepted besides API keys (env ECOGRAPH_JWKS)")
	fs.StringVar(&c.JWT.Issuer, "jwt-issuer", env("ECOGRAPH_JWT_ISSUER"), "the iss a JWT must have; recommended (env ECOGRAPH_JWT_ISSUER)")
	fs.StringVar(&c.JWT.Audience, "jwt-audience", env("ECOGRAPH_JWT_AUDIENCE"), "a value the JWT's aud must hold; recommended (env ECOGRAPH_JWT_AUDIENCE)")
	fs.StringVar(&c.JWT.RolesClaim, "jwt-roles-claim", or(env("ECOGRAPH_JWT_ROLES_CLAIM"), DefaultRolesClaim), "the JWT claim holding reader, editor or admin: a name or a dotted path such as realm_access.roles (env ECOGRAPH_JWT_ROLES_CLAIM)")
	fs.StringVar(&c.LogFormat, "log-format", or(env("ECOGRAPH_LOG_FORMAT"), "text"), "log lines as text or json (env ECOGRAPH_LOG_FORMAT)")
	fs.StringVar(&c.Pprof, "pprof", env("ECOGRAPH_PPROF"), "loopback HOST:PORT where Go's profiles are served (/debug/pprof/), such as 127.0.0.1:6060; none when empty (env ECOGRAPH_PPROF)")
	c.MaxBodyBytes = DefaultMaxBodyBytes
	return c, nil
}

// Validate checks the settings that flags and variables cannot check alone.
func (c *Config) Validate() error {
	if err := c.ValidateStore(); err != nil {
		return err
	}
	switch c.LogFormat {
	case "", "text", "json":
	default:
		return fmt.Errorf("--log-format: %q is not a log format; use text or json", c.LogFormat)
	}
	if c.RequestTimeout <= 0 {
		return fmt.Errorf("--request-timeout: must be positive, got %s", c.RequestTimeout)
	}
	if c.MaxLiveConnections < 1 {
		return fmt.Errorf("--max-live-connections: must be at least 1, got %d", c.MaxLiveConnections)
	}
	if c.MaxSubscriptions < 1 {
		return fmt.Errorf("--max-subscriptions: must be at least 1, got %d", c.MaxSubscriptions)
	}
	if err := checkPprof(c.Pprof); err != nil {
		return err
	}
	if c.JWT.JWKS == "" && (c.JWT.Issuer != "" || c.JWT.Audience != "") {
		// Someone meant to accept JWTs: say so rather than refuse every token.
		return fmt.Errorf("--jwt-issuer and --jwt-audience check JWTs, which need --jwks (ECOGRAPH_JWKS): a JWKS file or https URL")
	}
	return nil
}

// checkPprof refuses a profiling address other than a loopback one: the
// profiles show the server's code, memory and goroutines to whoever
// reaches them.
func checkPprof(addr string) error {
	if addr == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	if err != nil || port == "" || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		return fmt.Errorf("--pprof: %q is not a loopback HOST:PORT such as 127.0.0.1:6060: the profiles are for this machine alone", addr)
	}
	return nil
}

// ValidateStore checks the settings BindStore binds: what every command
// that opens a store needs.
func (c *Config) ValidateStore() error {
	if c.changeLimitErr != nil {
		return c.changeLimitErr
	}
	if c.ChangeLimit < 0 {
		return fmt.Errorf("--change-limit: must be 0 (the default) or more, got %d", c.ChangeLimit)
	}
	switch c.Store {
	case StoreEmbedded:
		if c.Data == "" {
			return fmt.Errorf("--data: the embedded store needs a file path")
		}
	case StoreNeo4j:
		if c.Neo4j.URI == "" {
			return fmt.Errorf("--store neo4j needs NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD): run eval \"$(scripts/neo4j start)\" for a local one")
		}
	default:
		return fmt.Errorf("--store: %q is not a store; use embedded or neo4j", c.Store)
	}
	return nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// list splits a comma-separated variable, dropping blanks.
func list(v string) []string {
	var out []string
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func boolOr(env Env, name string, def bool) (bool, error) {
	v := env(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s: %q is not true or false", name, v)
	}
	return b, nil
}

func intOr(env Env, name string, def int) (int, error) {
	v := env(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a whole number", name, v)
	}
	return n, nil
}

func durationOr(env Env, name string, def time.Duration) (time.Duration, error) {
	v := env(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a duration such as 10s", name, v)
	}
	return d, nil
}
