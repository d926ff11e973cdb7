package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The mutations the role tests send; $id names the actor each works on.
const (
	createMutation = `mutation($id: ID!) { createActor(input: {id: $id, kind: STARTUP, name: "A JWT test startup"}) { id } }`
	updateMutation = `mutation($id: ID!) { updateActor(id: $id, input: {description: "changed with a token"}) { id } }`
	deleteMutation = `mutation($id: ID!) { deleteActor(id: $id) }`
	// A delete inside a fragment must be seen as a delete.
	fragmentDelete = `mutation($id: ID!) { ...D } fragment D on Mutation { deleteActor(id: $id) }`
	// importedID is the startup importDoc adds.
	importedID = "sch-startup-6"
)

// jwtEnv is a server that takes testKey and JWTs signed with a key of
// the JWKS at source, from testIssuer for testAudience.
func jwtEnv(source string) map[string]string {
	return map[string]string{
		"ECOGRAPH_API_KEYS":     testKey,
		"ECOGRAPH_JWKS":         source,
		"ECOGRAPH_JWT_ISSUER":   testIssuer,
		"ECOGRAPH_JWT_AUDIENCE": testAudience,
	}
}

// postBearer sends a GraphQL request with the token, asking for
// application/graphql-response+json, whose status says why a request was
// refused (401, 403).
func (s *apiServer) postBearer(token, query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.http.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	req.Header.Set("Authorization", "Bearer "+token)
	return s.do(req)
}

// description is an actor's description, as the API answers it.
func (s *apiServer) description(id string) string {
	s.t.Helper()
	var out struct{ Actor struct{ Description *string } }
	s.query(`query($id: ID!) { actor(id: $id) { description } }`, map[string]any{"id": id}, &out)
	if out.Actor.Description == nil {
		return ""
	}
	return *out.Actor.Description
}

// wantTokenRefused checks a refusal's status, code and message, and that the
// message does not echo the token.
func wantTokenRefused(t *testing.T, r gqlResponse, status int, code, token string, parts ...string) {
	t.Helper()
	if r.status != status {
		t.Errorf("status %d, want %d", r.status, status)
	}
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Errorf("a refused request answered data %s", r.Data)
	}
	e := wantError(t, r, code, parts...)
	mustNotContain(t, e.Message, token)
}

// TestJWTRoles: a valid token writes what its role allows, and is
// refused with FORBIDDEN, naming the role needed, for the rest; a
// refused write changes nothing. API keys keep acting as admin.
func TestJWTRoles(t *testing.T) {
	k := testKeys()
	api := startAPI(t, jwtEnv(writeJWKS(t, k.rsa, k.ec)))
	as := func(roles any) string { return claims{roles: roles}.token(t, k.rsa) }
	importVars := map[string]any{"doc": importDoc}

	for _, tc := range []struct {
		name   string
		token  string
		query  string
		exists bool // the case's actor is stored before it runs
		// want is the refusal's message parts; none means allowed.
		want []string
		// after says whether the actor is stored afterwards.
		after bool
	}{
		{name: "reader creates", token: as([]string{"reader"}), query: createMutation,
			want: []string{"createActor needs the role editor", "this token's role is reader"}},
		{name: "no roles claim is a reader", token: as(nil), query: createMutation,
			want: []string{"createActor needs the role editor", "role is reader"}},
		{name: "unknown roles are a reader", token: as([]string{"superuser", "offline_access"}), query: createMutation,
			want: []string{"needs the role editor", "role is reader"}},
		{name: "editor creates", token: as([]string{"editor"}), query: createMutation, after: true},
		{name: "editor as a string creates", token: as("editor"), query: createMutation, after: true},
		{name: "editor with ES256 creates", token: claims{roles: []string{"editor"}}.token(t, k.ec), query: createMutation, after: true},
		{name: "reader updates", token: as([]string{"reader"}), query: updateMutation, exists: true, after: true,
			want: []string{"updateActor needs the role editor"}},
		{name: "editor updates", token: as([]string{"editor"}), query: updateMutation, exists: true, after: true},
		{name: "editor deletes", token: as([]string{"editor"}), query: deleteMutation, exists: true, after: true,
			want: []string{"deleteActor needs the role admin", "this token's role is editor"}},
		{name: "editor deletes in a fragment", token: as([]string{"editor"}), query: fragmentDelete, exists: true, after: true,
			want: []string{"deleteActor needs the role admin"}},
		{name: "admin deletes", token: as([]string{"reader", "admin"}), query: deleteMutation, exists: true},
		{name: "API key deletes, as admin", token: testKey, query: deleteMutation, exists: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := "jwt-" + strings.NewReplacer(" ", "-", ",", "").Replace(strings.ToLower(tc.name))
			vars := map[string]any{"id": id}
			if tc.exists {
				api.mutate(createMutation, vars, nil)
			}
			r := api.postBearer(tc.token, tc.query, vars)
			if tc.want != nil {
				wantTokenRefused(t, r, http.StatusForbidden, "FORBIDDEN", tc.token, tc.want...)
			} else if len(r.Errors) > 0 || r.status != http.StatusOK {
				t.Fatalf("status %d, errors %+v", r.status, r.Errors)
			}
			if got := api.actorExists(id); got != tc.after {
				t.Errorf("actor %s stored: %v, want %v", id, got, tc.after)
			}
			if tc.query == updateMutation {
				changed := api.description(id) == "changed with a token"
				if changed != (tc.want == nil) {
					t.Errorf("description changed: %v, want %v", changed, tc.want == nil)
				}
			}
		})
	}

	t.Run("editor imports", func(t *testing.T) {
		tok := as([]string{"editor"})
		r := api.postBearer(tok, importMutation, importVars)
		wantTokenRefused(t, r, http.StatusForbidden, "FORBIDDEN", tok, "importGraph needs the role admin", "role is editor")
		if api.actorExists(importedID) {
			t.Errorf("a refused import stored %s", importedID)
		}
	})
	t.Run("admin imports", func(t *testing.T) {
		r := api.postBearer(as([]string{"admin"}), importMutation, importVars)
		if len(r.Errors) > 0 {
			t.Fatalf("errors %+v", r.Errors)
		}
		if !api.actorExists(importedID) {
			t.Errorf("the import did not store %s", importedID)
		}
	})
}

// TestJWTRefusals: a token that fails any check is UNAUTHENTICATED (401),
// with a message naming what failed and never the token, and writes
// nothing, whatever role it claims.
func TestJWTRefusals(t *testing.T) {
	k := testKeys()
	api := startAPI(t, jwtEnv(writeJWKS(t, k.rsa, k.ec)))
	admin := []string{"admin"}
	valid := claims{roles: admin}.token(t, k.rsa)
	// A reader's token with an admin's claims put in: the signature no
	// longer matches.
	head, _, _ := strings.Cut(claims{roles: []string{"reader"}}.token(t, k.rsa), ".")
	_, rest, _ := strings.Cut(valid, ".")
	_, sig, _ := strings.Cut(rest, ".")
	_, forged, _ := strings.Cut(claims{roles: admin, sub: "mallory"}.token(t, k.other), ".")
	forged, _, _ = strings.Cut(forged, ".")
	tampered := head + "." + forged + "." + sig
	unknownKid := k.other
	unknownKid.kid = "rsa-9"

	for _, tc := range []struct {
		name  string
		token string
		want  string
	}{
		{"expired", claims{roles: admin, exp: -time.Hour, iat: -2 * time.Hour}.token(t, k.rsa), "the bearer token has expired"},
		{"not yet valid", claims{roles: admin, nbf: time.Hour}.token(t, k.rsa), "is not valid yet (its nbf"},
		{"issued in the future", claims{roles: admin, iat: time.Hour}.token(t, k.rsa), "issued in the future"},
		{"wrong issuer", claims{roles: admin, iss: "https://elsewhere.example"}.token(t, k.rsa), "issuer (iss) is not " + testIssuer},
		{"wrong audience", claims{roles: admin, aud: "another-api"}.token(t, k.rsa), "audience (aud) does not include " + testAudience},
		{"no exp", claims{roles: admin, noExp: true}.token(t, k.rsa), "has no exp claim"},
		{"signed by another key", claims{roles: admin}.token(t, k.other), "signature does not verify with any key"},
		{"a kid the JWKS lacks", claims{roles: admin}.token(t, unknownKid), "kid) is not in the server's JWKS"},
		{"claims changed after signing", tampered, "signature does not verify"},
		{"alg none", claims{roles: admin}.unsigned(t), "signed with algorithm none, which this server does not accept"},
		{"HS256 with the public key as secret", claims{roles: admin}.hmacWithPublicKey(t, k.rsa), "algorithm HS256, which this server does not accept"},
		{"malformed", "eyJhbGciOiJSUzI1NiJ9.not base64!.x", "is not a well-formed JWT"},
		{"three parts of nothing", "a.b.c", "is not a well-formed JWT"},
		{"a payload that is not claims", "eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln", "payload is not a JSON object of claims"},
		{"exp of the wrong type", signRaw(t, k.rsa, `{"sub":"user-42","iss":"`+testIssuer+`","aud":"`+testAudience+`","exp":"tomorrow","roles":["admin"]}`), "claims cannot be read"},
		{"neither a key nor a JWT", "not-a-key", "the API key in the Authorization header is not valid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := "jwt-refused-" + strings.ReplaceAll(strings.ToLower(tc.name), " ", "-")
			r := api.postBearer(tc.token, createMutation, map[string]any{"id": id})
			wantTokenRefused(t, r, http.StatusUnauthorized, "UNAUTHENTICATED", tc.token, tc.want)
			if api.actorExists(id) {
				t.Errorf("a refused token stored %s", id)
			}
		})
	}

	// Within the leeway, a token just expired is still taken.
	t.Run("expired within the leeway", func(t *testing.T) {
		tok := claims{roles: admin, exp: -5 * time.Second, iat: -time.Minute}.token(t, k.rsa)
		if r := api.postBearer(tok, createMutation, map[string]any{"id": "jwt-leeway"}); len(r.Errors) > 0 {
			t.Fatalf("errors %+v", r.Errors)
		}
	})
}

// TestJWTRolesClaim: the roles claim can be renamed, or be a path into
// nested claims (Keycloak's realm_access.roles).
func TestJWTRolesClaim(t *testing.T) {
	k := testKeys()
	env := jwtEnv(writeJWKS(t, k.rsa))
	env["ECOGRAPH_JWT_ROLES_CLAIM"] = "realm_access.roles"
	api := startAPI(t, env)
	nested := claims{extra: map[string]any{"realm_access": map[string]any{"roles": []string{"offline_access", "editor"}}}}.token(t, k.rsa)
	api.decode(api.postBearer(nested, createMutation, map[string]any{"id": "jwt-nested-editor"}), nil)
	// The top-level roles claim is not the one read now.
	top := claims{roles: []string{"admin"}}.token(t, k.rsa)
	r := api.postBearer(top, createMutation, map[string]any{"id": "jwt-top-level"})
	wantTokenRefused(t, r, http.StatusForbidden, "FORBIDDEN", top, "role is reader")
}
