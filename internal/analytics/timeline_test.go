package analytics_test

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
)

// TestTimeline lists datedNetwork's events between two dates. Events sort
// by their first day, the vaguer first on the same day: "2024" (from
// 2024-01-01), then the expo (2024-05-30), "2024-06" before "2024-06-01",
// then 2024-06-13. A from of 2024-06-01 takes in "2024" and "2024-06",
// which cover it, and the expo, which ends on 2024-06-02; not the
// may-event, over on 2024-05-20. A to of "2024-12" runs to 2024-12-31.
func TestTimeline(t *testing.T) {
	n := analytics.NewNetwork(datedNetwork())
	at := func(s string) *store.Date { d := store.MustDate(s); return &d }
	uni := index(t, n.Network, "uni")
	for _, tc := range []struct {
		name     string
		from, to *store.Date
		actor    int32
		want     []string
	}{
		{"all", nil, nil, -1, []string{"year-event", "may-event", "expo", "june-forum", "launch", "seminar", "winter-camp"}},
		{"from June", at("2024-06-01"), at("2024-12"), -1, []string{"year-event", "expo", "june-forum", "launch", "seminar"}},
		{"from a month", at("2024-06"), nil, -1, []string{"year-event", "expo", "june-forum", "launch", "seminar", "winter-camp"}},
		{"to May", nil, at("2024-05"), -1, []string{"year-event", "may-event", "expo"}},
		{"one day", at("2024-06-13"), at("2024-06-13"), -1, []string{"year-event", "june-forum", "seminar"}},
		// The university's events, whatever the day: the invitation to
		// the seminar is on its timeline though it begins only on
		// 2024-06-13.
		{"of an actor", nil, nil, uni, []string{"expo", "seminar"}},
		{"of an actor, to May", nil, at("2024-05"), uni, []string{"expo"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(n.Network, n.Timeline(tc.from, tc.to, tc.actor)); !slices.Equal(got, tc.want) {
				t.Errorf("Timeline = %v,\nwant %v", got, tc.want)
			}
		})
	}
}

// TestAsOf: as of 2024-06-01, datedNetwork has no startup-new (founded
// 2024-09), no seminar or winter-camp (later), and of the university's
// relations only its founding of startup-old and its part in the expo:
// the partnership begins in 2024-07, the interest ended in 2024-05, the
// seminar invitation begins with the seminar.
func TestAsOf(t *testing.T) {
	n := datedNetwork()
	net := analytics.NewNetwork(n)
	v := net.View(day("2024-06-01"))
	if got, want := ids(n, v.Actors()), []string{"expo", "june-forum", "launch", "may-event", "startup-old", "undated", "uni", "year-event"}; !slices.Equal(got, want) {
		t.Errorf("actors = %v,\nwant %v", got, want)
	}
	for _, id := range []string{"startup-new", "seminar", "winter-camp"} {
		if v.Present(index(t, n, id)) {
			t.Errorf("%s is in the view", id)
		}
	}
	if got, want := ids(n, v.Neighbours(index(t, n, "uni"))), []string{"expo", "startup-old"}; !slices.Equal(got, want) {
		t.Errorf("uni's neighbours = %v, want %v", got, want)
	}
	s := v.Stats()
	if s.Actors != 8 || s.Relations != 2 {
		t.Errorf("%d actors and %d relations, want 8 and 2", s.Actors, s.Relations)
	}
	if got := s.Kinds[slices.Index(store.Kinds, store.KindStartup)].Actors; got != 1 {
		t.Errorf("%d startups, want 1", got)
	}
	// Measures are over the view: of the 7 others, uni is linked to 2.
	if got := v.Scores(analytics.Degree)[index(t, n, "uni")]; got != 2.0/7 {
		t.Errorf("uni's degree = %v, want 2/7", got)
	}
	if v.CommunityOf(index(t, n, "seminar")) != -1 {
		t.Error("the seminar has a community before it begins")
	}
	// With everything, all 11 actors and 7 relations are there.
	all := net.View(nil).Stats()
	if all.Actors != 11 || all.Relations != 7 {
		t.Errorf("everything: %d actors and %d relations, want 11 and 7", all.Actors, all.Relations)
	}
	if got := *v.AsOf(); got != *day("2024-06-01") {
		t.Errorf("AsOf = %v", got)
	}
}
