package synth

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// pool is the actors of one kind, for picking relation ends. ends lists an
// actor once per relation it already has, so that picking from it favours
// the well connected: preferential attachment, which grows hubs.
type pool struct {
	members []int
	ends    []int
}

// pick returns an actor of the pool: one in four times any, otherwise one
// in proportion to its relations so far.
func (p *pool) pick(rng *rand.Rand) int {
	if len(p.ends) == 0 || rng.IntN(4) == 0 {
		return p.members[rng.IntN(len(p.members))]
	}
	return p.ends[rng.IntN(len(p.ends))]
}

// touch counts one more relation of actor i.
func (p *pool) touch(i int) { p.ends = append(p.ends, i) }

// weighted is a choice and how often to make it.
type weighted[T any] struct {
	v T
	w int
}

func choose[T any](rng *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, x := range ws {
		total += x.w
	}
	n := rng.IntN(total)
	for _, x := range ws {
		if n -= x.w; n < 0 {
			return x.v
		}
	}
	panic("unreachable")
}

// blend is one kind of relation between actors of some kinds.
type blend struct {
	types    []weighted[store.RelationType]
	from, to []weighted[int]
}

// parties are the kinds that partner, negotiate and take interest.
var parties = []weighted[int]{{kUniversity, 2}, {kStartup, 6}, {kOrganization, 3}, {kGovernment, 1}}

// blends are the relations besides LOCATED_IN, with how many of every 100
// are of each; each targets what store.ValidateRelation allows.
var blends = []weighted[blend]{
	{blend{
		types: []weighted[store.RelationType]{{store.Founded, 1}},
		from:  []weighted[int]{{kUniversity, 4}, {kOrganization, 1}},
		to:    []weighted[int]{{kStartup, 1}},
	}, 6},
	{blend{
		types: []weighted[store.RelationType]{{store.Organized, 3}, {store.Hosted, 2}},
		from:  []weighted[int]{{kOrganization, 7}, {kGovernment, 3}},
		to:    []weighted[int]{{kEvent, 1}},
	}, 10},
	{blend{
		types: []weighted[store.RelationType]{{store.ParticipatedIn, 7}, {store.InvitedTo, 3}},
		from:  []weighted[int]{{kStartup, 3}, {kUniversity, 1}},
		to:    []weighted[int]{{kEvent, 1}},
	}, 30},
	{blend{
		types: []weighted[store.RelationType]{{store.ParticipatedIn, 1}},
		from:  []weighted[int]{{kStartup, 1}},
		to:    []weighted[int]{{kProgram, 1}},
	}, 8},
	{blend{
		types: []weighted[store.RelationType]{{store.Offers, 1}},
		from:  []weighted[int]{{kOrganization, 7}, {kGovernment, 3}},
		to:    []weighted[int]{{kProgram, 1}},
	}, 4},
	{blend{
		types: []weighted[store.RelationType]{{store.InterestedIn, 1}},
		from:  parties,
		to:    []weighted[int]{{kStartup, 4}, {kUniversity, 2}, {kOrganization, 2}, {kGovernment, 1}, {kProgram, 2}, {kCountry, 1}},
	}, 15},
	{blend{types: []weighted[store.RelationType]{{store.NegotiatesWith, 1}}, from: parties, to: parties}, 10},
	{blend{types: []weighted[store.RelationType]{{store.PartnersWith, 1}}, from: parties, to: parties}, 17},
}

// relKey names a relation for spotting duplicates.
type relKey struct {
	t        store.RelationType
	from, to int
}

// Giving up: after dupTries duplicates in a row a duplicate is taken as a
// parallel relation; after maxTries failures in a row the network is too
// small to hold more relations.
const (
	dupTries = 20
	maxTries = 10000
)

// addRelations adds relations until there are n.
func (g *generator) addRelations(n int) {
	usable := g.usableBlends()
	if len(usable) == 0 {
		return
	}
	fails := 0
	for len(g.d.Relations) < n && fails < maxTries {
		b := choose(g.rng, usable)
		t := choose(g.rng, b.types)
		fk, tk := choose(g.rng, b.from), choose(g.rng, b.to)
		from, to := g.pools[fk].pick(g.rng), g.pools[tk].pick(g.rng)
		if from == to {
			fails++
			continue
		}
		key := relKey{t, from, to}
		if (t == store.NegotiatesWith || t == store.PartnersWith) && from > to {
			key.from, key.to = to, from // the same fact either way
		}
		if _, dup := g.seen[key]; dup && fails < dupTries {
			fails++
			continue
		}
		fails = 0
		g.seen[key] = struct{}{}
		g.pools[fk].touch(from)
		g.pools[tk].touch(to)
		r := g.relate(t, from, to)
		g.date(r)
	}
}

// usableBlends drops the kinds with no actors, and the blends left with
// no kind at one end.
func (g *generator) usableBlends() []weighted[blend] {
	var out []weighted[blend]
	for _, wb := range blends {
		b := wb.v
		empty := func(w weighted[int]) bool { return len(g.pools[w.v].members) == 0 }
		b.from = slices.DeleteFunc(slices.Clone(b.from), empty)
		b.to = slices.DeleteFunc(slices.Clone(b.to), empty)
		if len(b.from) > 0 && len(b.to) > 0 {
			out = append(out, weighted[blend]{b, wb.w})
		}
	}
	return out
}

// relate adds a relation of type t between actors from and to.
func (g *generator) relate(t store.RelationType, from, to int) *store.Relation {
	g.nextRel++
	g.d.Relations = append(g.d.Relations, store.Relation{
		ID:        strings.ReplaceAll(strings.ToLower(string(t)), "_", "-") + "-" + strconv.Itoa(g.nextRel),
		Type:      t,
		From:      g.d.Actors[from].ID,
		To:        g.d.Actors[to].ID,
		Citations: cite(),
	})
	return &g.d.Relations[len(g.d.Relations)-1]
}

// date gives three in ten relations a start, and a third of those an end,
// each a month or a day between 2015 and 2025.
func (g *generator) date(r *store.Relation) {
	if g.rng.IntN(10) >= 3 {
		return
	}
	r.Since = g.someDate()
	if g.rng.IntN(3) == 0 {
		r.Until = g.someDate()
		if r.Until.Compare(r.Since) < 0 {
			r.Since, r.Until = r.Until, r.Since
		}
	}
}

func (g *generator) someDate() store.Date {
	d := store.Date{Year: 2015 + g.rng.IntN(11), Month: 1 + g.rng.IntN(12)}
	if g.rng.IntN(2) == 0 {
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		d.Day = 1 + g.rng.IntN(last)
	}
	return d
}
