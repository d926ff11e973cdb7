package main

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

type scoreJSON struct {
	Actor actorRef `json:"actor"`
	Score float64  `json:"score"`
}

func (api *apiServer) centrality(measure string, vars map[string]any) []scoreJSON {
	api.t.Helper()
	v := map[string]any{"measure": measure, "first": 100}
	for k, x := range vars {
		v[k] = x
	}
	var got struct {
		Centrality []scoreJSON `json:"centrality"`
	}
	api.query(`query($measure: CentralityMeasure!, $kinds: [ActorKind!], $first: Int, $asOf: Date) {
	  centrality(measure: $measure, kinds: $kinds, first: $first, asOf: $asOf) { actor { id kind } score } }`, v, &got)
	return got.Centrality
}

// wantScores checks the leading scores, to 1e-9.
func wantScores(t *testing.T, what string, got []scoreJSON, want []scoreJSON) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: %d scores, want at least %d: %+v", what, len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Actor.ID != w.Actor.ID || math.Abs(got[i].Score-w.Score) > 1e-9 {
			t.Errorf("%s #%d: %s %.10f, want %s %.10f", what, i+1, got[i].Actor.ID, got[i].Score, w.Actor.ID, w.Score)
		}
	}
}

func score(id string, s float64) scoreJSON { return scoreJSON{Actor: actorRef{ID: id}, Score: s} }

// In the hand-made network (see handMade) the 10 linked actors form a
// tree and lone stands apart: n = 11, and betweenness is over the
// (n-1)(n-2)/2 = 45 pairs of other actors. In a tree the paths through an
// actor are the pairs in different branches around it; of the 9 other
// linked actors, C(9,2) = 36 pairs, less those within a branch:
//
//	hub-u: branches kr, {s1, demo}, s2, {expo, park, min, uz, prog}: 36 - 1 - 10 = 25
//	expo:  branches {hub-u, kr, s1, demo, s2}, {park, uz, prog}, min: 36 - 10 - 3 = 23
//	park:  branches {expo, hub-u, kr, s1, demo, s2, min}, uz, prog:  36 - 21 = 15
//	s1:    branches demo, the other 8:                              36 - 28 = 8
//
// and no other actor is between two others.
func TestCentralityHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	got := api.centrality("BETWEENNESS", nil)
	wantScores(t, "betweenness", got, []scoreJSON{
		score("hub-u", 25.0/45), score("expo", 23.0/45), score("park", 15.0/45), score("s1", 8.0/45),
		score("demo", 0), score("kr", 0), // then the rest by id, all 0
	})
	if len(got) != 11 {
		t.Errorf("betweenness lists %d actors, want all 11", len(got))
	}

	// Degree: distinct neighbours over n-1 = 10; park and expo are joined
	// twice and count once. hub-u: kr, s1, s2, expo; expo: hub-u, park,
	// min; park: expo, uz, prog; s1: hub-u, demo; then the leaves, by id.
	wantScores(t, "degree", api.centrality("DEGREE", nil), []scoreJSON{
		score("hub-u", 0.4), score("expo", 0.3), score("park", 0.3), score("s1", 0.2),
		score("demo", 0.1), score("kr", 0.1), score("min", 0.1), score("prog", 0.1), score("s2", 0.1), score("uz", 0.1), score("lone", 0),
	})

	// kinds lists only those kinds, with the scores over everything.
	wantScores(t, "betweenness of organisations", api.centrality("BETWEENNESS", map[string]any{"kinds": []string{"ORGANIZATION"}}),
		[]scoreJSON{score("park", 15.0/45), score("lone", 0)})

	// As of 2022-01-01, s2, expo and demo have not begun: n = 8, and the
	// relations left are hub-u's to kr and s1 and park's to uz and prog.
	// hub-u is between kr and s1, park between uz and prog: 1 pair of 21.
	wantScores(t, "betweenness as of 2022-01-01", api.centrality("BETWEENNESS", map[string]any{"asOf": "2022-01-01"}),
		[]scoreJSON{score("hub-u", 1.0/21), score("park", 1.0/21), score("kr", 0)})

	// PageRank follows relations as they point: expo is pointed at by
	// hub-u, park and min, and min gives it all its rank. Every score is a
	// share of 1.
	pr := api.centrality("PAGERANK", nil)
	if pr[0].Actor.ID != "expo" {
		t.Errorf("pagerank: %s first, want expo", pr[0].Actor.ID)
	}
	sum := 0.0
	for _, s := range pr {
		sum += s.Score
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Errorf("pagerank scores sum to %v, want 1", sum)
	}
	if first := api.centrality("PAGERANK", map[string]any{"first": 3}); !slices.Equal(first, pr[:3]) {
		t.Errorf("pagerank first 3: %+v, want the top of %+v", first, pr[:3])
	}

	r := api.post(`{ centrality(measure: DEGREE, first: 101) { score } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "first")
	r = api.post(`{ centrality(measure: DEGREE, asOf: "soon") { score } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "asOf", "soon")
}

// Cut out, hub-u leaves kr, {s1, demo} and s2 apart from the five around
// expo: 4 separated; expo leaves {park, uz, prog} and min apart from the
// five around hub-u: 4; park leaves uz and prog: 2; s1 leaves demo: 1.
func TestBrokersHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	type broker struct {
		Actor     actorRef `json:"actor"`
		Separated int      `json:"separated"`
	}
	var got struct {
		Brokers []broker `json:"brokers"`
	}
	api.query(`{ brokers { actor { id } separated } }`, nil, &got)
	want := []broker{{actorRef{ID: "expo"}, 4}, {actorRef{ID: "hub-u"}, 4}, {actorRef{ID: "park"}, 2}, {actorRef{ID: "s1"}, 1}}
	if !slices.EqualFunc(got.Brokers, want, func(a, b broker) bool { return a.Actor.ID == b.Actor.ID && a.Separated == b.Separated }) {
		t.Errorf("brokers: %+v, want %+v", got.Brokers, want)
	}
	api.query(`{ brokers(kinds: [STARTUP, ORGANIZATION], first: 1) { actor { id } separated } }`, nil, &got)
	if len(got.Brokers) != 1 || got.Brokers[0].Actor.ID != "park" {
		t.Errorf("first organisation or startup broker: %+v, want park", got.Brokers)
	}
	// As of 2022-01-01 only hub-u (between kr and s1) and park remain.
	api.query(`{ brokers(asOf: "2022-01-01") { actor { id } separated } }`, nil, &got)
	want = []broker{{actorRef{ID: "hub-u"}, 1}, {actorRef{ID: "park"}, 1}}
	if !slices.EqualFunc(got.Brokers, want, func(a, b broker) bool { return a.Actor.ID == b.Actor.ID && a.Separated == b.Separated }) {
		t.Errorf("brokers as of 2022-01-01: %+v, want %+v", got.Brokers, want)
	}
}

type statsJSON struct {
	Actors    int `json:"actors"`
	Relations int `json:"relations"`
	ByKind    []struct {
		Kind  string `json:"kind"`
		Count int    `json:"count"`
	} `json:"byKind"`
	CrossBorder []struct {
		From      actorRef `json:"from"`
		To        actorRef `json:"to"`
		Relations int      `json:"relations"`
	} `json:"crossBorder"`
}

func (api *apiServer) stats(asOf any) statsJSON {
	api.t.Helper()
	var got struct {
		Stats statsJSON `json:"stats"`
	}
	api.query(`query($asOf: Date) { stats(asOf: $asOf) { actors relations byKind { kind count }
	  crossBorder { from { id } to { id } relations } } }`, map[string]any{"asOf": asOf}, &got)
	return got.Stats
}

func TestStatsHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	st := api.stats(nil)
	if st.Actors != 11 || st.Relations != 10 {
		t.Errorf("stats: %d actors, %d relations; want 11 and 10", st.Actors, st.Relations)
	}
	var kinds []string
	for _, k := range st.ByKind {
		kinds = append(kinds, fmt.Sprintf("%s=%d", k.Kind, k.Count))
	}
	wantList(t, "byKind", kinds, []string{"COUNTRY=2", "UNIVERSITY=1", "STARTUP=2", "ORGANIZATION=2", "GOVERNMENT_BODY=1", "EVENT=2", "PROGRAM=1"})
	// Only hub-u's part in expo crosses a border: South Korea to
	// Uzbekistan. LOCATED_IN joins an actor to its own country, and prog,
	// demo and lone have none.
	if len(st.CrossBorder) != 1 || st.CrossBorder[0].From.ID != "kr" || st.CrossBorder[0].To.ID != "uz" || st.CrossBorder[0].Relations != 1 {
		t.Errorf("crossBorder: %+v, want kr → uz once", st.CrossBorder)
	}
	// As of 2022-01-01: s2, expo and demo have not begun; four relations
	// have (hub-u's to kr and s1, park's to uz and prog).
	if st := api.stats("2022-01-01"); st.Actors != 8 || st.Relations != 4 || len(st.CrossBorder) != 0 {
		t.Errorf("stats as of 2022-01-01: %+v, want 8 actors, 4 relations, no border crossed", st)
	}
	// As of 2023-06-01 park no longer offers prog (until 2022-12).
	if st := api.stats("2023-06-01"); st.Actors != 11 || st.Relations != 9 {
		t.Errorf("stats as of 2023-06-01: %d actors, %d relations; want 11 and 9", st.Actors, st.Relations)
	}
}

func TestCommunitiesHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	type community struct {
		ID     string     `json:"id"`
		Size   int        `json:"size"`
		Actors []actorRef `json:"actors"`
	}
	var got struct {
		Communities []community `json:"communities"`
	}
	api.query(`{ communities(first: 100) { id size actors { id } } }`, nil, &got)
	in := map[string]string{}
	total := 0
	for _, c := range got.Communities {
		if c.Size != len(c.Actors) {
			t.Errorf("%s: size %d, %d actors", c.ID, c.Size, len(c.Actors))
		}
		total += c.Size
		for _, a := range c.Actors {
			if in[a.ID] != "" {
				t.Errorf("%s is in %s and %s", a.ID, in[a.ID], c.ID)
			}
			in[a.ID] = c.ID
		}
	}
	if total != 11 {
		t.Errorf("communities hold %d actors, want all 11", total)
	}
	// Louvain puts an actor with one neighbour in that neighbour's
	// community: joining it adds 1/m and costs at most k·K/2m² < 1/m.
	for leaf, neighbour := range map[string]string{"kr": "hub-u", "s2": "hub-u", "demo": "s1", "uz": "park", "prog": "park", "min": "expo"} {
		if in[leaf] != in[neighbour] {
			t.Errorf("%s is in %s, its only neighbour %s in %s", leaf, in[leaf], neighbour, in[neighbour])
		}
	}
	if in["lone"] != "community:lone" {
		t.Errorf("lone is in %q, want a community of its own, community:lone", in["lone"])
	}
	// The same data, the same communities, ids and all.
	var again struct {
		Communities []community `json:"communities"`
	}
	api.query(`{ communities(first: 100) { id size actors { id } } }`, nil, &again)
	if len(again.Communities) != len(got.Communities) {
		t.Fatalf("a second call gave %d communities, the first %d", len(again.Communities), len(got.Communities))
	}
	for i := range got.Communities {
		if again.Communities[i].ID != got.Communities[i].ID || !slices.Equal(refIDs(again.Communities[i].Actors), refIDs(got.Communities[i].Actors)) {
			t.Errorf("community %d changed: %+v then %+v", i, got.Communities[i], again.Communities[i])
		}
	}
	api.query(`{ communities(minSize: 2) { id size } }`, nil, &again)
	for _, c := range again.Communities {
		if c.Size < 2 {
			t.Errorf("minSize 2 gave %s of size %d", c.ID, c.Size)
		}
	}
}

type eventJSON struct {
	ID             string `json:"id"`
	StartDate      string `json:"startDate"`
	StartPrecision string `json:"startPrecision"`
}

func (api *apiServer) timeline(vars map[string]any) []eventJSON {
	api.t.Helper()
	var got struct {
		Timeline []eventJSON `json:"timeline"`
	}
	api.query(`query($from: Date, $to: Date, $actor: ID) { timeline(from: $from, to: $to, actor: $actor) { id startDate startPrecision } }`, vars, &got)
	return got.Timeline
}

func eventIDs(es []eventJSON) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// demo is dated 2022-05, which sorts by its first day, before expo's
// 2022-05-10, and covers the whole month.
func TestTimelineHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	all := api.timeline(nil)
	wantList(t, "timeline", eventIDs(all), []string{"demo", "expo"})
	if all[0].StartDate != "2022-05" || all[0].StartPrecision != "MONTH" || all[1].StartPrecision != "DAY" {
		t.Errorf("timeline dates: %+v", all)
	}
	wantList(t, "from 2022-05-20", eventIDs(api.timeline(map[string]any{"from": "2022-05-20"})), []string{"demo"})
	wantList(t, "to 2022-05-09", eventIDs(api.timeline(map[string]any{"to": "2022-05-09"})), []string{"demo"})
	wantList(t, "from 2022-06", eventIDs(api.timeline(map[string]any{"from": "2022-06"})), nil)
	wantList(t, "hub-u's", eventIDs(api.timeline(map[string]any{"actor": "hub-u"})), []string{"expo"})
	wantList(t, "s1's", eventIDs(api.timeline(map[string]any{"actor": "s1"})), []string{"demo"})
	r := api.post(`{ timeline(actor: "nobody") { id } }`, nil, "")
	wantError(t, r, "NOT_FOUND", "nobody")
}

// The seed network: the article's answers.
func TestAnalyticsSeed(t *testing.T) {
	api := startAPI(t, nil)
	top := api.centrality("BETWEENNESS", map[string]any{"first": 2})
	got := []string{top[0].Actor.ID, top[1].Actor.ID}
	slices.Sort(got)
	wantList(t, "top two by betweenness", got, []string{itParkID, schID})

	st := api.stats(nil)
	found := false
	for _, l := range st.CrossBorder {
		found = found || l.From.ID == "south-korea" && l.To.ID == "uzbekistan" && l.Relations > 0
	}
	if !found {
		t.Errorf("crossBorder has no South Korea → Uzbekistan link: %+v", st.CrossBorder)
	}
	// 15 actors and 25 relations; as of 2024-06-01 the seminar and the
	// Forum have not taken place, and the four relations to them (two
	// invitations, two organisers) have not begun.
	if st.Actors != 15 || st.Relations != 25 {
		t.Errorf("stats: %d actors, %d relations; want 15 and 25", st.Actors, st.Relations)
	}
	if st := api.stats("2024-06-01"); st.Actors != 13 || st.Relations != 21 {
		t.Errorf("stats as of 2024-06-01: %d actors, %d relations; want 13 and 21", st.Actors, st.Relations)
	}

	tl := api.timeline(map[string]any{"from": "2024-06-01"})
	wantList(t, "timeline from 2024-06-01", eventIDs(tl), []string{"sch-delegation-visit-it-park", "online-seminar-2024-06-13", forumID})
	if tl[0].StartPrecision != "MONTH" {
		t.Errorf("the visit's date %q is given as %s, want MONTH", tl[0].StartDate, tl[0].StartPrecision)
	}
}

// The analytics keep what they work out only while the network stays as
// it was: every write is seen by the next query.
func TestAnalyticsFollowWrites(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	before := api.stats(nil)
	between := api.centrality("BETWEENNESS", map[string]any{"first": 1})
	var out map[string]any
	// A relation from lone to s2 makes lone a leaf of the tree.
	api.mutate(`mutation { createRelation(input: {type: PARTNERS_WITH, from: "lone", to: "s2"}) { id } }`, nil, &out)
	after := api.stats(nil)
	if after.Relations != before.Relations+1 {
		t.Errorf("relations %d after a write, want %d", after.Relations, before.Relations+1)
	}
	// Of the 10 other actors around hub-u, C(10,2) = 45 pairs less those
	// within its branches kr, {s1, demo}, {s2, lone} and the five around
	// expo: 45 - 1 - 1 - 10 = 33. Around expo, branches of 6, 3 and 1:
	// 45 - 15 - 3 = 27. Around park, 8, 1 and 1: 45 - 28 = 17.
	wantScores(t, "betweenness after the write", api.centrality("BETWEENNESS", map[string]any{"first": 3}),
		[]scoreJSON{score("hub-u", 33.0/45), score("expo", 27.0/45), score("park", 17.0/45)})
	if between[0].Actor.ID != "hub-u" || math.Abs(between[0].Score-25.0/45) > 1e-9 {
		t.Errorf("betweenness before the write: %+v", between)
	}
	api.mutate(`mutation { deleteActor(id: "demo") }`, nil, &out)
	tl := api.timeline(nil)
	wantList(t, "timeline after deleting demo", eventIDs(tl), []string{"expo"})
}
