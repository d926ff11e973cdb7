package analytics

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph/community"
)

// Community is a group of actors more linked among themselves than to the
// rest of the view, as the Louvain method finds them (modularity at
// resolution 1).
type Community struct {
	// ID is "community:" and the id of the member with the most
	// neighbours (the smallest id among equals), so that the same group
	// keeps its name from one call to the next.
	ID string
	// Members are the actors in the community, in id order.
	Members []int32
}

// communities is the outcome of working out Communities.
type communities struct {
	list []Community
	of   []int32 // of[i] is the index in list of actor i's community, -1 when absent
}

// Communities returns the view's communities, largest first and then by
// ID. Every actor of the view is in exactly one; an actor without
// relations is a community of its own.
func (v *View) Communities() []Community { return v.communities.must().list }

// CommunitiesContext is Communities, worked out (or waited for) until ctx
// ends, and then ctx's error.
func (v *View) CommunitiesContext(ctx context.Context) ([]Community, error) {
	c, err := v.communities.get(ctx)
	return c.list, err
}

// CommunityOf returns the index in Communities of actor i's community, -1
// when i is not in the view.
func (v *View) CommunityOf(i int32) int {
	if !v.Present(i) {
		return -1
	}
	return int(v.communities.must().of[i])
}

// gonumCommunitiesLimit is the largest view whose communities gonum's
// Louvain finds; larger ones get louvain's, which finds partitions of
// about the same modularity, in time that grows with the view's links
// rather than faster (see louvain).
const gonumCommunitiesLimit = 2000

// computeCommunities works out Communities with Louvain. gonum's visits
// actors in a random order; a fixed seed, and nodes handed to it in index
// order, make the same network give the same communities every time.
func (v *View) computeCommunities(ctx context.Context) (communities, error) {
	of := make([]int32, len(v.in))
	for i := range of {
		of[i] = -1
	}
	if len(v.present) == 0 {
		return communities{of: of}, nil
	}
	var groups [][]int32
	if len(v.present) <= gonumCommunitiesLimit {
		src := rand.NewPCG(0x636f6d6d, 0x756e6974) // any fixed seed will do
		for _, g := range community.Modularize(undirected{viewNodes{v}}, 1, src).Communities() {
			members := make([]int32, len(g))
			for j, n := range g {
				members[j] = int32(n.ID())
			}
			groups = append(groups, members)
		}
	} else {
		labels, err := louvain(ctx, &v.graph)
		if err != nil {
			return communities{}, err
		}
		group := make([]int32, len(labels)) // index in groups of each label, -1 before its first member
		for i := range group {
			group[i] = -1
		}
		for _, i := range v.present {
			l := labels[i]
			if group[l] < 0 {
				group[l] = int32(len(groups))
				groups = append(groups, nil)
			}
			groups[group[l]] = append(groups[group[l]], i)
		}
	}
	list := make([]Community, 0, len(groups))
	for _, members := range groups {
		if len(members) == 0 {
			continue
		}
		slices.Sort(members)
		head := members[0]
		for _, m := range members[1:] {
			if len(v.graph.row(m)) > len(v.graph.row(head)) {
				head = m
			}
		}
		list = append(list, Community{ID: "community:" + v.net.Actors[head].ID, Members: members})
	}
	slices.SortFunc(list, func(a, b Community) int {
		if c := cmp.Compare(len(b.Members), len(a.Members)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for c, comm := range list {
		for _, m := range comm.Members {
			of[m] = int32(c)
		}
	}
	return communities{list: list, of: of}, nil
}
