package model

import "context"

// PageInfo is a connection's Relay page information. hasPreviousPage is
// resolved only when a client asks for it, through Previous, because it
// may cost the store one more lookup.
type PageInfo struct {
	HasNextPage bool    `json:"hasNextPage"`
	StartCursor *string `json:"startCursor,omitempty"`
	EndCursor   *string `json:"endCursor,omitempty"`
	// Previous tells whether anything lies before the page; nil means
	// nothing does (the page was asked for without after).
	Previous func(ctx context.Context) (bool, error) `json:"-"`
}
