package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestDecodeBodyAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, body    string
		query, opName string
		vars          map[string]any
	}{
		{"query only", `{"query": "{ a }"}`, "{ a }", "", nil},
		{"nulls", `{"query": "{ a }", "operationName": null, "variables": null, "extensions": null}`, "{ a }", "", nil},
		{"numbers stay exact", `{"query": "q", "variables": {"n": 4611686018427387905, "f": 1.5}}`, "q", "", map[string]any{"n": json.Number("4611686018427387905"), "f": json.Number("1.5")}},
		{"unknown keys are ignored", `{"query": "q", "operationName": "Op", "id": 7}`, "q", "Op", nil},
		{"surrounding white space", " \n\t{\"query\": \"q\"}\r\n ", "q", "", nil},
		{"a surrogate pair", `{"query": "q", "variables": {"s": "\ud83d\ude00"}}`, "q", "", map[string]any{"s": "😀"}},
		{"an escaped backslash before u", `{"query": "q", "variables": {"s": "\\ud800"}}`, "q", "", map[string]any{"s": `\ud800`}},
		{"UTF-8 text", `{"query": "q", "variables": {"s": "Oʻzbekiston 순천향"}}`, "q", "", map[string]any{"s": "Oʻzbekiston 순천향"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ref := decodeBody([]byte(tc.body))
			if ref != nil {
				t.Fatalf("refused: %s", ref.message)
			}
			if p.Query != tc.query || p.OperationName != tc.opName || !reflect.DeepEqual(p.Variables, tc.vars) {
				t.Fatalf("got query %q, operationName %q, variables %#v", p.Query, p.OperationName, p.Variables)
			}
		})
	}
}

func TestDecodeBodyRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		reason     Reason
		message    string
	}{
		{"empty", "", ReasonBadRequest, "the body is empty"},
		{"white space only", "  \n", ReasonBadRequest, "the body is empty"},
		{"a batch", `[{"query": "q"}]`, ReasonBatchNotSupported, "batched requests"},
		{"a string", `"{ a }"`, ReasonBadRequest, "must be a JSON object"},
		{"not JSON", `query { a }`, ReasonBadRequest, "the body is not JSON: invalid character 'q' looking for beginning of value at byte 1"},
		{"cut short", `{"query": "q", "variables": {`, ReasonBadRequest, "ends early, at byte 29"},
		{"a second object", `{"query": "q"}{"query": "r"}`, ReasonBadRequest, "goes on after its JSON object, at byte 15"},
		{"no query", `{"variables": {}}`, ReasonBadRequest, "no query"},
		{"query null", `{"query": null}`, ReasonBadRequest, "no query"},
		{"query an array", `{"query": ["q"]}`, ReasonBadRequest, "query must be a string holding the GraphQL document, not an array"},
		{"operationName a boolean", `{"query": "q", "operationName": true}`, ReasonBadRequest, "operationName must be a string or null, not a boolean"},
		{"variables a string", `{"query": "q", "variables": "{}"}`, ReasonBadRequest, "variables must be a JSON object or null, not a string"},
		{"extensions an array", `{"query": "q", "extensions": []}`, ReasonBadRequest, "extensions must be a JSON object or null, not an array"},
		{"invalid UTF-8", "{\"query\": \"q\xff\"}", ReasonInvalidUTF8, "byte 13 (0xff)"},
		{"a truncated character", "{\"query\": \"q\", \"variables\": {\"s\": \"\xe4\xb8\"}}", ReasonInvalidUTF8, "byte 36 (0xe4)"},
		{"a lone high surrogate", `{"query": "q", "variables": {"s": "a\ud800b"}}`, ReasonInvalidUTF8, "lone UTF-16 surrogate at byte 37"},
		{"a lone low surrogate", `{"query": "q\udc00"}`, ReasonInvalidUTF8, "lone UTF-16 surrogate"},
		{"a high surrogate at the end", `{"query": "q\ud83d"}`, ReasonInvalidUTF8, "lone UTF-16 surrogate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ref := decodeBody([]byte(tc.body))
			if ref == nil {
				t.Fatalf("accepted as %+v", p)
			}
			if ref.reason != tc.reason || ref.status != http.StatusBadRequest || ref.code != codeBadUserInput {
				t.Errorf("status %d, code %s, reason %s; want 400, BAD_USER_INPUT, %s", ref.status, ref.code, ref.reason, tc.reason)
			}
			if !strings.Contains(ref.message, tc.message) {
				t.Errorf("message %q, want it to say %q", ref.message, tc.message)
			}
		})
	}
}

func TestDecodeQuery(t *testing.T) {
	p, ref := decodeQuery("query=query+Q(%24n%3A+Int)+%7B+a(n%3A+%24n)+%7D&operationName=Q&variables=%7B%22n%22%3A+3%7D")
	if ref != nil {
		t.Fatalf("refused: %s", ref.message)
	}
	if p.Query != "query Q($n: Int) { a(n: $n) }" || p.OperationName != "Q" || p.Variables["n"] != json.Number("3") {
		t.Fatalf("got %+v", p)
	}
	for _, tc := range []struct {
		name, raw string
		reason    Reason
		message   string
	}{
		{"no query", "operationName=Q", ReasonBadRequest, "no query parameter"},
		{"a broken escape", "query=%G0", ReasonBadRequest, "malformed"},
		{"variables not JSON", "query=q&variables=%7Bn%7D", ReasonBadRequest, "variables is not JSON"},
		{"variables a number", "query=q&variables=3", ReasonBadRequest, "variables must be a JSON object or null, not a number"},
		{"invalid UTF-8 in the query", "query=%7B+%C0+%7D", ReasonInvalidUTF8, "query is not valid UTF-8: byte 3 (0xc0)"},
		{"invalid UTF-8 in the operation name", "query=q&operationName=%FF", ReasonInvalidUTF8, "operationName is not valid UTF-8"},
		{"a lone surrogate in variables", "query=q&variables=%7B%22s%22%3A%22%5Cud800%22%7D", ReasonInvalidUTF8, "variables escapes a lone UTF-16 surrogate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ref := decodeQuery(tc.raw)
			if ref == nil || ref.reason != tc.reason || !strings.Contains(ref.message, tc.message) {
				t.Fatalf("got %+v, want %s saying %q", ref, tc.reason, tc.message)
			}
		})
	}
}

func TestResponseType(t *testing.T) {
	for accept, want := range map[string]string{
		"":                                  mediaJSON,
		"*/*":                               mediaJSON,
		"text/html":                         mediaJSON,
		"application/json":                  mediaJSON,
		"application/graphql-response+json": mediaGraphQLResponse,
		"application/graphql-response+json, application/json;q=0.9": mediaGraphQLResponse,
		"application/json, application/graphql-response+json":       mediaJSON,
		"application/json;q=0, application/graphql-response+json":   mediaGraphQLResponse,
		"text/html, application/*;q=0.8":                            mediaJSON,
	} {
		r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		r.Header.Set("Accept", accept)
		if got := responseType(r); got != want {
			t.Errorf("Accept %q: %s, want %s", accept, got, want)
		}
	}
}

// BenchmarkDecodeBody decodes bodies near the 1 MiB limit: many
// variables, and a string of escapes the surrogate check walks. Both must
// stay linear in the body's size.
//
//	go test -run '^$' -bench DecodeBody -benchmem ./internal/httpapi
func BenchmarkDecodeBody(b *testing.B) {
	var vars strings.Builder
	for i := range 60000 {
		if i > 0 {
			vars.WriteByte(',')
		}
		vars.WriteString(`"k` + strconv.Itoa(i) + `": 1`)
	}
	for name, body := range map[string]string{
		"60k variables":  `{"query": "{ __typename }", "variables": {` + vars.String() + `}}`,
		"1 MiB escapes":  `{"query": "{ __typename }", "variables": {"s": "` + strings.Repeat(`\ud83d\ude00`, 1<<20/12) + `"}}`,
		"1 MiB of query": `{"query": "` + strings.Repeat("{ __typename } ", 1<<20/15) + `"}`,
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, ref := decodeBody([]byte(body)); ref != nil {
					b.Fatal(ref.message)
				}
			}
		})
	}
}
