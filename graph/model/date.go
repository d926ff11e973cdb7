package model

import (
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/ecograph/ecograph/internal/store"
)

// MarshalDate writes a store.Date at its own precision; the zero Date,
// which means "no date", is null.
func MarshalDate(d store.Date) graphql.Marshaler {
	if d.IsZero() {
		return graphql.Null
	}
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD"; anything else is
// an InvalidError that quotes the value. It names no field: the error
// presenter takes the field from where in the request the value stood.
func UnmarshalDate(v any) (store.Date, error) {
	s, ok := v.(string)
	if !ok {
		return store.Date{}, &store.InvalidError{Message: fmt.Sprintf("%v is not a date: use a string YYYY, YYYY-MM or YYYY-MM-DD", v)}
	}
	d, err := store.ParseDate(s)
	if err != nil {
		return store.Date{}, &store.InvalidError{Message: err.Error()}
	}
	return d, nil
}
