package model

// Community is a group of actors found by Louvain; its actors are resolved
// a page at a time from Members, since a community can hold most of the
// network.
type Community struct {
	ID   string `json:"id"`
	Size int    `json:"size"`
	// Members are the ids of the community's actors, in id order.
	Members []string `json:"-"`
}
