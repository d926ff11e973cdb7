package auth

import (
	"encoding/json"
	"testing"
)

func TestRoleOfClaim(t *testing.T) {
	for _, tc := range []struct {
		name  string
		claim string // JSON
		path  string
		want  Role
	}{
		{"a list", `{"roles": ["editor"]}`, "roles", Editor},
		{"the highest of several", `{"roles": ["reader", "admin", "editor"]}`, "roles", Admin},
		{"a string", `{"roles": "admin"}`, "roles", Admin},
		{"a space-separated string", `{"scope": "openid editor"}`, "scope", Editor},
		{"any case", `{"roles": ["Editor"]}`, "roles", Editor},
		{"no known role", `{"roles": ["offline_access"]}`, "roles", Reader},
		{"no claim", `{"sub": "x"}`, "roles", Reader},
		{"not strings", `{"roles": [1, {"admin": true}]}`, "roles", Reader},
		{"a dotted path", `{"realm_access": {"roles": ["admin"]}}`, "realm_access.roles", Admin},
		{"a path that stops short", `{"realm_access": "admin"}`, "realm_access.roles", Reader},
		{"a name with dots", `{"https://example.org/roles": ["editor"]}`, "https://example.org/roles", Editor},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var claims map[string]any
			if err := json.Unmarshal([]byte(tc.claim), &claims); err != nil {
				t.Fatal(err)
			}
			got := Reader
			if v, ok := lookupClaim(claims, tc.path); ok {
				got = roleOf(v)
			}
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestRoleAllows(t *testing.T) {
	for _, tc := range []struct {
		have, need Role
		want       bool
	}{
		{Reader, Editor, false}, {Editor, Editor, true}, {Editor, Admin, false}, {Admin, Editor, true}, {Admin, Admin, true},
	} {
		if got := tc.have.Allows(tc.need); got != tc.want {
			t.Errorf("%s allows %s: %v, want %v", tc.have, tc.need, got, tc.want)
		}
	}
}
