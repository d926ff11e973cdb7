package model

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/ecograph/ecograph/internal/store"
)

// MarshalInt writes an Int; gqlgen.yml binds the schema's Int here.
func MarshalInt(i int) graphql.Marshaler { return graphql.MarshalInt(i) }

// UnmarshalInt reads an Int as the GraphQL spec coerces one: a number
// without a fraction within 32 bits. gqlgen's own would also take a
// string such as "9999", which let a variable slip past the argument
// bounds; here a string, a fraction or a value out of range is an
// InvalidError that quotes the value. It names no argument: the limits
// walker and the error presenter say which one.
func UnmarshalInt(v any) (int, error) {
	var f float64
	switch n := v.(type) {
	case int:
		return int32Of(int64(n), v)
	case int32:
		return int(n), nil
	case int64:
		return int32Of(n, v)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int32Of(i, v)
		}
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, invalidInt(v)
		}
	case float64:
		f = n
	case float32:
		f = float64(n)
	case string:
		return 0, &store.InvalidError{Message: fmt.Sprintf("%s is a string; an Int is a JSON number without quotes", strconv.Quote(clip(n)))}
	default:
		return 0, invalidInt(v)
	}
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, &store.InvalidError{Message: fmt.Sprintf("%v is not a whole number; an Int is one", v)}
	}
	if f < math.MinInt32 || f > math.MaxInt32 {
		return 0, outOfRange(v)
	}
	return int(f), nil
}

func int32Of(i int64, v any) (int, error) {
	if i < math.MinInt32 || i > math.MaxInt32 {
		return 0, outOfRange(v)
	}
	return int(i), nil
}

func outOfRange(v any) error {
	return &store.InvalidError{Message: fmt.Sprintf("%v is out of range; an Int is between %d and %d", v, math.MinInt32, math.MaxInt32)}
}

func invalidInt(v any) error {
	switch v.(type) {
	case bool:
		return &store.InvalidError{Message: fmt.Sprintf("%v is a boolean, not an Int", v)}
	case map[string]any:
		return &store.InvalidError{Message: "an object is not an Int"}
	case []any:
		return &store.InvalidError{Message: "a list is not an Int"}
	}
	return &store.InvalidError{Message: "the value is not an Int"}
}

// clip shortens a long value quoted in an error.
func clip(s string) string {
	const most = 40
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut-- // not inside a character
	}
	return s[:cut] + "…"
}
