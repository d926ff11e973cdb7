package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// jwksServer serves a JWKS on 127.0.0.1 over plain http (which the
// server allows from a loopback address only) and counts its fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	body    []byte
	fetches atomic.Int64
}

func startJWKSServer(t *testing.T, body []byte) *jwksServer {
	t.Helper()
	j := &jwksServer{body: body}
	j.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		j.fetches.Add(1)
		j.mu.Lock()
		defer j.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(j.body)
	}))
	t.Cleanup(j.Close)
	return j
}

func (j *jwksServer) set(body []byte) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.body = body
}

// TestJWKSFromAURL: a JWKS URL is fetched at start and cached, not
// fetched per request; a token signed with a key rotated in since is
// taken after one immediate refresh.
func TestJWKSFromAURL(t *testing.T) {
	k := testKeys()
	idp := startJWKSServer(t, jwks(t, k.rsa))
	api := startAPI(t, jwtEnv(idp.URL+"/.well-known/jwks.json"))
	editor := claims{roles: []string{"editor"}}

	atStart := idp.fetches.Load()
	if atStart == 0 {
		t.Fatal("the JWKS was not fetched at start")
	}
	for i := range 5 {
		id := "jwks-url-" + string(rune('a'+i))
		api.decode(api.postBearer(editor.token(t, k.rsa), createMutation, map[string]any{"id": id}), nil)
	}
	if got := idp.fetches.Load(); got != atStart {
		t.Errorf("5 writes fetched the JWKS %d more times; it should be cached", got-atStart)
	}

	// The identity provider rotates in the EC key.
	idp.set(jwks(t, k.rsa, k.ec))
	api.decode(api.postBearer(editor.token(t, k.ec), createMutation, map[string]any{"id": "jwks-url-rotated"}), nil)
	if !api.actorExists("jwks-url-rotated") {
		t.Error("the token signed with the rotated-in key did not write")
	}
	// A made-up kid does not make the server fetch again at once.
	before := idp.fetches.Load()
	unknown := k.other
	unknown.kid = "made-up"
	for range 3 {
		r := api.postBearer(editor.token(t, unknown), createMutation, map[string]any{"id": "jwks-url-unknown"})
		wantTokenRefused(t, r, http.StatusUnauthorized, "UNAUTHENTICATED", "", "kid) is not in the server's JWKS")
	}
	if got := idp.fetches.Load() - before; got > 0 {
		t.Errorf("tokens with an unknown kid fetched the JWKS %d times within the refresh interval", got)
	}
}

// startJWTServer is the API over an embedded store loaded with the seed
// network, trusting testKey and tokens signed by signer, logging to log;
// wrap, if set, wraps the store, to watch what the API asks of it.
// The harness's startAPI does not let a test read the log or the store's
// calls, which these tests are about.
func startJWTServer(t *testing.T, signer testSigner, wrap func(store.Store) store.Store, log *slog.Logger) *apiServer {
	t.Helper()
	embeddedOnly(t)
	cfg := testConfig(t, jwtEnv(writeJWKS(t, signer)))
	st, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if _, err := seed.LoadIfEmpty(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	tokens, err := loadTokens(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var served store.Store = st
	if wrap != nil {
		served = wrap(st)
	}
	srv := httptest.NewServer(newHandlerWith(cfg, served, log, tokens))
	t.Cleanup(srv.Close)
	return &apiServer{t: t, http: srv}
}

// TestWritesAreLoggedWithRoleAndSubject: the request log line of a write
// names its caller's role and subject; an API key appears as the first 8
// hex digits of its SHA-256, never as itself; a read names no one.
func TestWritesAreLoggedWithRoleAndSubject(t *testing.T) {
	k := testKeys()
	var buf syncBuffer
	api := startJWTServer(t, k.rsa, nil, slog.New(slog.NewTextHandler(&buf, nil)))

	api.decode(api.postBearer(claims{sub: "ada@example.org", roles: []string{"editor"}}.token(t, k.rsa), createMutation, map[string]any{"id": "logged-by-jwt"}), nil)
	api.decode(api.postBearer(testKey, deleteMutation, map[string]any{"id": "logged-by-jwt"}), nil)
	api.postBearer(claims{sub: "bob", roles: []string{"reader"}}.token(t, k.rsa), createMutation, map[string]any{"id": "logged-refused"})
	api.query(`{ actors(first: 1) { totalCount } }`, nil, nil)

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{
		`role=editor subject=ada@example.org`,
		`role=admin subject=api-key:`,
		`status=403`,
	}
	if len(lines) != 4 {
		t.Fatalf("want 4 request lines, got %d:\n%s", len(lines), buf.String())
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d does not say %q:\n%s", i+1, w, lines[i])
		}
	}
	if !strings.Contains(lines[2], "role=reader subject=bob") {
		t.Errorf("the refused write does not name its caller:\n%s", lines[2])
	}
	if strings.Contains(lines[3], "role=") {
		t.Errorf("a read names a caller:\n%s", lines[3])
	}
	if strings.Contains(buf.String(), testKey) {
		t.Error("the log holds the API key")
	}
	if !strings.Contains(lines[1], "subject=api-key:") || len(strings.SplitN(lines[1], "subject=api-key:", 2)[1]) < 8 {
		t.Errorf("the key's subject is not api-key:<8 hex digits>:\n%s", lines[1])
	}
}

// authorRecorder records who each write's context says made it: what a
// change feed will read.
type authorRecorder struct {
	store.Store
	mu      sync.Mutex
	authors []string
}

func (a *authorRecorder) record(ctx context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	w, ok := store.AuthorFrom(ctx)
	if !ok {
		a.authors = append(a.authors, "nobody")
		return
	}
	a.authors = append(a.authors, w.Role+" "+w.Subject)
}

func (a *authorRecorder) CreateActor(ctx context.Context, x store.Actor) (*store.Actor, error) {
	a.record(ctx)
	return a.Store.CreateActor(ctx, x)
}

func (a *authorRecorder) DeleteActor(ctx context.Context, id string) error {
	a.record(ctx)
	return a.Store.DeleteActor(ctx, id)
}

// TestWritesCarryTheirAuthor: the store sees, in each write's context,
// the role and subject of the caller who made it.
func TestWritesCarryTheirAuthor(t *testing.T) {
	k := testKeys()
	rec := &authorRecorder{}
	api := startJWTServer(t, k.rsa, func(st store.Store) store.Store { rec.Store = st; return rec }, slog.New(slog.DiscardHandler))

	api.decode(api.postBearer(claims{sub: "ada", roles: "editor"}.token(t, k.rsa), createMutation, map[string]any{"id": "authored"}), nil)
	api.decode(api.postBearer(testKey, deleteMutation, map[string]any{"id": "authored"}), nil)
	digest := sha256.Sum256([]byte(testKey))
	want := []string{"editor ada", "admin api-key:" + hex.EncodeToString(digest[:4])}
	if !slices.Equal(rec.authors, want) {
		t.Errorf("the writes' authors are %q, want %q", rec.authors, want)
	}
}
