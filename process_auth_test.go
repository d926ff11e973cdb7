package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProcessRefusesABadJWKS: a server told to trust a JWKS it cannot use
// does not start; it says why in one line and creates no data file.
func TestProcessRefusesABadJWKS(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := filepath.Join(dir, "missing.json")
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	for _, tc := range []struct {
		name, jwks string
		want       []string
	}{
		{"an issuer but no JWKS", "", []string{"--jwt-issuer and --jwt-audience check JWTs, which need --jwks (ECOGRAPH_JWKS)"}},
		{"a missing file", missing, []string{"ECOGRAPH_JWKS: cannot read the JWKS file " + missing}},
		{"not JSON", file("text.json", "not a key set"), []string{"ECOGRAPH_JWKS: cannot read the JWKS file"}},
		{"no keys", file("empty.json", `{"keys": []}`), []string{"has no keys"}},
		{"only a symmetric key", file("oct.json", `{"keys": [{"kty": "oct", "kid": "s", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQ"}]}`),
			[]string{"has no usable key", "symmetric (oct) keys are not accepted"}},
		{"plain http to another host", "http://id.example.org/jwks.json", []string{"fetch the JWKS over https", "loopback"}},
		{"a URL that does not answer", "http://127.0.0.1:1/jwks.json", []string{"ECOGRAPH_JWKS: cannot fetch the JWKS from http://127.0.0.1:1/jwks.json", "connection refused"}},
		{"a URL that answers 404", notFound.URL + "/jwks.json", []string{"cannot fetch the JWKS from " + notFound.URL + "/jwks.json: it answered 404 Not Found"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "ecograph.db")
			args := []string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--jwt-issuer", "https://id.example.org"}
			if tc.jwks != "" {
				args = append(args, "--jwks", tc.jwks)
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "NEO4J_URI=", "ECOGRAPH_JWKS=")
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the server started:\n%s", out)
			}
			msg := strings.TrimSpace(string(out))
			if strings.Count(msg, "\n") > 0 {
				t.Errorf("the error is more than one line:\n%s", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the error does not say %q:\n%s", w, msg)
				}
			}
			if _, err := os.Stat(data); err == nil {
				t.Error("a data file was created")
			}
		})
	}
}
