// Package synth generates synthetic ecosystem networks of any size, for
// benchmarks and load tests: countries, universities, startups,
// organisations, government bodies, events and programmes with readable,
// varied names (a few in Cyrillic or Hangul), joined by the relations a real
// ecosystem has, with a few hubs that hold many of them.
//
// Everything it makes passes the store's validation and cites one source,
// SourceID. The same Config always gives the same network.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// SourceID is the id of the one source every generated actor and relation
// cites.
const SourceID = "synthetic-network"

// Config says how big a network to make and from which seed.
type Config struct {
	// Actors is the number of actors, exactly.
	Actors int
	// Relations is the number of relations, exactly, unless it is fewer
	// than the LOCATED_IN relations every actor but a country has: then it
	// is that many.
	Relations int
	// Seed fixes the network: the same Config gives the same Dataset.
	Seed int64
}

// Generate makes a network of cfg.Actors actors, about one in a hundred of
// them countries (at most a few dozen), then per hundred of the rest 5
// universities, 45 startups, 15 organisations, 3 government bodies, 25
// events and 6 programmes. Every actor but a country is in one, by
// CountryID and a LOCATED_IN relation; the other relations follow the
// kinds: universities found startups, organisations and government bodies
// organise and host events and offer programmes, startups and universities
// take part in or are invited to events, and any two parties may be
// interested in, negotiate or partner with each other. Countries differ in
// size as Zipf's law has it, Uzbekistan and South Korea (always there)
// largest; actors that already have many relations are likelier to get
// more, so some become hubs.
//
// Generating 100,000 actors and 500,000 relations takes about a second.
func Generate(cfg Config) store.Dataset {
	seed := uint64(cfg.Seed)
	g := &generator{
		rng:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		seen: map[relKey]struct{}{},
	}
	g.name = namer{g.rng}
	g.d.Sources = []store.Source{{
		ID:        SourceID,
		Title:     fmt.Sprintf("Synthetic ecosystem network (seed %d)", cfg.Seed),
		Published: store.Date{Year: 2025, Month: 1},
		Lang:      "en",
	}}
	g.d.Actors = make([]store.Actor, 0, max(cfg.Actors, 0))
	g.d.Relations = make([]store.Relation, 0, max(cfg.Relations, cfg.Actors, 0))
	g.addActors(kindCounts(cfg.Actors))
	g.addRelations(cfg.Relations)
	return g.d
}

// generator holds one Generate call's state. Actors are named by their
// index in d.Actors while the network is built.
type generator struct {
	rng  *rand.Rand
	name namer
	d    store.Dataset

	pools   [numKinds]pool      // the actors of each kind
	country []int               // each country actor's index into countries
	zipf    zipf                // picks the country of a new actor
	seen    map[relKey]struct{} // relations made, to avoid duplicates
	nextRel int                 // relations made so far, for ids
}

// The kinds as indexes into store.Kinds, in its order.
const (
	kCountry = iota
	kUniversity
	kStartup
	kOrganization
	kGovernment
	kEvent
	kProgram
	numKinds
)

// shares are the kinds' parts of every 99 actors that are not countries.
var shares = [numKinds]int{kUniversity: 5, kStartup: 45, kOrganization: 15, kGovernment: 3, kEvent: 25, kProgram: 6}

// kindCounts splits n actors into kinds; startups take what rounding leaves.
func kindCounts(n int) [numKinds]int {
	var c [numKinds]int
	if n <= 0 {
		return c
	}
	c[kCountry] = min(max(1, n/100), len(countries))
	rest := n - c[kCountry]
	sum := 0
	for k := range c {
		if k != kCountry {
			c[k] = rest * shares[k] / 99
			sum += c[k]
		}
	}
	c[kStartup] += rest - sum
	return c
}

func (g *generator) addActors(counts [numKinds]int) {
	// Uzbekistan and South Korea, the seed network's, always; the rest at random.
	order := []int{0, 1}
	for _, i := range g.rng.Perm(len(countries) - 2) {
		order = append(order, i+2)
	}
	for _, i := range order[:counts[kCountry]] {
		g.addCountry(i)
	}
	g.zipf = newZipf(counts[kCountry])
	var kinds []int
	for k := kUniversity; k < numKinds; k++ {
		for range counts[k] {
			kinds = append(kinds, k)
		}
	}
	g.rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	for _, k := range kinds {
		g.addActor(k)
	}
}

func (g *generator) addCountry(i int) {
	c := &countries[i]
	g.push(kCountry, store.Actor{
		ID:        slug(c.name),
		Kind:      store.KindCountry,
		Name:      c.name,
		Names:     slices.Clone(c.names),
		Aliases:   []string{c.iso},
		IsoCode:   c.iso,
		Citations: cite(),
	})
	g.country = append(g.country, i)
}

// addActor makes an actor of kind k in a country and the LOCATED_IN
// relation that says so. Countries are picked by Zipf's law: the n-th
// country is n times less likely than the first.
func (g *generator) addActor(k int) {
	where := g.zipf.pick(g.rng)
	c := &countries[g.country[where]]
	a := store.Actor{Kind: store.Kinds[k], CountryID: g.d.Actors[where].ID, Citations: cite()}
	switch k {
	case kUniversity:
		a.Name, a.Names = g.name.university(c)
	case kStartup:
		a.Name, a.Names = g.name.startup(c)
		a.Founded = store.Date{Year: 2005 + g.rng.IntN(20)}
		if g.rng.IntN(5) < 3 {
			a.Founded.Month = 1 + g.rng.IntN(12)
		}
	case kOrganization:
		a.Name = g.name.organization(c)
		a.Category = g.name.pick(categories)
	case kGovernment:
		a.Name, a.Names = g.name.government(c)
	case kEvent:
		g.schedule(&a, c)
	case kProgram:
		a.Name = g.name.program(c)
	}
	if k == kUniversity || k == kOrganization || k == kGovernment {
		if abbr := abbreviation(a.Name); abbr != "" && g.rng.IntN(10) < 3 {
			a.Aliases = []string{abbr}
		}
	}
	if g.rng.IntN(10) < 6 {
		a.Description = fmt.Sprintf("%s in %s %s %s.", describe[k], c.name, about[k], g.name.pick(fields))
	}
	base := slug(a.Name)
	if base == "" && len(a.Names) > 0 {
		base = slug(a.Names[0].Value) // the Latin form of a name in another script
	}
	if base == "" {
		base = strings.ReplaceAll(strings.ToLower(string(a.Kind)), "_", "-")
	}
	a.ID = base + "-" + strconv.Itoa(len(g.d.Actors))
	g.push(k, a)
	g.relate(store.LocatedIn, len(g.d.Actors)-1, where)
}

// describe starts an actor's description: "A startup in Kenya working on water."
var describe = [numKinds]string{
	kUniversity: "A university", kStartup: "A startup", kOrganization: "An organisation",
	kGovernment: "A government body", kEvent: "An event", kProgram: "A programme",
}

// about ends it.
var about = [numKinds]string{
	kUniversity: "teaching", kStartup: "working on", kOrganization: "supporting",
	kGovernment: "in charge of", kEvent: "about", kProgram: "for",
}

// schedule names an event and dates it: a day between 2015 and 2025,
// sometimes lasting a few days, sometimes online.
func (g *generator) schedule(a *store.Actor, c *country) {
	start := time.Date(g.name.year(), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC)
	a.Name = g.name.event(c, start.Year())
	a.StartDate = dateOf(start)
	if g.rng.IntN(2) == 0 {
		a.EndDate = dateOf(start.AddDate(0, 0, g.rng.IntN(4)))
	}
	switch g.rng.IntN(4) {
	case 0:
		a.Online = new(true)
	case 1, 2:
		a.Online = new(false)
	}
}

// zipf picks one of n things, the i-th (from 0) with weight 1/(i+1).
type zipf []float64 // cumulative weights

func newZipf(n int) zipf {
	z := make(zipf, n)
	sum := 0.0
	for i := range z {
		sum += 1 / float64(i+1)
		z[i] = sum
	}
	return z
}

func (z zipf) pick(rng *rand.Rand) int {
	x := rng.Float64() * z[len(z)-1]
	i, _ := slices.BinarySearch(z, x)
	return min(i, len(z)-1)
}

func dateOf(t time.Time) store.Date {
	return store.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// push adds an actor of kind k to the dataset and to its kind's pool.
func (g *generator) push(k int, a store.Actor) {
	g.pools[k].members = append(g.pools[k].members, len(g.d.Actors))
	g.d.Actors = append(g.d.Actors, a)
}

// cite is the citation every fact carries; each gets its own slice so that
// changing one fact's citations changes no other.
func cite() []store.Citation { return []store.Citation{{SourceID: SourceID}} }
