package store

import "context"

// Author is who makes a change: the role the request was allowed as and
// the subject that role was granted to (a JWT's sub, or api-key:<digest
// prefix> for an API key). The GraphQL layer puts it in the context of
// every mutation it lets through, so that whatever records a change (the
// request log now, a change feed later) can name who made it.
type Author struct {
	// Role is reader, editor or admin.
	Role string
	// Subject names the caller without revealing any secret.
	Subject string
}

type authorKey struct{}

// WithAuthor returns ctx carrying a.
func WithAuthor(ctx context.Context, a Author) context.Context {
	return context.WithValue(ctx, authorKey{}, a)
}

// AuthorFrom returns the author ctx carries, and whether it carries one:
// a write made outside the API (the import command, the seed) has none.
func AuthorFrom(ctx context.Context) (Author, bool) {
	a, ok := ctx.Value(authorKey{}).(Author)
	return a, ok
}
