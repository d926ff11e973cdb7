package analytics_test

import (
	"math/rand/v2"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// bridgeNetwork is two clusters joined by one relation, and two countries
// on their own:
//
//	kr-startup ─ kr-org              uz-ministry
//	      \      /                    /      \
//	       kr-uni ══════════════ uz-park ─ uz-program ─ uz-startup
//
//	kr ─ uz
//
// Between kr-uni and uz-park there are two relations (a negotiation and an
// interest back), between kr-startup and kr-org one each way, between
// uz-ministry and uz-park two; kr-org has one to itself. As a simple graph
// that is 9 links among 9 actors.
func bridgeNetwork() *store.Network {
	actors := []*store.Actor{
		{ID: "uz-startup", Kind: store.KindStartup, CountryID: "uz", Founded: store.MustDate("2019")},
		{ID: "kr", Kind: store.KindCountry},
		{ID: "uz", Kind: store.KindCountry},
		{ID: "kr-uni", Kind: store.KindUniversity, CountryID: "kr"},
		{ID: "kr-startup", Kind: store.KindStartup, CountryID: "kr", Founded: store.MustDate("2019-04")},
		{ID: "kr-org", Kind: store.KindOrganization, CountryID: "kr"},
		{ID: "uz-park", Kind: store.KindOrganization, CountryID: "uz"},
		{ID: "uz-ministry", Kind: store.KindGovernmentBody, CountryID: "uz"},
		{ID: "uz-program", Kind: store.KindProgram, CountryID: "uz"},
	}
	rel := func(id string, t store.RelationType, from, to string) *store.Relation {
		return &store.Relation{ID: id, Type: t, From: from, To: to}
	}
	relations := []*store.Relation{
		rel("r01", store.Founded, "kr-uni", "kr-startup"),
		rel("r02", store.PartnersWith, "kr-uni", "kr-org"),
		rel("r03", store.InterestedIn, "kr-startup", "kr-org"),
		rel("r04", store.InterestedIn, "kr-org", "kr-startup"),
		rel("r05", store.NegotiatesWith, "kr-uni", "uz-park"),
		rel("r06", store.InterestedIn, "uz-park", "kr-uni"),
		rel("r07", store.Offers, "uz-park", "uz-program"),
		rel("r08", store.Offers, "uz-ministry", "uz-program"),
		rel("r09", store.PartnersWith, "uz-ministry", "uz-park"),
		rel("r10", store.InterestedIn, "uz-ministry", "uz-park"),
		rel("r11", store.InterestedIn, "uz-startup", "uz-program"),
		rel("r12", store.InterestedIn, "kr", "uz"),
		rel("r13", store.InterestedIn, "kr-org", "kr-org"),
	}
	return store.BuildNetwork(actors, relations)
}

// datedNetwork is a university, two startups and the events around them,
// with dates to test the timeline and views as of a day.
//
//	event          start        end
//	year-event     2024
//	may-event      2024-05-20
//	expo           2024-05-30   2024-06-02
//	june-forum     2024-06
//	launch         2024-06-01
//	seminar        2024-06-13
//	winter-camp    2025-02-01
//	undated        (none)
//
// The university is invited to the seminar and takes part in the expo;
// the startup founded in 2024-09 and the seminar invitation begin after
// 2024-06-01, a partnership since 2024-07 too, and an interest until
// 2024-05 has ended by then.
func datedNetwork() *store.Network {
	event := func(id, start, end string) *store.Actor {
		return &store.Actor{ID: id, Kind: store.KindEvent, StartDate: date(start), EndDate: date(end)}
	}
	actors := []*store.Actor{
		{ID: "uni", Kind: store.KindUniversity},
		{ID: "startup-old", Kind: store.KindStartup, Founded: store.MustDate("2020")},
		{ID: "startup-new", Kind: store.KindStartup, Founded: store.MustDate("2024-09")},
		event("year-event", "2024", ""),
		event("may-event", "2024-05-20", ""),
		event("expo", "2024-05-30", "2024-06-02"),
		event("june-forum", "2024-06", ""),
		event("launch", "2024-06-01", ""),
		event("seminar", "2024-06-13", ""),
		event("winter-camp", "2025-02-01", ""),
		event("undated", "", ""),
	}
	rel := func(id string, t store.RelationType, from, to, since, until string) *store.Relation {
		return &store.Relation{ID: id, Type: t, From: from, To: to, Since: date(since), Until: date(until)}
	}
	relations := []*store.Relation{
		rel("uni-founded-old", store.Founded, "uni", "startup-old", "2020", ""),
		rel("uni-founded-new", store.Founded, "uni", "startup-new", "", ""),
		rel("uni-partners-old", store.PartnersWith, "uni", "startup-old", "2024-07", ""),
		rel("uni-interested-old", store.InterestedIn, "uni", "startup-old", "2023", "2024-05"),
		rel("uni-invited-seminar", store.InvitedTo, "uni", "seminar", "2024-06", ""),
		rel("uni-at-expo", store.ParticipatedIn, "uni", "expo", "", ""),
		rel("new-at-camp", store.ParticipatedIn, "startup-new", "winter-camp", "", ""),
	}
	return store.BuildNetwork(actors, relations)
}

// index returns the index of actor id in n, failing the test when there
// is none.
func index(t testing.TB, n *store.Network, id string) int32 {
	t.Helper()
	i, ok := n.Index(id)
	if !ok {
		t.Fatalf("no actor %q", id)
	}
	return i
}

// ids turns actor indexes back into ids.
func ids(n *store.Network, indexes []int32) []string {
	out := make([]string, len(indexes))
	for k, i := range indexes {
		out[k] = n.Actors[i].ID
	}
	return out
}

// date reads a date, "" as none.
func date(s string) store.Date {
	if s == "" {
		return store.Date{}
	}
	return store.MustDate(s)
}

// day returns the day of a "YYYY-MM-DD" date.
func day(s string) *store.Day {
	d := store.MustDate(s).FirstDay()
	return &d
}

// syntheticNetwork is synth's network of the given size as a Network.
func syntheticNetwork(actors, relations int, seed int64) *store.Network {
	return analytics.DatasetNetwork(synth.Generate(synth.Config{Actors: actors, Relations: relations, Seed: seed}), nil)
}

// shuffledNetwork is syntheticNetwork built from its actors and relations
// in another order.
func shuffledNetwork(actors, relations int, seed int64) *store.Network {
	rng := rand.New(rand.NewPCG(1, 2))
	return analytics.DatasetNetwork(synth.Generate(synth.Config{Actors: actors, Relations: relations, Seed: seed}), rng)
}
