package neo4j

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTxConfigCarriesTheDeadline: a transaction gets as its timeout the
// time left before the request's deadline, so that Neo4j stops the work
// when the request does; without a deadline it keeps the server's.
func TestTxConfigCarriesTheDeadline(t *testing.T) {
	cases := []struct {
		name     string
		left     time.Duration // before the deadline; 0 for none
		min, max time.Duration
	}{
		{"two seconds left", 2 * time.Second, 1900 * time.Millisecond, 2 * time.Second},
		{"deadline passed", -time.Second, time.Millisecond, time.Millisecond},
		{"no deadline", 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := t.Context()
			if c.left != 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, time.Now().Add(c.left))
				defer cancel()
			}
			var cfg neo4j.TransactionConfig
			opts := txConfig(ctx)
			for _, o := range opts {
				o(&cfg)
			}
			if c.left == 0 {
				if len(opts) != 0 {
					t.Errorf("txConfig without a deadline set %+v, want nothing", cfg)
				}
				return
			}
			if cfg.Timeout < c.min || cfg.Timeout > c.max {
				t.Errorf("timeout %v, want between %v and %v", cfg.Timeout, c.min, c.max)
			}
		})
	}
}

// TestFailReportsAServerTimeoutAsTheDeadline: when Neo4j ends a
// transaction at the timeout taken from the deadline, a moment before the
// context ends here, the caller sees context.DeadlineExceeded (the API's
// UNAVAILABLE and its timeout message), not an internal error.
func TestFailReportsAServerTimeoutAsTheDeadline(t *testing.T) {
	s := &Store{db: "neo4j"}
	for _, code := range []string{
		"Neo.ClientError.Transaction.TransactionTimedOut",
		"Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
	} {
		err := s.fail(t.Context(), &neo4j.Neo4jError{Code: code, Msg: "The transaction has been terminated."})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("fail(%s) = %v, want context.DeadlineExceeded", code, err)
		}
	}
}
