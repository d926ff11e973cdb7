package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// example is the shape every refusal of a malformed body points to.
const example = `{"query": "{ __typename }", "variables": {}}`

// decodeBody reads a POST body as one GraphQL-over-HTTP request, strictly:
// valid UTF-8 with no lone surrogate escapes, one JSON object and nothing
// after it, query a string, operationName a string or null, variables and
// extensions objects or null. Unknown keys are ignored, as the spec lets a
// server do. Every refusal names the problem and its place, never a Go
// type, and never echoes the body.
func decodeBody(body []byte) (*graphql.RawParams, *refusal) {
	if ref := checkUTF8("the body", body); ref != nil {
		return nil, ref
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, badRequest(ReasonBadRequest, "the body is empty; send a JSON object such as "+example)
	case trimmed[0] == '[':
		return nil, badRequest(ReasonBatchNotSupported, "batched requests (a JSON array) are not supported; send one request per POST, as a JSON object such as "+example)
	case trimmed[0] != '{':
		if !json.Valid(body) {
			return nil, badRequest(ReasonBadRequest, "the body is not JSON: "+syntaxProblem(body))
		}
		return nil, badRequest(ReasonBadRequest, "the body must be a JSON object such as "+example)
	}
	// Unmarshal reads the body where it lies; a Decoder would first copy
	// it into a buffer of its own, and a hostile megabyte would cost
	// several. Only a body it refuses is read again, to say why.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, malformedBody(body)
	}
	if off, ok := loneSurrogate(body); ok {
		return nil, badRequest(ReasonInvalidUTF8, fmt.Sprintf("the body escapes a lone UTF-16 surrogate at byte %d, which is not a character", off+1))
	}

	p := &graphql.RawParams{}
	query, ok := fields["query"]
	if !ok || isNull(query) {
		return nil, badRequest(ReasonBadRequest, "the body has no query; send the GraphQL document as a string in \"query\", as in "+example)
	}
	if err := json.Unmarshal(query, &p.Query); err != nil {
		return nil, badRequest(ReasonBadRequest, "query must be a string holding the GraphQL document, not "+jsonKind(query))
	}
	if raw, ok := fields["operationName"]; ok && !isNull(raw) {
		if err := json.Unmarshal(raw, &p.OperationName); err != nil {
			return nil, badRequest(ReasonBadRequest, "operationName must be a string or null, not "+jsonKind(raw))
		}
	}
	var ref *refusal
	if p.Variables, ref = object("variables", fields["variables"]); ref != nil {
		return nil, ref
	}
	if p.Extensions, ref = object("extensions", fields["extensions"]); ref != nil {
		return nil, ref
	}
	return p, nil
}

// malformedBody says why a body that starts as an object is not one JSON
// object: it goes on after the object, or it is not JSON at all.
func malformedBody(body []byte) *refusal {
	dec := json.NewDecoder(bytes.NewReader(body))
	var skip json.RawMessage
	if err := dec.Decode(&skip); err == nil {
		end := dec.InputOffset()
		if rest := body[end:]; len(bytes.TrimSpace(rest)) > 0 {
			next := int(end) + len(rest) - len(bytes.TrimLeft(rest, " \t\r\n"))
			return badRequest(ReasonBadRequest, fmt.Sprintf("the body goes on after its JSON object, at byte %d; send one object only", next+1))
		}
	}
	return badRequest(ReasonBadRequest, "the body is not JSON: "+syntaxProblem(body))
}

// decodeQuery reads a GET request's URL parameters: query, and the
// optional operationName, and variables and extensions as JSON objects.
func decodeQuery(rawQuery string) (*graphql.RawParams, *refusal) {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, badRequest(ReasonBadRequest, "the URL's query string is malformed: a %-escape is invalid or a parameter is broken")
	}
	for _, name := range []string{"query", "operationName", "variables", "extensions"} {
		if ref := checkUTF8(name, []byte(values.Get(name))); ref != nil {
			return nil, ref
		}
	}
	p := &graphql.RawParams{Query: values.Get("query"), OperationName: values.Get("operationName")}
	if p.Query == "" {
		return nil, badRequest(ReasonBadRequest, "the URL has no query parameter; send GET /graphql?query={ __typename }")
	}
	var ref *refusal
	for _, f := range []struct {
		name string
		into *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		v := values.Get(f.name)
		if v == "" {
			continue
		}
		if !json.Valid([]byte(v)) {
			return nil, badRequest(ReasonBadRequest, f.name+" is not JSON: "+syntaxProblem([]byte(v)))
		}
		if off, ok := loneSurrogate([]byte(v)); ok {
			return nil, badRequest(ReasonInvalidUTF8, fmt.Sprintf("%s escapes a lone UTF-16 surrogate at byte %d, which is not a character", f.name, off+1))
		}
		if *f.into, ref = object(f.name, json.RawMessage(v)); ref != nil {
			return nil, ref
		}
	}
	return p, nil
}

// object decodes a JSON object (or null, or nothing) that the spec wants
// as a map, keeping numbers exact for GraphQL's Int and Float coercion.
func object(name string, raw json.RawMessage) (map[string]any, *refusal) {
	if len(raw) == 0 || isNull(raw) {
		return nil, nil
	}
	if raw = bytes.TrimLeft(raw, " \t\r\n"); raw[0] != '{' {
		return nil, badRequest(ReasonBadRequest, name+" must be a JSON object or null, not "+jsonKind(raw))
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		// The body already parsed as JSON, so this is not expected; say
		// what is wrong without the decoder's words.
		return nil, badRequest(ReasonBadRequest, name+" must be a JSON object or null")
	}
	return m, nil
}

// checkUTF8 refuses text that is not valid UTF-8, naming the byte (counted
// from 1, as in every message here) where it goes wrong, rather than letting the decoder replace it with U+FFFD
// and run a query the client never sent.
func checkUTF8(what string, b []byte) *refusal {
	if utf8.Valid(b) {
		return nil
	}
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	return badRequest(ReasonInvalidUTF8, fmt.Sprintf("%s is not valid UTF-8: byte %d (0x%02x) does not begin or continue a character", what, off+1, b[off]))
}

// loneSurrogate finds a \uD800-\uDFFF escape in a JSON text's strings that
// is not half of a surrogate pair: the decoder would replace it with
// U+FFFD. It returns the escape's byte offset.
func loneSurrogate(b []byte) (int, bool) {
	inString := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\' && i+1 < len(b) && b[i+1] == 'u':
			u, ok := hex4(b, i+2)
			switch {
			case !ok:
			case u >= 0xD800 && u <= 0xDBFF:
				// A high half must be followed by a low one.
				if i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
					if lo, ok := hex4(b, i+8); ok && lo >= 0xDC00 && lo <= 0xDFFF {
						i += 11
						continue
					}
				}
				return i, true
			case u >= 0xDC00 && u <= 0xDFFF:
				return i, true
			}
			i += 5
		case c == '\\':
			i++ // an escaped character: \" does not end the string
		}
	}
	return 0, false
}

func hex4(b []byte, at int) (uint64, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	u, err := strconv.ParseUint(string(b[at:at+4]), 16, 16)
	return u, err == nil
}

// syntaxProblem describes why b is not JSON and where, in the parser's
// words (which name a character at most, never a Go type).
func syntaxProblem(b []byte) string {
	var v any
	err := json.Unmarshal(b, &v)
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn) && syn.Offset >= int64(len(b)):
		return fmt.Sprintf("it ends early, at byte %d, before its value is complete", len(b))
	case errors.As(err, &syn):
		return fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)
	case err != nil:
		return fmt.Sprintf("it ends early, at byte %d, before its value is complete", len(b))
	}
	return "it holds more than one JSON value"
}

// jsonKind names the kind of a JSON value, for messages such as "query
// must be a string, not a number".
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}
