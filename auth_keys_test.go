package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// The issuer and audience the JWT test servers trust.
const (
	testIssuer   = "https://id.example.test/realms/ecograph"
	testAudience = "ecograph-api"
)

// testSigner is a real key pair that signs test tokens: its private key
// signs, its public JWK goes in the server's JWKS.
type testSigner struct {
	kid  string
	alg  jwa.SignatureAlgorithm
	priv any
	pub  any
}

// testKeys are generated once per test process: RSA generation is slow
// under -race.
var testKeys = sync.OnceValue(func() (k struct{ rsa, ec, other testSigner }) {
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	e, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	o, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	k.rsa = testSigner{kid: "rsa-1", alg: jwa.RS256(), priv: r, pub: &r.PublicKey}
	k.ec = testSigner{kid: "ec-1", alg: jwa.ES256(), priv: e, pub: &e.PublicKey}
	// other is not in the JWKS; it signs under rsa-1's kid, as a forger
	// would.
	k.other = testSigner{kid: "rsa-1", alg: jwa.RS256(), priv: o, pub: &o.PublicKey}
	return k
})

// jwks is the JSON of a JWKS holding the signers' public keys, each with
// its kid and alg.
func jwks(t testing.TB, signers ...testSigner) []byte {
	t.Helper()
	set := jwk.NewSet()
	for _, s := range signers {
		k, err := jwk.Import(s.pub)
		if err != nil {
			t.Fatal(err)
		}
		_ = k.Set(jwk.KeyIDKey, s.kid)
		_ = k.Set(jwk.AlgorithmKey, s.alg)
		_ = k.Set(jwk.KeyUsageKey, "sig")
		if err := set.AddKey(k); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeJWKS writes a JWKS file of the signers' public keys.
func writeJWKS(t testing.TB, signers ...testSigner) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, jwks(t, signers...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// claims are a token's claims; the zero value is a valid editor's.
type claims struct {
	sub, iss, aud   string
	roles           any // nil leaves the claim out
	exp, nbf, iat   time.Duration
	noExp, noIssAud bool
	extra           map[string]any
}

// token signs claims with s; times are relative to now.
func (c claims) token(t testing.TB, s testSigner) string {
	t.Helper()
	tok := c.build(t)
	key, err := jwk.Import(s.priv)
	if err != nil {
		t.Fatal(err)
	}
	_ = key.Set(jwk.KeyIDKey, s.kid)
	signed, err := jwt.Sign(tok, jwt.WithKey(s.alg, key))
	if err != nil {
		t.Fatal(err)
	}
	return string(signed)
}

func (c claims) build(t testing.TB) jwt.Token {
	t.Helper()
	now := time.Now()
	b := jwt.NewBuilder().Subject(claimOr(c.sub, "user-42")).IssuedAt(now.Add(c.iat))
	if !c.noIssAud {
		b = b.Issuer(claimOr(c.iss, testIssuer)).Audience([]string{claimOr(c.aud, testAudience)})
	}
	if !c.noExp {
		exp := c.exp
		if exp == 0 {
			exp = 10 * time.Minute
		}
		b = b.Expiration(now.Add(exp))
	}
	if c.nbf != 0 {
		b = b.NotBefore(now.Add(c.nbf))
	}
	if c.roles != nil {
		b = b.Claim("roles", c.roles)
	}
	for k, v := range c.extra {
		b = b.Claim(k, v)
	}
	tok, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// signRaw signs a payload as it is, claims jwx would not build (an exp
// that is not a time).
func signRaw(t testing.TB, s testSigner, payload string) string {
	t.Helper()
	key, err := jwk.Import(s.priv)
	if err != nil {
		t.Fatal(err)
	}
	_ = key.Set(jwk.KeyIDKey, s.kid)
	signed, err := jws.Sign([]byte(payload), jws.WithKey(s.alg, key))
	if err != nil {
		t.Fatal(err)
	}
	return string(signed)
}

// unsigned is the token with alg "none" and no signature.
func (c claims) unsigned(t testing.TB) string {
	t.Helper()
	payload, err := json.Marshal(c.build(t))
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc(payload) + "."
}

// hmacWithPublicKey is the classic forgery: HS256 with the server's
// public key (as PEM, as servers publish it) for the shared secret.
func (c claims) hmacWithPublicKey(t testing.TB, s testSigner) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(s.pub)
	if err != nil {
		t.Fatal(err)
	}
	secret := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	key, err := jwk.Import(secret)
	if err != nil {
		t.Fatal(err)
	}
	_ = key.Set(jwk.KeyIDKey, s.kid)
	signed, err := jwt.Sign(c.build(t), jwt.WithKey(jwa.HS256(), key))
	if err != nil {
		t.Fatal(err)
	}
	return string(signed)
}

func claimOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// mustNotContain fails when s holds the token or any part of it.
func mustNotContain(t *testing.T, s, token string) {
	t.Helper()
	for part := range strings.SplitSeq(token, ".") {
		if len(part) > 8 && strings.Contains(s, part) {
			t.Errorf("the message echoes the token: %q", s)
		}
	}
}
