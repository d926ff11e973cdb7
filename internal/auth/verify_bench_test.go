package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// BenchmarkVerify is what checking a token adds to each mutation: an
// RS256 (2048-bit) and an ES256 token against a JWKS of both keys.
//
//	go test ./internal/auth -run '^$' -bench Verify -benchmem
func BenchmarkVerify(b *testing.B) {
	r, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	e, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	set := jwk.NewSet()
	sign := map[string]string{}
	for _, k := range []struct {
		kid       string
		alg       jwa.SignatureAlgorithm
		priv, pub any
	}{{"rsa", jwa.RS256(), r, &r.PublicKey}, {"ec", jwa.ES256(), e, &e.PublicKey}} {
		pub, _ := jwk.Import(k.pub)
		_ = pub.Set(jwk.KeyIDKey, k.kid)
		_ = pub.Set(jwk.AlgorithmKey, k.alg)
		_ = set.AddKey(pub)
		priv, _ := jwk.Import(k.priv)
		_ = priv.Set(jwk.KeyIDKey, k.kid)
		tok, _ := jwt.NewBuilder().Subject("bench").Issuer("iss").Audience([]string{"aud"}).
			Expiration(time.Now().Add(time.Hour)).Claim("roles", []string{"editor"}).Build()
		signed, err := jwt.Sign(tok, jwt.WithKey(k.alg, priv))
		if err != nil {
			b.Fatal(err)
		}
		sign[k.alg.String()] = string(signed)
	}
	v := &Verifier{keys: fileKeys{set: set}, issuer: "iss", audience: "aud", claim: "roles"}
	for _, alg := range []string{"RS256", "ES256"} {
		b.Run(alg, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				id, err := v.Verify(context.Background(), sign[alg])
				if err != nil || id.Role != Editor {
					b.Fatal(id, err)
				}
			}
		})
	}
}
