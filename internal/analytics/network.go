package analytics

import (
	"cmp"
	"slices"
	"sync"

	"github.com/ecograph/ecograph/internal/store"
)

// Network is a store.Network with what analytics works out over all of it,
// whatever the day: the View with everything in it and the timeline of
// events. It embeds the store.Network, so Actors, Relations and Index are
// at hand to turn the indexes analytics returns back into ids.
type Network struct {
	*store.Network

	everything func() *View
	events     func() []event
}

// event is an event with a start date and the days it takes place on.
type event struct {
	actor       int32
	first, last store.Day
}

// NewNetwork wraps n; n must not change afterwards, since everything
// worked out from it is kept.
func NewNetwork(n *store.Network) *Network {
	net := &Network{Network: n}
	net.everything = sync.OnceValue(func() *View { return newView(net, nil) })
	net.events = sync.OnceValue(net.datedEvents)
	return net
}

// View returns the network as of day asOf, or with every actor and
// relation whatever their dates when asOf is nil. The View with
// everything is built once and shared; any other is built afresh on each
// call, which is what Engine caches.
func (n *Network) View(asOf *store.Day) *View {
	if asOf == nil {
		return n.everything()
	}
	return newView(n, asOf)
}

// datedEvents returns the events that have a start date, in timeline order.
func (n *Network) datedEvents() []event {
	var events []event
	for i := range n.Actors {
		if e, ok := n.event(int32(i)); ok {
			events = append(events, e)
		}
	}
	slices.SortFunc(events, func(a, b event) int { return n.byStart(a.actor, b.actor) })
	return events
}

// event returns actor i as an event, and false when it is not an event
// with a start date. One without an end date takes place on its start
// date.
func (n *Network) event(i int32) (event, bool) {
	a := &n.Actors[i]
	if a.Kind != store.KindEvent || a.Start.IsZero() {
		return event{}, false
	}
	end := a.End
	if end.IsZero() {
		end = a.Start
	}
	return event{actor: i, first: a.Start.FirstDay(), last: end.LastDay()}, true
}

// byStart orders events by start date (a vaguer date first among those
// that begin on the same day), then by id, which index order is.
func (n *Network) byStart(a, b int32) int {
	if c := n.Actors[a].Start.Compare(n.Actors[b].Start); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

// Timeline returns the events, as indexes into Actors, that have a start
// date and take place at least partly between from and to (both included
// at their own precision: a from of 2024-06-01 takes in an event of
// "2024-06"; nil is open), in order of start date and then id. An event
// without an end date takes place on its start date. When actor is not -1,
// only events joined to that actor by a relation, of any type and either
// way, are listed.
//
// The timeline is over the whole network, not as of a day: an event is on
// it even before the relations to it begin.
func (n *Network) Timeline(from, to *store.Date, actor int32) []int32 {
	lo, hi := store.Always, store.Forever
	if from != nil {
		lo = from.FirstDay()
	}
	if to != nil {
		hi = to.LastDay()
	}
	var out []int32
	if actor < 0 {
		// Events are in order of their first day, so those that begin by
		// hi come first.
		events := n.events()
		end, _ := slices.BinarySearchFunc(events, hi, func(e event, hi store.Day) int {
			if e.first <= hi {
				return -1
			}
			return 1
		})
		for _, e := range events[:end] {
			if lo <= e.last {
				out = append(out, e.actor)
			}
		}
		return out
	}
	if int(actor) >= len(n.Actors) {
		return nil
	}
	for _, i := range n.everything().graph.row(actor) {
		if e, ok := n.event(i); ok && e.first <= hi && lo <= e.last {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, n.byStart)
	return out
}
