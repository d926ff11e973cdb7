package graph

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/ecograph/ecograph/internal/auth"
	"github.com/ecograph/ecograph/internal/store"
)

// mutationRoles is the role each mutation needs. Editors write actors,
// relations, sources and names; deleting and importing (which may
// overwrite many records at once) is for admins. A mutation missing here
// needs admin, so that a new one is closed until it is placed;
// TestMutationRoles checks that every mutation of the schema is.
var mutationRoles = map[string]auth.Role{
	"createActor":    auth.Editor,
	"updateActor":    auth.Editor,
	"createRelation": auth.Editor,
	"createSource":   auth.Editor,
	"createMany":     auth.Editor, // new records only: it overwrites nothing
	"addName":        auth.Editor,
	"removeName":     auth.Editor,
	"addAlias":       auth.Editor,
	"removeAlias":    auth.Editor,
	"deleteActor":    auth.Admin,
	"deleteRelation": auth.Admin,
	"importGraph":    auth.Admin,
}

// authorExtension is the name under which the guard leaves the caller in
// the operation's stats, for the operation's context.
const authorExtension = "Author"

// writeGuard lets a mutation through only for a caller whose role allows
// every field it selects: an API key from ECOGRAPH_API_KEYS (admin), or a
// JWT verified against ECOGRAPH_JWKS (its roles claim). It runs before
// execution, so a refused mutation writes nothing. With neither keys nor
// a JWKS configured, every mutation is refused. Queries are not guarded.
type writeGuard struct {
	keys   [][sha256.Size]byte
	tokens *auth.Verifier
	// onAuthor, if set, learns who was let through or refused for their
	// role, for the request log.
	onAuthor func(ctx context.Context, role, subject string)
}

var (
	_ graphql.HandlerExtension        = writeGuard{}
	_ graphql.OperationContextMutator = writeGuard{}
)

func newWriteGuard(keys []string, tokens *auth.Verifier, onAuthor func(ctx context.Context, role, subject string)) writeGuard {
	g := writeGuard{tokens: tokens, onAuthor: onAuthor}
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" {
			g.keys = append(g.keys, sha256.Sum256([]byte(k)))
		}
	}
	return g
}

func (writeGuard) ExtensionName() string                   { return "WriteGuard" }
func (writeGuard) Validate(graphql.ExecutableSchema) error { return nil }

func (g writeGuard) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if len(g.keys) == 0 && g.tokens == nil {
		return requestError(CodeForbidden, "writes are disabled on this server: start it with ECOGRAPH_API_KEYS set to one or more keys (or ECOGRAPH_JWKS for JWTs), and send Authorization: Bearer <key>")
	}
	id, err := g.identify(ctx, oc.Headers.Get("Authorization"))
	if err != nil {
		return err
	}
	if g.onAuthor != nil {
		g.onAuthor(ctx, id.Role.String(), id.Subject)
	}
	if field, need := neededRole(oc); !id.Role.Allows(need) {
		return requestError(CodeForbidden, "%s needs the role %s; this token's role is %s", field, need, id.Role)
	}
	oc.Stats.SetExtension(authorExtension, store.Author{Role: id.Role.String(), Subject: id.Subject})
	return nil
}

// identify tells who sends the Authorization header: an API key's
// holder, or a JWT's subject.
func (g writeGuard) identify(ctx context.Context, header string) (auth.Identity, *gqlerror.Error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		how := "a key from ECOGRAPH_API_KEYS"
		if g.tokens != nil {
			how += " or a JWT signed with a key of the server's JWKS"
		}
		return auth.Identity{}, requestError(CodeUnauthenticated, "mutations need the header Authorization: Bearer <key> with %s", how)
	}
	// Compare digests in constant time, against every key, so neither the
	// key's length nor which key matched shows in the timing.
	sum := sha256.Sum256([]byte(token))
	match := 0
	for _, k := range g.keys {
		match |= subtle.ConstantTimeCompare(sum[:], k[:])
	}
	if match == 1 {
		// The subject names the key by its digest's first 8 hex digits:
		// enough to tell keys apart in a log, nothing to guess a key by.
		return auth.Identity{Role: auth.Admin, Subject: "api-key:" + hex.EncodeToString(sum[:4])}, nil
	}
	if g.tokens == nil || !auth.LooksLikeJWT(token) {
		return auth.Identity{}, requestError(CodeUnauthenticated, "the API key in the Authorization header is not valid")
	}
	id, err := g.tokens.Verify(ctx, token)
	if err != nil {
		var refused *auth.Error
		if errors.As(err, &refused) {
			return auth.Identity{}, requestError(CodeUnauthenticated, "%s", refused.Message)
		}
		return auth.Identity{}, requestError(CodeUnauthenticated, "the bearer token could not be verified")
	}
	return id, nil
}

// neededRole is the highest role the operation's fields need, and the
// field that needs it. Fields are collected as execution will (fragments,
// @skip and @include), so none slips past by a fragment.
func neededRole(oc *graphql.OperationContext) (field string, need auth.Role) {
	need = auth.Editor // even a mutation that selects only __typename
	field = "a mutation"
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Mutation"}) {
		r, ok := mutationRoles[f.Name]
		if !ok && f.Name != "__typename" {
			r = auth.Admin
		}
		if r > need || field == "a mutation" && r == need {
			field, need = f.Name, r
		}
	}
	return field, need
}

// withAuthor puts the caller the guard let through into the operation's
// context, where store.AuthorFrom finds it.
func withAuthor(ctx context.Context, oc *graphql.OperationContext) context.Context {
	if oc == nil {
		return ctx
	}
	if a, ok := oc.Stats.GetExtension(authorExtension).(store.Author); ok {
		return store.WithAuthor(ctx, a)
	}
	return ctx
}
