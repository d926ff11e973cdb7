package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/lestrrat-go/httprc/v3"
	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// How a JWKS URL is fetched and kept fresh.
const (
	// fetchTimeout bounds each fetch of the JWKS.
	fetchTimeout = 10 * time.Second
	// minRefresh and maxRefresh bound how often the cache fetches the
	// JWKS again; within them it follows the answer's Cache-Control.
	minRefresh = 5 * time.Minute
	maxRefresh = time.Hour
	// unknownKidRefresh is how often, at most, a token signed with a key
	// the cached JWKS does not hold makes the cache fetch it at once: a
	// rotated key is taken within seconds, and a stream of made-up kids
	// cannot make the server hammer the identity provider.
	unknownKidRefresh = 30 * time.Second
	// maxJWKSBytes bounds the JWKS document read.
	maxJWKSBytes = 1 << 20
)

// keySource gives the JWKS's current keys.
type keySource interface {
	keys(ctx context.Context) (jwk.Set, error)
	// refresh fetches the keys again when that is possible and was not
	// done too recently; it reports whether it did.
	refresh(ctx context.Context) bool
}

// fileKeys is a JWKS read once, at start.
type fileKeys struct{ set jwk.Set }

func (f fileKeys) keys(context.Context) (jwk.Set, error) { return f.set, nil }
func (fileKeys) refresh(context.Context) bool            { return false }

// urlKeys is a JWKS fetched from a URL and refreshed by jwx's cache.
type urlKeys struct {
	cache *jwk.Cache
	url   string

	mu        sync.Mutex
	refreshed time.Time
}

func (u *urlKeys) keys(ctx context.Context) (jwk.Set, error) {
	return u.cache.Lookup(ctx, u.url)
}

func (u *urlKeys) refresh(ctx context.Context) bool {
	u.mu.Lock()
	if time.Since(u.refreshed) < unknownKidRefresh {
		u.mu.Unlock()
		return false
	}
	u.refreshed = time.Now()
	u.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	_, err := u.cache.Refresh(ctx, u.url)
	return err == nil
}

// loadKeys opens the JWKS that source names: an https URL (or http on a
// loopback address, for a local identity provider and tests), fetched
// now and refreshed in the background until ctx is done; or a file, read
// now. Either must hold at least one usable key.
func loadKeys(ctx context.Context, source string) (keySource, error) {
	if strings.HasPrefix(source, "https://") || strings.HasPrefix(source, "http://") {
		return loadURL(ctx, source)
	}
	set, err := jwk.ReadFile(source)
	if err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: cannot read the JWKS file %s: %w", source, unwrapAll(err))
	}
	if err := usable(set); err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: the JWKS file %s %w", source, err)
	}
	return fileKeys{set: set}, nil
}

func loadURL(ctx context.Context, source string) (keySource, error) {
	u, err := url.Parse(source)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: %q is not a URL", source)
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: fetch the JWKS over https; plain http is allowed only from a loopback address (127.0.0.1, ::1, localhost)")
	}
	client := &http.Client{Timeout: fetchTimeout}
	// One fetch of our own first, to say precisely why a JWKS cannot be
	// had (the cache only says it is not ready).
	set, err := fetchOnce(ctx, client, source)
	if err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: cannot fetch the JWKS from %s: %w", source, err)
	}
	if err := usable(set); err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: the JWKS at %s %w", source, err)
	}
	cache, err := jwk.NewCache(ctx, httprc.NewClient())
	if err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: starting the JWKS cache: %w", err)
	}
	fetchCtx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	err = cache.Register(fetchCtx, source,
		jwk.WithHTTPClient(client),
		jwk.WithMinInterval(minRefresh),
		jwk.WithMaxInterval(maxRefresh),
		jwk.WithMaxFetchBodySize(maxJWKSBytes),
	)
	if err != nil {
		return nil, fmt.Errorf("ECOGRAPH_JWKS: cannot fetch the JWKS from %s: %w", source, unwrapAll(err))
	}
	return &urlKeys{cache: cache, url: source}, nil
}

// fetchOnce GETs and parses the JWKS at source.
func fetchOnce(ctx context.Context, client *http.Client, source string) (jwk.Set, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, application/jwk-set+json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, unwrapAll(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("it answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, unwrapAll(err)
	}
	if len(body) > maxJWKSBytes {
		return nil, fmt.Errorf("it is larger than %d bytes", maxJWKSBytes)
	}
	set, err := jwk.Parse(body)
	if err != nil {
		return nil, fmt.Errorf("it is not a JWKS: %w", unwrapAll(err))
	}
	return set, nil
}

// loopback says whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// usable checks that set has at least one key a token can be verified
// with.
func usable(set jwk.Set) error {
	if set.Len() == 0 {
		return errors.New("has no keys")
	}
	for i := range set.Len() {
		if k, ok := set.Key(i); ok && asymmetric(k) {
			return nil
		}
	}
	return errors.New("has no usable key: it needs an RSA, EC or OKP (Ed25519) public key; symmetric (oct) keys are not accepted")
}

// asymmetric says whether k is a key of a public-key algorithm, the only
// ones a server that holds no secret can verify with.
func asymmetric(k jwk.Key) bool {
	switch k.KeyType() {
	case jwa.RSA(), jwa.EC(), jwa.OKP():
		return true
	}
	return false
}

// unwrapAll is err's innermost cause: jwx's errors repeat every layer's
// words ("failed to ...: failed to ...").
func unwrapAll(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
