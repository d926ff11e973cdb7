package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// The codes every GraphQL error carries in extensions.code; the contract
// names them, and this file is the one place that assigns them.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeConflict        = "CONFLICT"
	CodeUnavailable     = "UNAVAILABLE"
	CodeTooComplex      = "QUERY_TOO_COMPLEX"
	// CodeChangesExpired refuses a change-feed cursor older than the
	// oldest change the feed keeps: the client must copy the network
	// afresh.
	CodeChangesExpired = "CHANGES_EXPIRED"
	CodeInternal       = "INTERNAL"
)

// requestError builds an error refused before execution, with its code.
func requestError(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": code},
	}
}

// errInternal is what a client sees of a panic or an unexpected error.
var errInternal = errors.New("internal error")

// presentError gives every error its code and a message fit for a client.
// Store errors say what was wrong in terms of the request; anything
// unexpected is logged in full and reaches the client as INTERNAL with a
// message that says nothing of the server's insides.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if !errors.As(err, &gqlErr) {
			gqlErr = gqlerror.WrapPath(graphql.GetPath(ctx), err)
		}
		out := *gqlErr
		out.Extensions = map[string]any{}
		cause := gqlErr
		if errors.Is(gqlErr.Err, context.Canceled) && errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			// A subscription event's deadline (live.go) cancels its
			// context with DeadlineExceeded as the cause.
			c := *gqlErr
			c.Err = context.Cause(ctx)
			cause = &c
		}
		code, message := classify(cause)
		if code == CodeInternal && gqlErr.Err != errInternal {
			log.ErrorContext(ctx, "request failed", "path", gqlErr.Path.String(), "err", err)
		}
		out.Message = message
		out.Extensions["code"] = code
		if ps := problems(gqlErr.Err); ps != nil {
			out.Extensions["problems"] = ps
		}
		out.Err = nil
		return &out
	}
}

func classify(e *gqlerror.Error) (code, message string) {
	cause := e.Err
	if cause == nil {
		// Made by gqlgen or by our extensions: parse and validation
		// failures, limits and authentication.
		switch c, _ := e.Extensions["code"].(string); c {
		case errcode.ParseFailed, errcode.ValidationFailed:
			return CodeBadUserInput, variableMessage(e)
		case "":
			return CodeInternal, e.Message
		default:
			return c, e.Message
		}
	}
	var invalid *store.InvalidError
	var unavailable *store.UnavailableError
	var list dataset.ErrorList
	switch {
	case errors.As(cause, &list):
		// A dataset's problems, each at its line and column.
		return CodeBadUserInput, list.Error()
	case errors.As(cause, &invalid):
		field := invalid.Field
		if field == "" {
			field = lastField(e)
		}
		return CodeBadUserInput, fmt.Sprintf("%s: %s", field, invalid.Message)
	case errors.Is(cause, store.ErrNotFound):
		return CodeNotFound, cause.Error()
	case errors.Is(cause, store.ErrConflict):
		return CodeConflict, cause.Error()
	case errors.Is(cause, store.ErrExpired):
		return CodeChangesExpired, "after: the change feed no longer holds the changes that follow this cursor (it keeps only the newest); copy the network afresh (export) and follow the feed from its head"
	case errors.As(cause, &unavailable):
		return CodeUnavailable, unavailable.Message
	case errors.Is(cause, context.DeadlineExceeded):
		return CodeUnavailable, "the request took longer than the server allows; ask for less (smaller first, limit or depth) or try again"
	case errors.Is(cause, context.Canceled):
		return CodeUnavailable, "the request was cancelled"
	}
	return CodeInternal, errInternal.Error()
}

// problems lists a bad dataset's problems for extensions.problems, each
// with its place; nil for any other error.
func problems(err error) []map[string]any {
	var list dataset.ErrorList
	if err == nil || !errors.As(err, &list) {
		return nil
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		p := map[string]any{"message": e.Error()}
		if e.Line > 0 {
			p["line"], p["column"] = e.Line, e.Column
		}
		if e.Record != "" {
			p["record"] = e.Record
		}
		if e.Field != "" {
			p["field"] = e.Field
		}
		out[i] = p
	}
	return out
}

// recoverPanic turns a panic in a resolver into INTERNAL, logging the
// value and stack for the operator.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return errInternal
	}
}

// lastField names the argument or input field an error's path ends in.
func lastField(e *gqlerror.Error) string {
	for i := len(e.Path) - 1; i >= 0; i-- {
		if name, ok := e.Path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return "input"
}
