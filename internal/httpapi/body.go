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
		r.Body = &bodyInMemory{Reader: bytes.NewReader(body), bytes: body}
		next.ServeHTTP(w, r)
	})
}

// bodyInMemory is a body readBody has read: the transport takes its bytes
// as they are instead of copying them again.
type bodyInMemory struct {
	*bytes.Reader
	bytes []byte
}

// Close does nothing: the body is in memory.
func (*bodyInMemory) Close() error { return nil }

// readAll reads r's body, up to limit bytes, within the request's
// deadline. The server's ReadTimeout bounds the body too, but it is
// longer than the request timeout and, once hit, only surfaces as an
// error on read: setting the connection's read deadline to the request's
// lets a slow body be told apart and answered 408 in time.
func readAll(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *refusal) {
	if b, ok := r.Body.(*bodyInMemory); ok && b.Len() == len(b.bytes) {
		return b.bytes, nil
	}
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
	// A body of known length is read into one buffer of its size, not
	// grown by doubling: a refused megabyte costs a megabyte.
	size := 512
	if r.ContentLength > 0 && r.ContentLength <= limit {
		size = int(r.ContentLength) + 1 // and the read that finds the end
	}
	body, err := readSized(http.MaxBytesReader(w, r.Body, limit), size)
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

// readSized reads r to its end, as io.ReadAll does, into a buffer of size
// bytes to begin with.
func readSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
