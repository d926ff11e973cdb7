package analytics_test

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
)

// overviewIDs names an overview's actors and relations by id.
func overviewIDs(net *analytics.Network, o analytics.Overview) (actors, relations []string) {
	for _, a := range o.Actors {
		actors = append(actors, net.Actors[a.Actor].ID)
	}
	for _, r := range o.Relations {
		relations = append(relations, r.ID)
	}
	return actors, relations
}

// TestOverviewCaps checks what the limits of an overview keep: the
// highest-scored actors, and relations among them only, in id order up
// to the relation cap, saying when either cut something.
func TestOverviewCaps(t *testing.T) {
	net := analytics.NewNetwork(bridgeNetwork())
	v := net.View(nil)
	for _, tc := range []struct {
		name          string
		q             analytics.OverviewQuery
		actors, rels  []string
		wantTruncated bool
	}{
		{
			// Degree: kr-uni, uz-park and uz-program have 3
			// neighbours, the rest fewer (kr-org's loop is no link).
			name:   "top three by degree",
			q:      analytics.OverviewQuery{Measure: analytics.Degree, Limit: 3, MaxRelations: 100},
			actors: []string{"kr-uni", "uz-park", "uz-program"},
			rels:   []string{"r05", "r06", "r07"}, wantTruncated: true,
		},
		{
			name: "relation cap",
			// All five actors of these kinds fit; relations do not.
			q:      analytics.OverviewQuery{Measure: analytics.Degree, Limit: 5, MaxRelations: 2, Kinds: []store.Kind{store.KindUniversity, store.KindStartup, store.KindOrganization}},
			actors: []string{"kr-uni", "uz-park", "kr-org", "kr-startup", "uz-startup"},
			rels:   []string{"r01", "r02"}, wantTruncated: true,
		},
		{
			name: "kinds and types",
			q:    analytics.OverviewQuery{Measure: analytics.Degree, Limit: 10, MaxRelations: 100, Kinds: []store.Kind{store.KindOrganization, store.KindGovernmentBody}, Types: []store.RelationType{store.PartnersWith}},
			// uz-park has 3 neighbours, kr-org and uz-ministry 2.
			actors: []string{"uz-park", "kr-org", "uz-ministry"},
			rels:   []string{"r09"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := v.OverviewContext(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			actors, rels := overviewIDs(net, o)
			if !slices.Equal(actors, tc.actors) || !slices.Equal(rels, tc.rels) || o.Truncated != tc.wantTruncated {
				t.Errorf("actors %v relations %v truncated %v; want %v %v %v", actors, rels, o.Truncated, tc.actors, tc.rels, tc.wantTruncated)
			}
			for _, a := range o.Actors {
				if want := v.Communities()[v.CommunityOf(a.Actor)].ID; a.Community != want {
					t.Errorf("%s: community %q, want %q", net.Actors[a.Actor].ID, a.Community, want)
				}
			}
		})
	}
}
