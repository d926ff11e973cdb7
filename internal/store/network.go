package store

import (
	"context"
	"slices"
	"strings"
)

// Network is the whole network reduced to what analytics reads: every
// actor in id order and every relation in id order, its ends as indexes
// into Actors. It is a copy: changing it changes no store.
type Network struct {
	Actors    []NetworkActor
	Relations []NetworkRelation
}

// NetworkActor is one actor of a Network.
type NetworkActor struct {
	ID   string
	Kind Kind
	// Country is the index of the actor's country in Network.Actors, or
	// -1 when it has none.
	Country int32
	// Begins is its first day in the network (see Begins).
	Begins Day
	// Start and End are an event's dates; zero for other kinds.
	Start, End Date
}

// NetworkRelation is one relation of a Network.
type NetworkRelation struct {
	ID       string
	Type     RelationType
	From, To int32
	// Span is when it is in the network (see RelationSpan).
	Span Span
}

// Networker is a store that can hand analytics the whole network.
type Networker interface {
	// Network returns the whole network as it stands now.
	Network(ctx context.Context) (*Network, error)
	// NetworkVersion returns a value that changes whenever the network
	// does, by this process's writes or, where the store is shared,
	// anyone's; analytics keeps what it worked out until it changes.
	NetworkVersion(ctx context.Context) (string, error)
}

// BuildNetwork makes a Network of actors and relations; a relation whose
// ends are not both among actors (a store read it as its actor was being
// deleted) is left out. It reads of each actor only ID, Kind, CountryID,
// Founded, StartDate and EndDate, and of each relation ID, Type, From,
// To, Since and Until; it keeps the strings it is given rather than copy
// them.
func BuildNetwork(actors []*Actor, relations []*Relation) *Network {
	n := &Network{
		Actors:    make([]NetworkActor, len(actors)),
		Relations: make([]NetworkRelation, 0, len(relations)),
	}
	sorted := slices.Clone(actors)
	slices.SortFunc(sorted, func(a, b *Actor) int { return strings.Compare(a.ID, b.ID) })
	index := make(map[string]int32, len(sorted))
	for i, a := range sorted {
		index[a.ID] = int32(i)
	}
	for i, a := range sorted {
		country, ok := index[a.CountryID]
		if !ok {
			country = -1
		}
		na := NetworkActor{ID: a.ID, Kind: a.Kind, Country: country, Begins: Begins(a)}
		if a.Kind == KindEvent {
			na.Start, na.End = a.StartDate, a.EndDate
		}
		n.Actors[i] = na
	}
	rels := slices.Clone(relations)
	slices.SortFunc(rels, func(a, b *Relation) int { return strings.Compare(a.ID, b.ID) })
	for _, r := range rels {
		from, okFrom := index[r.From]
		to, okTo := index[r.To]
		if !okFrom || !okTo {
			continue // read after its actor was deleted: not in the network
		}
		n.Relations = append(n.Relations, NetworkRelation{
			ID: r.ID, Type: r.Type, From: from, To: to,
			Span: RelationSpan(r.Since, r.Until, n.Actors[from].Begins, n.Actors[to].Begins),
		})
	}
	return n
}

// Index returns the position of actor id in n.Actors, and false when n has
// no such actor.
func (n *Network) Index(id string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(n.Actors, id, func(a NetworkActor, id string) int { return strings.Compare(a.ID, id) })
	return int32(i), ok
}
