package httpapi

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestMarshalResponseAsJSON: an answer is written byte for byte as
// json.Marshal writes it, HTML characters and line separators in its
// data escaped, its errors and extensions in place, and data with spaces
// compacted.
func TestMarshalResponseAsJSON(t *testing.T) {
	yes := true
	errs := gqlerror.List{{Message: "bad <input> & more", Path: ast.Path{ast.PathName("a"), ast.PathIndex(1)},
		Extensions: map[string]any{"code": "BAD_USER_INPUT", "data": 0}}}
	cases := []struct {
		name string
		v    any
	}{
		{"data", &graphql.Response{Data: json.RawMessage(`{"a":[{"id":"x","name":"Q\"uote\\d"},1,true,null]}`)}},
		{"html and separators", &graphql.Response{Data: json.RawMessage("{\"n\":\"</script> & \u2028\u2029 \\u003c ok\"}")}},
		{"spaces inside strings", &graphql.Response{Data: json.RawMessage(`{"n":"a b\tc"}`)}},
		{"spaces outside strings", &graphql.Response{Data: json.RawMessage("{ \"n\" : [1, 2]\n}")}},
		{"errors and data", &graphql.Response{Errors: errs, Data: json.RawMessage(`{"a":null}`)}},
		{"errors alone", &graphql.Response{Errors: errs}},
		{"extensions", &graphql.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"cost": 3, "b<": "&"}}},
		{"incremental", &graphql.Response{Data: json.RawMessage(`{"a":1}`), Label: "l", Path: ast.Path{ast.PathName("x")}, HasNext: &yes}},
		{"not a response", map[string]any{"errors": []string{"x"}}},
	}
	for _, c := range cases {
		want, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalResponse(c.v)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: written\n%s\njson.Marshal writes\n%s", c.name, got, want)
		}
	}
}

// TestAppendDataSpaces: data is written in one pass unless it has spaces
// outside its strings; escaped quotes and backslashes do not end a
// string.
func TestAppendDataSpaces(t *testing.T) {
	cases := []struct {
		data string
		ok   bool
	}{
		{`{"a":"x y"}`, true},
		{`{"a":"q\" y","b":"c\\","d":[1,2]}`, true},
		{`{"a":"\\\" x"}`, true},
		{`{"a":"\u00e9 x"}`, true},
		{`{"a": 1}`, false},
		{`{"a":"x\\" ,"b":1}`, false},
		{"[1,\n2]", false},
	}
	for _, c := range cases {
		got, ok := appendData(nil, []byte(c.data))
		if ok != c.ok || (ok && string(got) != c.data) {
			t.Errorf("%s: written %s, %v; want %v", c.data, got, ok, c.ok)
		}
	}
}

// TestMarshalResponseRandomData: data of random strings, each byte that
// appendData passes over in runs or looks at (quotes, backslashes,
// spaces, HTML characters, separators, other UTF-8) beside the others,
// is written as json.Marshal writes it.
func TestMarshalResponseRandomData(t *testing.T) {
	pieces := []string{"a", "Z", "0", "-", ":", `"`, `\`, " ", "\t", "\n", "<", ">", "&", "\u2028", "\u2029", "\u2027", "é", "東", "\x01", "{", "]"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var names []any
		for range r.IntN(8) {
			var s strings.Builder
			for range r.IntN(12) {
				s.WriteString(pieces[r.IntN(len(pieces))])
			}
			names = append(names, map[string]any{"id": s.String(), "n": r.IntN(100), "ok": r.IntN(2) == 0})
		}
		// gqlgen escapes none of <, > and & itself.
		data := unescapeHTML(t, names)
		v := &graphql.Response{Data: json.RawMessage(data)}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalResponse(v)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("data %s: written\n%s (%v)\njson.Marshal writes\n%s", data, got, err, want)
		}
	}
}

// unescapeHTML encodes v as JSON without escaping HTML characters, as
// gqlgen writes data.
func unescapeHTML(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"list": v}); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
