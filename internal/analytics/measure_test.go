package analytics_test

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
)

// TestDegree: each actor's distinct neighbours over the 8 others
// (bridgeNetwork). kr-uni has kr-startup, kr-org and uz-park however
// many relations join them; kr-org's relation to itself does not count.
func TestDegree(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	want := map[string]float64{
		"kr-uni": 3.0 / 8, "uz-park": 3.0 / 8, "uz-program": 3.0 / 8,
		"kr-startup": 2.0 / 8, "kr-org": 2.0 / 8, "uz-ministry": 2.0 / 8,
		"uz-startup": 1.0 / 8, "kr": 1.0 / 8, "uz": 1.0 / 8,
	}
	scores := v.Scores(analytics.Degree)
	for id, w := range want {
		if got := scores[index(t, n, id)]; got != w {
			t.Errorf("degree of %s = %v, want %v", id, got, w)
		}
	}
}

// TestBetweenness works through bridgeNetwork by hand. With n = 9 actors
// there are (n-1)(n-2)/2 = 28 pairs of others a path could join.
//
//   - kr-uni is on the one shortest path from each of kr-startup and
//     kr-org to each of the four uz- actors: 8 pairs, 8/28.
//   - uz-park is on the paths from the three kr- actors to uz-program,
//     uz-ministry and uz-startup: 9 pairs, 9/28.
//   - uz-program is on every path from uz-startup, its only link, to the
//     five others in that part: 5/28. (uz-startup to uz-ministry is
//     through uz-program alone: via uz-park is a hop longer.)
//   - Nobody else is between anyone: kr-startup and kr-org, uz-park and
//     uz-ministry, kr and uz are neighbours.
func TestBetweenness(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	want := map[string]float64{"kr-uni": 8.0 / 28, "uz-park": 9.0 / 28, "uz-program": 5.0 / 28}
	scores := v.Scores(analytics.Betweenness)
	for i, a := range n.Actors {
		if got := scores[i]; math.Abs(got-want[a.ID]) > 1e-12 {
			t.Errorf("betweenness of %s = %v, want %v", a.ID, got, want[a.ID])
		}
	}
	if s := v.BetweennessSample(); s.Sampled || s.Pivots != 9 {
		t.Errorf("sample = %+v, want exact from all 9", s)
	}
	top := v.Top(analytics.Betweenness, 2, nil)
	if got := ids(n, actorsOf(top)); !slices.Equal(got, []string{"uz-park", "kr-uni"}) {
		t.Errorf("top 2 by betweenness = %v", got)
	}
}

// TestBetweennessSmall checks the normalisation on graphs small enough to
// see at once: gonum counts each pair both ways on an undirected graph,
// which must come out as a share of the pairs counted once.
func TestBetweennessSmall(t *testing.T) {
	for _, tc := range []struct {
		name  string
		links [][2]string
		want  map[string]float64
	}{
		// b is on the one path between a and c, the one pair of others.
		{"path", [][2]string{{"a", "b"}, {"b", "c"}}, map[string]float64{"b": 1}},
		// The centre is on the path of every pair of leaves.
		{"star", [][2]string{{"c", "l1"}, {"c", "l2"}, {"c", "l3"}, {"c", "l4"}}, map[string]float64{"c": 1}},
		// a and c are joined by two shortest paths, through b and through
		// d; so each node carries half a path of 3 pairs of others.
		{"square", [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "a"}},
			map[string]float64{"a": 0.5 / 3, "b": 0.5 / 3, "c": 0.5 / 3, "d": 0.5 / 3}},
		// Nobody is between two neighbours.
		{"triangle", [][2]string{{"a", "b"}, {"b", "c"}, {"c", "a"}}, nil},
		// Two actors and nothing else: no pairs of others at all.
		{"pair", [][2]string{{"a", "b"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := linkNetwork(tc.links)
			scores := analytics.NewNetwork(n).View(nil).Scores(analytics.Betweenness)
			for i, a := range n.Actors {
				if got := scores[i]; math.Abs(got-tc.want[a.ID]) > 1e-12 {
					t.Errorf("betweenness of %s = %v, want %v", a.ID, got, tc.want[a.ID])
				}
			}
		})
	}
}

// TestPageRank compares bridgeNetwork's PageRank with a plain power
// iteration written out here, and checks the order, which follows from
// the links as relations point:
//
//   - kr-org is linked to by kr-startup, whose one link it is, and by
//     kr-uni (a partnership, so both ways); it ranks first, and passes
//     its weight on to kr-startup and kr-uni, second and third.
//   - uz-program is linked to by three (uz-park, uz-ministry, uz-startup)
//     but links nowhere: it passes its weight to everyone alike.
//   - kr and uz-startup have no links to them: they only get the share
//     every actor gets, so they tie, and tie last, in id order.
func TestPageRank(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	want := referencePageRank(n)
	scores := v.Scores(analytics.PageRank)
	var sum float64
	for i, a := range n.Actors {
		sum += scores[i]
		if math.Abs(scores[i]-want[i]) > 1e-8 {
			t.Errorf("PageRank of %s = %v, want %v", a.ID, scores[i], want[i])
		}
	}
	if math.Abs(sum-1) > 1e-8 {
		t.Errorf("PageRank sums to %v, want 1", sum)
	}
	order := []string{"kr-org", "kr-startup", "kr-uni", "uz-program", "uz-park", "uz-ministry", "uz", "kr", "uz-startup"}
	if got := ids(n, actorsOf(v.Top(analytics.PageRank, 0, nil))); !slices.Equal(got, order) {
		t.Errorf("PageRank order = %v,\nwant %v", got, order)
	}
}

// TestPageRankRepeatable: gonum starts from a random vector; the rounded
// scores must not show it.
func TestPageRankRepeatable(t *testing.T) {
	n := bridgeNetwork()
	first := analytics.NewNetwork(n).View(nil).Scores(analytics.PageRank)
	for range 50 {
		if got := analytics.NewNetwork(n).View(nil).Scores(analytics.PageRank); !slices.Equal(got, first) {
			t.Fatalf("PageRank = %v, then %v", first, got)
		}
	}
}

// referencePageRank is PageRank by the book on the links of
// bridgeNetwork as relations point, both ways for partnerships and
// negotiations, each pair once: a walker follows a random link out, or
// with chance 0.15 (or when there is none) jumps anywhere.
func referencePageRank(n *store.Network) []float64 {
	out := make([][]int32, len(n.Actors))
	link := func(a, b int32) {
		if a != b && !slices.Contains(out[a], b) {
			out[a] = append(out[a], b)
		}
	}
	for _, r := range n.Relations {
		link(r.From, r.To)
		if r.Type == store.NegotiatesWith || r.Type == store.PartnersWith {
			link(r.To, r.From)
		}
	}
	size := float64(len(n.Actors))
	rank := make([]float64, len(n.Actors))
	for i := range rank {
		rank[i] = 1 / size
	}
	for range 1000 {
		next := make([]float64, len(rank))
		var dangling float64
		for i, r := range rank {
			if len(out[i]) == 0 {
				dangling += r
			}
		}
		for i := range next {
			next[i] = (1-0.85)/size + 0.85*dangling/size
		}
		for i, r := range rank {
			for _, j := range out[i] {
				next[j] += 0.85 * r / float64(len(out[i]))
			}
		}
		rank = next
	}
	return rank
}

// TestTopKinds: kinds narrow the listing, not the network the scores
// are over.
func TestTopKinds(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	top := v.Top(analytics.Betweenness, 5, []store.Kind{store.KindUniversity, store.KindProgram})
	if got := ids(n, actorsOf(top)); !slices.Equal(got, []string{"kr-uni", "uz-program"}) {
		t.Errorf("top universities and programmes = %v", got)
	}
	if top[0].Value != 8.0/28 {
		t.Errorf("kr-uni scores %v, want 8/28 as over the whole view", top[0].Value)
	}
	// Degree ties: kr-uni, uz-park and uz-program have 3 neighbours each
	// and come in id order; first cuts the list.
	if got := ids(n, actorsOf(v.Top(analytics.Degree, 2, nil))); !slices.Equal(got, []string{"kr-uni", "uz-park"}) {
		t.Errorf("top 2 by degree = %v", got)
	}
}

// TestCommunities: the two clusters of bridgeNetwork, and the two
// countries, which are linked only to each other. The uz- cluster is
// named for uz-park, which has as many neighbours (3) as uz-program but
// the smaller id; the pair of countries for kr, which ties with uz.
func TestCommunities(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	want := []struct {
		id      string
		members []string
	}{
		{"community:uz-park", []string{"uz-ministry", "uz-park", "uz-program", "uz-startup"}},
		{"community:kr-uni", []string{"kr-org", "kr-startup", "kr-uni"}},
		{"community:kr", []string{"kr", "uz"}},
	}
	got := v.Communities()
	if len(got) != len(want) {
		t.Fatalf("communities = %v", got)
	}
	for c, w := range want {
		if got[c].ID != w.id || !slices.Equal(ids(n, got[c].Members), w.members) {
			t.Errorf("community %d = %s %v, want %s %v", c, got[c].ID, ids(n, got[c].Members), w.id, w.members)
		}
		for _, m := range got[c].Members {
			if v.CommunityOf(m) != c {
				t.Errorf("CommunityOf(%s) = %d, want %d", n.Actors[m].ID, v.CommunityOf(m), c)
			}
		}
	}
}

// TestCommunitiesRepeatable: Louvain shuffles; with its fixed seed the same
// data gives the same communities, however it was put in, both from gonum
// (2,000 actors) and past its limit (5,000).
func TestCommunitiesRepeatable(t *testing.T) {
	for _, size := range []int{2000, 5000} {
		d := syntheticNetwork(size, 3*size, 7)
		first := analytics.NewNetwork(d).View(nil).Communities()
		again := analytics.NewNetwork(d).View(nil).Communities()
		shuffled := analytics.NewNetwork(shuffledNetwork(size, 3*size, 7)).View(nil).Communities()
		for _, other := range [][]analytics.Community{again, shuffled} {
			if !slices.EqualFunc(first, other, func(a, b analytics.Community) bool {
				return a.ID == b.ID && slices.Equal(a.Members, b.Members)
			}) {
				t.Fatalf("%d actors: the same network gave different communities", size)
			}
		}
		seen := make([]bool, len(d.Actors))
		for _, c := range first {
			for _, m := range c.Members {
				if seen[m] {
					t.Fatalf("%s is in two communities", d.Actors[m].ID)
				}
				seen[m] = true
			}
		}
		if i := slices.Index(seen, false); i >= 0 {
			t.Fatalf("%s is in no community", d.Actors[i].ID)
		}
		if len(first) < 2 || len(first[0].Members) < len(first[len(first)-1].Members) {
			t.Errorf("%d actors: %d communities, not largest first", size, len(first))
		}
	}
}

// TestBrokers: without uz-park its cluster's other three lose the three
// kr- actors (3 separated, either piece being the larger); without kr-uni,
// kr-startup and kr-org are cut off from the four uz- actors (2); without
// uz-program, uz-startup is on its own (1). kr and uz are a pair, and
// neither is a broker.
func TestBrokers(t *testing.T) {
	n := bridgeNetwork()
	v := analytics.NewNetwork(n).View(nil)
	for _, tc := range []struct {
		kinds []store.Kind
		want  []analytics.Broker
	}{
		{nil, []analytics.Broker{
			{Actor: index(t, n, "uz-park"), Separated: 3},
			{Actor: index(t, n, "kr-uni"), Separated: 2},
			{Actor: index(t, n, "uz-program"), Separated: 1},
		}},
		{[]store.Kind{store.KindProgram, store.KindUniversity}, []analytics.Broker{
			{Actor: index(t, n, "kr-uni"), Separated: 2},
			{Actor: index(t, n, "uz-program"), Separated: 1},
		}},
		{[]store.Kind{store.KindCountry}, nil},
	} {
		if got := v.Brokers(tc.kinds); !slices.Equal(got, tc.want) {
			t.Errorf("Brokers(%v) = %v, want %v", tc.kinds, got, tc.want)
		}
	}
}

// TestStats: 13 relations, the one from kr-org to itself included. Across
// borders, kr-uni (kr) negotiates with uz-park (uz) and kr is interested
// in uz: 2 from kr to uz; uz-park is interested in kr-uni: 1 back.
func TestStats(t *testing.T) {
	n := bridgeNetwork()
	got := analytics.NewNetwork(n).View(nil).Stats()
	want := analytics.Stats{
		Actors: 9, Relations: 13,
		Kinds: []analytics.KindCount{
			{Kind: store.KindCountry, Actors: 2},
			{Kind: store.KindUniversity, Actors: 1},
			{Kind: store.KindStartup, Actors: 2},
			{Kind: store.KindOrganization, Actors: 2},
			{Kind: store.KindGovernmentBody, Actors: 1},
			{Kind: store.KindEvent, Actors: 0},
			{Kind: store.KindProgram, Actors: 1},
		},
		CrossBorder: []analytics.CrossBorder{
			{From: index(t, n, "kr"), To: index(t, n, "uz"), Relations: 2},
			{From: index(t, n, "uz"), To: index(t, n, "kr"), Relations: 1},
		},
	}
	if got.Actors != want.Actors || got.Relations != want.Relations ||
		!slices.Equal(got.Kinds, want.Kinds) || !slices.Equal(got.CrossBorder, want.CrossBorder) {
		t.Errorf("Stats = %+v,\nwant %+v", got, want)
	}
}

// TestEmptyView: a network with nothing in it has no scores, communities
// or brokers, and says so rather than failing.
func TestEmptyView(t *testing.T) {
	v := analytics.NewNetwork(store.BuildNetwork(nil, nil)).View(nil)
	for m := range 3 {
		if got := v.Top(analytics.Measure(m), 10, nil); len(got) != 0 {
			t.Errorf("Top(%v) = %v", analytics.Measure(m), got)
		}
	}
	if len(v.Communities()) != 0 || len(v.Brokers(nil)) != 0 || v.Stats().Actors != 0 {
		t.Error("an empty view has something in it")
	}
}

// actorsOf returns the actors of a ranking.
func actorsOf(scores []analytics.Score) []int32 {
	out := make([]int32, len(scores))
	for i, s := range scores {
		out[i] = s.Actor
	}
	return out
}

// linkNetwork is a network of organisations with one relation per link.
func linkNetwork(links [][2]string) *store.Network {
	var actors []*store.Actor
	var relations []*store.Relation
	seen := map[string]bool{}
	for i, l := range links {
		for _, id := range l {
			if !seen[id] {
				seen[id] = true
				actors = append(actors, &store.Actor{ID: id, Kind: store.KindOrganization})
			}
		}
		relations = append(relations, &store.Relation{ID: string(rune('a' + i)), Type: store.PartnersWith, From: l[0], To: l[1]})
	}
	return store.BuildNetwork(actors, relations)
}

// TestViewConcurrent: requests share a View; each measure is worked out
// once, and everyone gets that one (run with -race).
func TestViewConcurrent(t *testing.T) {
	v := analytics.NewNetwork(bridgeNetwork()).View(nil)
	var wg sync.WaitGroup
	got := make([][]analytics.Score, 16)
	for i := range got {
		wg.Go(func() {
			got[i] = v.Top(analytics.Measure(i%3), 0, nil)
			v.Communities()
			v.Brokers(nil)
			v.Stats()
		})
	}
	wg.Wait()
	for i := range got {
		if !slices.Equal(got[i], got[i%3]) {
			t.Fatalf("two requests for %v got %v and %v", analytics.Measure(i%3), got[i%3], got[i])
		}
	}
}
