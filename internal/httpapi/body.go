package httpapi

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

// readBody reads a request's whole body before any handler sees it, so
// that every route gets the same refusals: 413 when the body is over
// limit (by its Content-Length, or by its chunks adding up), 408 when it
// does not arrive within the request's deadline, 400 when it breaks off.
// Handlers then read it from memory.
func readBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			writeRefusal(w, r, tooLarge(limit))
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body, ref := readAll(w, r, limit)
		if ref != nil {
			writeRefusal(w, r, ref)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// readAll reads r's body, up to limit bytes, within the request's
// deadline. The server's ReadTimeout bounds the body too, but it is
// longer than the request timeout and, once hit, only surfaces as an
// error on read: setting the connection's read deadline to the request's
// lets a slow body be told apart and answered 408 in time.
func readAll(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *refusal) {
	rc := http.NewResponseController(w)
	// The new deadline replaces the server's ReadTimeout: never let it
	// reach further, whatever the request timeout.
	deadline := time.Now().Add(readTimeout)
	if d, ok := r.Context().Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	// Not every ResponseWriter (a test recorder) has a connection.
	_ = rc.SetReadDeadline(deadline)
	// The connection reads on in the background while the handler runs;
	// a deadline left set would cancel the request when it passes, so
	// clear it once the body is in.
	defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		// What is left of the body cannot be read in time, or at all:
		// without this the server would try to drain it before
		// answering, and wait on a client that sends nothing.
		w.Header().Set("Connection", "close")
		return nil, bodyError(err, limit)
	}
	return body, nil
}

// bodyError turns an error reading the body into a refusal that says
// what happened in the client's terms: never the connection's addresses.
func bodyError(err error, limit int64) *refusal {
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		return tooLarge(limit)
	case errors.As(err, &netErr) && netErr.Timeout():
		return &refusal{
			status: http.StatusRequestTimeout, code: codeUnavailable, reason: ReasonRequestTimeout,
			message: "the request body did not arrive in time; send it whole and without pauses",
		}
	}
	return badRequest(ReasonBadRequest, "the request body could not be read to its end: it broke off before its announced length, or its chunked encoding is invalid")
}
