// Package auth says who is calling: it verifies JWT bearer tokens against
// a JWKS (a file, or an https URL kept fresh in a cache) and reads the
// caller's role from a configurable claim. The GraphQL write guard
// (graph/extensions.go) asks it; API keys stay the guard's own business.
package auth

import "strings"

// Role is what a caller may do. Roles are ordered: each allows what the
// ones below it allow.
type Role int

// The roles, lowest first.
const (
	// Reader may only read: every mutation is refused.
	Reader Role = iota + 1
	// Editor may create and change actors, relations, sources and names.
	Editor
	// Admin may also delete and import.
	Admin
)

// String is the role's name as tokens carry it and logs show it.
func (r Role) String() string {
	switch r {
	case Reader:
		return "reader"
	case Editor:
		return "editor"
	case Admin:
		return "admin"
	}
	return "none"
}

// Allows says whether a caller of role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r >= need }

// ParseRole reads a role's name, in any case; ok is false for a name
// that is not a role.
func ParseRole(name string) (r Role, ok bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "reader":
		return Reader, true
	case "editor":
		return Editor, true
	case "admin":
		return Admin, true
	}
	return 0, false
}

// roleOf is the highest role among the claim's values: a string (one role,
// or several separated by spaces, as OAuth scopes are) or a list of
// strings. No known role, or no claim, is Reader: a valid token proves who
// the caller is, not that they may write.
func roleOf(claim any) Role {
	best := Reader
	consider := func(s string) {
		for f := range strings.FieldsSeq(s) {
			if r, ok := ParseRole(f); ok && r > best {
				best = r
			}
		}
	}
	switch v := claim.(type) {
	case string:
		consider(v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				consider(s)
			}
		}
	case []string:
		for _, s := range v {
			consider(s)
		}
	}
	return best
}

// lookupClaim finds a claim by name in the token's claims: the name as
// it is first (namespaced claims such as https://example.org/roles hold
// dots), then as a dotted path through nested objects, as Keycloak's
// realm_access.roles.
func lookupClaim(claims map[string]any, name string) (any, bool) {
	if v, ok := claims[name]; ok {
		return v, true
	}
	var cur any = claims
	for part := range strings.SplitSeq(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}
