package analytics_test

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
)

// seedNetwork is the seed network as analytics sees it.
func seedNetwork(t *testing.T) *analytics.Network {
	t.Helper()
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	return analytics.NewNetwork(analytics.DatasetNetwork(d, nil))
}

// TestSeed checks what the seed article says in analytics' terms: the
// university and IT Park are the two ends of the network's bridge, and the
// relations cross from South Korea to Uzbekistan.
func TestSeed(t *testing.T) {
	n := seedNetwork(t)
	v := n.View(nil)
	top := ids(n.Network, actorsOf(v.Top(analytics.Betweenness, 2, nil)))
	if !slices.Equal(top, []string{"soonchunhyang-university", "it-park-uzbekistan"}) {
		t.Errorf("top 2 by betweenness = %v", top)
	}
	kr, uz := index(t, n.Network, "south-korea"), index(t, n.Network, "uzbekistan")
	if !slices.ContainsFunc(v.Stats().CrossBorder, func(c analytics.CrossBorder) bool { return c.From == kr && c.To == uz }) {
		t.Errorf("no south-korea → uzbekistan in %v", v.Stats().CrossBorder)
	}
	from := store.MustDate("2024-06-01")
	events := ids(n.Network, n.Timeline(&from, nil, -1))
	seminar := slices.Index(events, "online-seminar-2024-06-13")
	forum := slices.Index(events, "global-business-service-forum-2024")
	if seminar < 0 || forum < 0 || seminar > forum {
		t.Errorf("timeline from 2024-06-01 = %v, want the seminar before the forum", events)
	}
	// The invitations to the seminar and the forum, and the forum's
	// organisers, begin on the events' start dates.
	early := n.View(day("2024-06-01"))
	uni := index(t, n.Network, "soonchunhyang-university")
	for _, event := range []string{"online-seminar-2024-06-13", "global-business-service-forum-2024"} {
		e := index(t, n.Network, event)
		if early.Present(e) || slices.Contains(early.Neighbours(uni), e) {
			t.Errorf("%s is in the network as of 2024-06-01", event)
		}
		if !slices.Contains(v.Neighbours(uni), e) {
			t.Errorf("%s is not linked to the university in the whole network", event)
		}
	}
}
