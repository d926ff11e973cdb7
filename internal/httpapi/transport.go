package httpapi

import (
	"context"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// allowed is the Allow header of /graphql.
const allowed = "GET, POST, OPTIONS"

// unbounded is the body limit of a transport not behind readBody: far
// beyond any memory (math.MaxInt64 would overflow MaxBytesReader's
// arithmetic).
const unbounded = 1 << 62

// Transport is ecograph's GraphQL-over-HTTP transport, in place of
// gqlgen's GET, POST and OPTIONS ones: it takes every request to the
// GraphQL endpoint, so that none is left to gqlgen's uncoded "transport
// not supported", and it follows the GraphQL-over-HTTP spec where gqlgen
// does not:
//
//   - the body is decoded strictly (decodeBody) and every malformed
//     request is refused with 400, 405, 408, 413 or 415, a contract code
//     and a reason (refusal.go), without echoing the body;
//   - a request refused before execution (parse, validation, variable
//     coercion, the limits, the write guard) answers 200 to
//     application/json clients, and 4xx to application/graphql-response+json
//     ones; neither gets a data entry, since nothing ran;
//   - GET runs queries only: any other operation is 405.
//
// Bodies are read within the request's deadline and size limit by
// readBody when the transport runs behind NewHandler; without it (a bare
// GraphQL handler in a test) the transport reads the body itself,
// unbounded.
type Transport struct {
	// TokenLimit bounds the tokens read when a GET's document is parsed
	// to learn its operation type, as the executor's own parse is
	// bounded; 0 is no bound.
	TokenLimit int
}

var _ graphql.Transport = Transport{}

// Supports takes every request: the transport refuses itself, with a
// code, what it cannot serve.
func (Transport) Supports(*http.Request) bool { return true }

// Do serves one GraphQL-over-HTTP request.
func (t Transport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	var params *graphql.RawParams
	var ref *refusal
	switch r.Method {
	case http.MethodOptions:
		w.Header().Set("Allow", allowed)
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodGet:
		params, ref = decodeQuery(r.URL.RawQuery)
		if ref == nil {
			ref = queriesOnly(params, t.TokenLimit)
		}
	case http.MethodPost:
		if ref = checkContentType(r.Header.Get("Content-Type")); ref == nil {
			var body []byte
			if body, ref = readAll(w, r, unbounded); ref == nil {
				params, ref = decodeBody(body)
			}
		}
	default:
		method := r.Method
		if len(method) > 16 {
			method = "this method" // echo a name, not whatever a client sends
		}
		ref = methodNotAllowed(method+" is not served here; send GraphQL with POST (any operation) or GET (queries only)", allowed)
	}
	if ref != nil {
		writeRefusal(w, r, ref)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	execute(r.Context(), w, responseType(r), params, exec)
}

// execute runs a decoded request and answers it. An operation that runs
// answers 200, whatever errors its fields have; one refused before it
// ran answers per requestErrorStatus, without a data entry.
func execute(ctx context.Context, w http.ResponseWriter, media string, params *graphql.RawParams, exec graphql.GraphExecutor) {
	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		writeResponse(w, media, requestErrorStatus(media, resp.Errors), nil, requestErrorBody{Errors: resp.Errors, Extensions: resp.Extensions})
		return
	}
	sp := new(Splices)
	responses, ctx := exec.DispatchOperation(context.WithValue(ctx, splicesKey{}, sp), oc)
	writeResponse(w, media, http.StatusOK, sp, responses(ctx))
}

// requestErrorBody is the answer to a request refused before execution:
// the GraphQL spec leaves the data entry out when nothing ran.
type requestErrorBody struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// requestErrorStatus is the status of a request that failed before
// execution. The GraphQL-over-HTTP spec asks for 200 with
// application/json (the request itself was well formed; the client reads
// the errors), and for a 4xx or 5xx with application/graphql-response+json,
// chosen here by the presented error's code.
func requestErrorStatus(media string, errs gqlerror.List) int {
	if media != mediaGraphQLResponse {
		return http.StatusOK
	}
	code := ""
	if len(errs) > 0 {
		code, _ = errs[0].Extensions["code"].(string)
	}
	switch code {
	case "UNAUTHENTICATED":
		return http.StatusUnauthorized
	case "FORBIDDEN":
		return http.StatusForbidden
	case codeUnavailable:
		return http.StatusServiceUnavailable
	case "INTERNAL":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// checkContentType accepts a POST body only as application/json in UTF-8
// (the spec's one required media type, and JSON's one encoding).
func checkContentType(header string) *refusal {
	unsupported := func(message string) *refusal {
		return &refusal{status: http.StatusUnsupportedMediaType, code: codeBadUserInput, reason: ReasonUnsupportedMediaType, message: message}
	}
	if header == "" {
		return unsupported("the request has no Content-Type; send the body as Content-Type: application/json")
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || mt != mediaJSON {
		return unsupported("the body must be sent as Content-Type: application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupported("the body must be UTF-8 (Content-Type: application/json; charset=utf-8)")
	}
	return nil
}

// queriesOnly refuses, over GET, any operation but a query: GET must not
// change anything, as the GraphQL-over-HTTP spec says. It looks before
// the operation context is made, so that a mutation over GET is a 405
// whatever its Authorization header says. A document that does not parse
// (or has too many tokens) is left to the executor, which says why.
func queriesOnly(p *graphql.RawParams, tokenLimit int) *refusal {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, tokenLimit)
	if err != nil {
		return nil
	}
	if op := doc.Operations.ForName(p.OperationName); op != nil && op.Operation != ast.Query {
		w := "GET runs queries only; send " + string(op.Operation) + " operations with POST"
		return methodNotAllowed(w, "POST")
	}
	return nil
}
