package httpapi

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// The contract's codes that HTTP-level refusals use. graph/errors.go owns
// the full set; httpapi cannot import graph (graph imports httpapi's
// transport), so it repeats the two it needs.
const (
	codeBadUserInput = "BAD_USER_INPUT"
	codeUnavailable  = "UNAVAILABLE"
)

// Reason says precisely why a request was refused before any GraphQL ran,
// in extensions.reason beside the contract's extensions.code. Clients may
// rely on these names; docs/http.md lists them with their statuses.
type Reason string

// The reasons of HTTP-level refusals.
const (
	// ReasonBadRequest: the body or the URL is not a GraphQL-over-HTTP
	// request (not JSON, not an object, query missing or not a string,
	// variables not an object...). 400, BAD_USER_INPUT.
	ReasonBadRequest Reason = "BAD_REQUEST"
	// ReasonBatchNotSupported: the body is a JSON array of requests. 400,
	// BAD_USER_INPUT.
	ReasonBatchNotSupported Reason = "BATCH_NOT_SUPPORTED"
	// ReasonInvalidUTF8: the body or a URL parameter is not valid UTF-8,
	// or escapes a lone UTF-16 surrogate. 400, BAD_USER_INPUT.
	ReasonInvalidUTF8 Reason = "INVALID_UTF8"
	// ReasonMethodNotAllowed: a method other than GET, POST or OPTIONS, or
	// a mutation over GET. 405 with an Allow header, BAD_USER_INPUT.
	ReasonMethodNotAllowed Reason = "METHOD_NOT_ALLOWED"
	// ReasonPayloadTooLarge: the body is over the size limit, whether its
	// Content-Length says so or its chunks add up to it. 413,
	// BAD_USER_INPUT.
	ReasonPayloadTooLarge Reason = "PAYLOAD_TOO_LARGE"
	// ReasonRequestTimeout: the body did not arrive within the request
	// timeout. 408, UNAVAILABLE.
	ReasonRequestTimeout Reason = "REQUEST_TIMEOUT"
	// ReasonUnsupportedMediaType: a POST body that is not
	// application/json in UTF-8. 415, BAD_USER_INPUT.
	ReasonUnsupportedMediaType Reason = "UNSUPPORTED_MEDIA_TYPE"
)

// refusal is a request refused at the HTTP level: its status, code,
// reason and a message that names the problem and nothing of the server.
type refusal struct {
	status  int
	code    string
	reason  Reason
	message string
	// allow, when set, is the Allow header of a 405.
	allow string
}

func (r *refusal) Error() string { return r.message }

func badRequest(reason Reason, message string) *refusal {
	return &refusal{status: http.StatusBadRequest, code: codeBadUserInput, reason: reason, message: message}
}

func tooLarge(limit int64) *refusal {
	return &refusal{
		status: http.StatusRequestEntityTooLarge, code: codeBadUserInput, reason: ReasonPayloadTooLarge,
		message: "the request body is larger than the " + byteSize(limit) + " this server accepts",
	}
}

func methodNotAllowed(message, allow string) *refusal {
	return &refusal{status: http.StatusMethodNotAllowed, code: codeBadUserInput, reason: ReasonMethodNotAllowed, message: message, allow: allow}
}

// The media types of GraphQL-over-HTTP responses.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// responseType is the media type the client accepts: the first of
// graphql-response+json and JSON its Accept header lists, and JSON when it
// lists neither (as the GraphQL-over-HTTP spec allows, rather than 406).
func responseType(r *http.Request) string {
	for part := range strings.SplitSeq(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || strings.TrimSpace(params["q"]) == "0" {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			return mediaJSON
		}
	}
	return mediaJSON
}

// writeRefusal answers a refused request in the media type the client
// accepts, with no data entry: nothing was executed.
func writeRefusal(w http.ResponseWriter, r *http.Request, ref *refusal) {
	if ref.allow != "" {
		w.Header().Set("Allow", ref.allow)
	}
	setRefusal(r.Context(), ref.reason)
	writeResponse(w, responseType(r), ref.status, nil, map[string]any{
		"errors": []map[string]any{{
			"message":    ref.message,
			"extensions": map[string]string{"code": ref.code, "reason": string(ref.reason)},
		}},
	})
}

// writeResponse writes v as JSON in the given media type, always UTF-8,
// with the parts of its data that sp holds in place (nil for none).
func writeResponse(w http.ResponseWriter, media string, status int, sp *Splices, v any) {
	defer sp.release()
	buf := responseBuffers.Get().(*[]byte)
	b, err := appendResponse(*buf, v, sp)
	if err != nil {
		// Only a value the server built can get here, never client input.
		status, b = http.StatusInternalServerError, []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	h := w.Header()
	h.Set("Content-Type", media+"; charset=utf-8")
	// Its length, known here, spares net/http the chunked encoding of an
	// answer larger than its buffer (a 2-hop neighbourhood's 44 KB): the
	// chunks' framing, and a last write for the empty chunk.
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b) // a Writer keeps none of b: it can be used again
	if err == nil && cap(b) <= maxPooledResponse {
		*buf = b[:0]
	}
	responseBuffers.Put(buf)
}

// byteSize says n bytes as a person would: 1 MiB, 512 KiB, 300 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
