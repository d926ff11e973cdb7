package store

import (
	"errors"
	"fmt"
)

// The kinds of failure a store reports. Test with errors.Is; the API maps
// each to one extensions.code.
var (
	// ErrNotFound: the id names nothing.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the write clashes with what exists, such as a taken id.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input breaks a rule; InvalidError says which field.
	ErrInvalid = errors.New("invalid input")
	// ErrUnavailable: the store cannot answer now (locked file, database down).
	ErrUnavailable = errors.New("store unavailable")
)

// NotFoundError names what was looked for.
type NotFoundError struct {
	What string // "actor", "relation", "source"
	ID   string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q does not exist", e.What, e.ID) }

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// ConflictError says what clashed; ID is empty when the store cannot say
// which id it was.
type ConflictError struct {
	What, ID, Reason string
}

func (e *ConflictError) Error() string {
	if e.ID == "" {
		return e.What + " " + e.Reason
	}
	return fmt.Sprintf("%s %q %s", e.What, e.ID, e.Reason)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// InvalidError names the field and says what is wrong with its value.
type InvalidError struct {
	Field   string
	Message string
}

func (e *InvalidError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Message) }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// Invalid builds an InvalidError for field with a formatted message.
func Invalid(field, format string, args ...any) error {
	return &InvalidError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// UnavailableError says, in words fit for a user, why the store cannot
// answer; Err keeps the cause for the log.
type UnavailableError struct {
	Message string
	Err     error
}

func (e *UnavailableError) Error() string { return e.Message }

// Unwrap gives the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrUnavailable) true.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// ErrExpired is what errors.Is finds in an ExpiredError.
var ErrExpired = errors.New("expired")

// ExpiredError refuses a change-feed position older than the oldest change
// the store keeps.
type ExpiredError struct {
	// After is the position asked for; Oldest the oldest change kept.
	After, Oldest uint64
}

func (e *ExpiredError) Error() string {
	return fmt.Sprintf("the change feed no longer holds changes after %d: the oldest kept is %d", e.After, e.Oldest)
}

// Is makes errors.Is(err, ErrExpired) true.
func (e *ExpiredError) Is(target error) bool { return target == ErrExpired }
