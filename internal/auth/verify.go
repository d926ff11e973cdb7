package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// Config says which tokens to trust.
type Config struct {
	// JWKS is a file path or an https URL of the keys tokens are signed
	// with; empty turns JWTs off.
	JWKS string
	// Issuer, when set, must be the token's iss.
	Issuer string
	// Audience, when set, must be among the token's aud.
	Audience string
	// RolesClaim names the claim roles are read from: a top-level name or
	// a dotted path (realm_access.roles). Empty is "roles".
	RolesClaim string
}

// Leeway is the clock skew allowed when exp, nbf and iat are checked.
const Leeway = 30 * time.Second

// maxTokenBytes bounds the token read: far above any real JWT, far below
// what would cost the server anything to refuse.
const maxTokenBytes = 16 << 10

// Identity is a verified caller.
type Identity struct {
	Role Role
	// Subject is the token's sub ("jwt" when it has none).
	Subject string
}

// Error is a token refused: its message says what failed, in words fit
// for the client, and never repeats the token.
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

func refuse(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// Verifier checks JWT bearer tokens.
type Verifier struct {
	keys     keySource
	issuer   string
	audience string
	claim    string
}

// New opens the JWKS cfg names and returns a verifier over it, or nil
// when cfg names none. A JWKS URL is refreshed in the background until
// ctx is done. The error is one line naming what is wrong with the JWKS.
func New(ctx context.Context, cfg Config) (*Verifier, error) {
	if cfg.JWKS == "" {
		return nil, nil
	}
	keys, err := loadKeys(ctx, cfg.JWKS)
	if err != nil {
		return nil, err
	}
	claim := cfg.RolesClaim
	if claim == "" {
		claim = "roles"
	}
	return &Verifier{keys: keys, issuer: cfg.Issuer, audience: cfg.Audience, claim: claim}, nil
}

// LooksLikeJWT says whether a bearer token has a JWT's shape (three
// dot-separated parts), to tell it from an API key.
func LooksLikeJWT(token string) bool {
	return strings.Count(token, ".") == 2
}

// header is the part of a JWS header read before verification, to choose
// the key and to refuse an algorithm early with a clear message.
type header struct {
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

// asymmetricAlgs are the algorithms accepted: public-key signatures only.
// "none" and the HMAC ones (HS256...) are refused whatever the keys say:
// an HMAC "signed" with a public key as its secret is the classic forgery.
var asymmetricAlgs = map[string]bool{
	"RS256": true, "RS384": true, "RS512": true,
	"PS256": true, "PS384": true, "PS512": true,
	"ES256": true, "ES384": true, "ES512": true,
	"EdDSA": true, "Ed25519": true,
}

// knownAlgs are other algorithm names a refusal may repeat; anything else
// a token says is not echoed.
var knownAlgs = map[string]bool{"none": true, "HS256": true, "HS384": true, "HS512": true, "ES256K": true}

// Verify checks token's signature against the JWKS and its exp, nbf, iat,
// iss and aud, and returns who it names and their role. A refusal is an
// *Error saying what failed.
func (v *Verifier) Verify(ctx context.Context, token string) (Identity, error) {
	if len(token) > maxTokenBytes {
		return Identity{}, refuse("the bearer token is longer than %d bytes", maxTokenBytes)
	}
	h, err := readHeader(token)
	if err != nil {
		return Identity{}, err
	}
	if !asymmetricAlgs[h.Alg] {
		alg := "its algorithm"
		if knownAlgs[h.Alg] {
			alg = "algorithm " + h.Alg
		}
		return Identity{}, refuse("the bearer token is signed with %s, which this server does not accept; use RS256, PS256, ES256 or EdDSA with a key from the server's JWKS", alg)
	}
	tok, err := v.verify(ctx, token, h)
	if err != nil {
		return Identity{}, err
	}
	sub, _ := tok.Subject()
	if sub == "" {
		sub = "jwt"
	}
	return Identity{Role: v.role(tok), Subject: sub}, nil
}

// readHeader decodes the token's JOSE header.
func readHeader(token string) (header, error) {
	malformed := refuse("the bearer token is not a well-formed JWT (three base64url parts: header.payload.signature)")
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return header{}, malformed
	}
	var decoded [3][]byte
	for i, p := range parts {
		b, err := base64.RawURLEncoding.DecodeString(p)
		if err != nil {
			return header{}, malformed
		}
		decoded[i] = b
	}
	var h header
	if err := json.Unmarshal(decoded[0], &h); err != nil || h.Alg == "" {
		return header{}, malformed
	}
	var payload map[string]json.RawMessage
	if err := json.Unmarshal(decoded[1], &payload); err != nil {
		return header{}, refuse("the bearer token's payload is not a JSON object of claims")
	}
	return h, nil
}

// verify tries the keys that may have signed the token: the one its kid
// names, or every key when it names none. A key that declares an
// algorithm verifies only that one.
func (v *Verifier) verify(ctx context.Context, token string, h header) (jwt.Token, error) {
	set, err := v.keys.keys(ctx)
	if err != nil {
		return nil, refuse("the server cannot read its JWKS now; try again later")
	}
	cands := candidates(set, h)
	if len(cands) == 0 && h.Kid != "" && v.keys.refresh(ctx) {
		// A key rotated in since the cache was filled.
		if set, err = v.keys.keys(ctx); err == nil {
			cands = candidates(set, h)
		}
	}
	if len(cands) == 0 {
		if h.Kid != "" {
			return nil, refuse("the bearer token's key (its kid) is not in the server's JWKS, or does not allow %s", h.Alg)
		}
		return nil, refuse("no key of the server's JWKS allows %s", h.Alg)
	}
	alg, _ := jwa.LookupSignatureAlgorithm(h.Alg)
	opts := []jwt.ParseOption{
		jwt.WithValidate(true),
		jwt.WithAcceptableSkew(Leeway),
		jwt.WithRequiredClaim("exp"),
	}
	if v.issuer != "" {
		opts = append(opts, jwt.WithIssuer(v.issuer))
	}
	if v.audience != "" {
		opts = append(opts, jwt.WithAudience(v.audience))
	}
	for _, k := range cands {
		tok, err := jwt.ParseString(token, append(opts, jwt.WithKey(alg, k))...)
		if err == nil {
			return tok, nil
		}
		switch {
		case errors.Is(err, jwt.ValidateError()):
			return nil, v.invalid(err)
		case errors.Is(err, jws.VerificationError()), errors.Is(err, jws.VerifyError()):
			continue // perhaps another key's
		default:
			// Signed, but a claim is not of its type (exp not a number...).
			return nil, refuse("the bearer token's claims cannot be read: a registered claim (exp, nbf, iat, iss, aud, sub) has the wrong type")
		}
	}
	return nil, refuse("the bearer token's signature does not verify with any key of the server's JWKS")
}

// candidates are the public keys of set that may verify a token with
// header h.
func candidates(set jwk.Set, h header) []jwk.Key {
	var out []jwk.Key
	for i := range set.Len() {
		k, ok := set.Key(i)
		if !ok || !asymmetric(k) {
			continue
		}
		if kid, ok := k.KeyID(); h.Kid != "" && ok && kid != h.Kid {
			continue
		}
		if alg, ok := k.Algorithm(); ok && alg.String() != h.Alg {
			continue
		}
		if use, ok := k.KeyUsage(); ok && use != "sig" {
			continue // an encryption key does not sign
		}
		pub, err := jwk.PublicKeyOf(k)
		if err != nil {
			continue
		}
		out = append(out, pub)
	}
	return out
}

// invalid says which claim failed validation.
func (v *Verifier) invalid(err error) *Error {
	switch {
	case errors.Is(err, jwt.TokenExpiredError()):
		return refuse("the bearer token has expired (its exp is past)")
	case errors.Is(err, jwt.TokenNotYetValidError()):
		return refuse("the bearer token is not valid yet (its nbf is in the future)")
	case errors.Is(err, jwt.InvalidIssuedAtError()):
		return refuse("the bearer token was issued in the future (its iat)")
	case errors.Is(err, jwt.InvalidIssuerError()):
		return refuse("the bearer token's issuer (iss) is not %s, the one this server trusts", v.issuer)
	case errors.Is(err, jwt.InvalidAudienceError()):
		return refuse("the bearer token's audience (aud) does not include %s, this server's", v.audience)
	case errors.Is(err, jwt.MissingRequiredClaimError()):
		return refuse("the bearer token has no exp claim; tokens must expire")
	}
	return refuse("the bearer token's claims are not valid")
}

// role reads the role claim.
func (v *Verifier) role(tok jwt.Token) Role {
	claims := map[string]any{}
	for _, name := range tok.Keys() {
		var val any
		if err := tok.Get(name, &val); err == nil {
			claims[name] = val
		}
	}
	val, ok := lookupClaim(claims, v.claim)
	if !ok {
		return Reader
	}
	return roleOf(val)
}
