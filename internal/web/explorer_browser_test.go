package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// The seed's actors the explorer test looks for.
const (
	schID      = "soonchunhyang-university"
	ministryID = "ministry-of-digital-technologies"
	forumID    = "global-business-service-forum-2024"
)

// TestExplorerInChromium drives the explorer at / in a real headless
// Chromium against the whole HTTP API over the seed network, as an
// analyst would: the overview drawn whole; search in a romanisation
// other than the name's; an actor's panel with its names and citations;
// expanding its neighbours; a shortest path; the network as of a day;
// hiding a kind; the picture saved as PNG and SVG; and the URL that
// brings the same view back. What it expects comes from the store, not
// from the page. Screenshots of each view go to the test's artifact
// directory, and with ECOGRAPH_SCREENSHOTS=1 into docs/.
func TestExplorerInChromium(t *testing.T) {
	srv, st := newAPIStack(t)
	tab, rec := browse(t, srv.URL, 3*time.Minute)
	x := &explorer{t: t, tab: tab, store: st}

	x.open(srv.URL + "/")
	all := x.storeActors()
	if got := x.visible().Actors; len(got) != len(all) {
		t.Errorf("the overview draws %d actors, the seed has %d", len(got), len(all))
	}
	x.checkLooks(srv.URL)
	saveDocsShot(t, tab, "explorer.png")
	x.checkDoubleClick()
	x.checkTypeFilter()

	x.checkSearch()
	x.checkPanel()
	x.checkExpand()
	x.checkPath()
	x.checkAsOf()
	x.checkKindFilter()
	x.checkExports()
	x.checkLink()
	x.checkBadLink(srv.URL)
	x.checkNotYetBegun(srv.URL)
	x.checkPhone()
	x.checkOffline()
	rec.check(t, srv.URL)
}

// explorer drives one tab of the explorer.
type explorer struct {
	t     *testing.T
	tab   context.Context
	store *embedded.Store
	// serial is the number of scene loads the page has finished.
	serial int
}

// drawn is what the page says it draws: ecographExplorer.visible().
type drawn struct {
	Actors    []string `json:"actors"`
	Relations []string `json:"relations"`
}

// visible is what the page draws; highlighted what is on the highlighted
// path.
func (x *explorer) visible() drawn     { return x.drawn("visible") }
func (x *explorer) highlighted() drawn { return x.drawn("highlighted") }

func (x *explorer) drawn(what string) drawn {
	x.t.Helper()
	d, err := chromedp.Run(x.tab, chromedp.Evaluate[drawn](`window.ecographExplorer.`+what+`()`))
	if err != nil {
		x.t.Fatalf("read what the page says is %s: %v", what, err)
	}
	return d
}

// open loads url and waits for its first scene.
func (x *explorer) open(url string) {
	x.t.Helper()
	x.serial = 0
	do(x.t, x.tab, "open "+url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#graph canvas")))
	x.waitLoaded("the first scene of " + url)
}

// waitLoaded waits until the page has finished a scene load after the
// last one seen.
func (x *explorer) waitLoaded(what string) {
	x.t.Helper()
	done := fmt.Sprintf(`Number(document.body.dataset.serial || 0) > %d && document.body.dataset.loading === "false" && document.body.dataset.layout !== "running"`, x.serial)
	do(x.t, x.tab, "wait for "+what, chromedp.Poll[chromedp.Void](done, chromedp.WithPollingTimeout(60*time.Second)))
	n, err := chromedp.Run(x.tab, chromedp.Evaluate[int](`Number(document.body.dataset.serial)`))
	if err != nil {
		x.t.Fatal(err)
	}
	x.serial = n
}

// act does steps that change the scene, and waits for the page to draw
// the new one.
func (x *explorer) act(what string, steps ...chromedp.Action[chromedp.Void]) {
	x.t.Helper()
	n, err := chromedp.Run(x.tab, chromedp.Evaluate[int](`Number(document.body.dataset.serial || 0)`))
	if err != nil {
		x.t.Fatal(err)
	}
	x.serial = n
	do(x.t, x.tab, what, steps...)
	x.waitLoaded(what)
}

// storeActors is every actor of the store, by id.
func (x *explorer) storeActors() map[string]*store.Actor {
	x.t.Helper()
	page, err := x.store.Actors(x.t.Context(), store.ActorFilter{}, store.Page{First: 1000})
	if err != nil {
		x.t.Fatal(err)
	}
	out := map[string]*store.Actor{}
	for _, a := range page.Actors {
		out[a.ID] = a
	}
	return out
}

// clickActor clicks actor id where the page draws it.
func (x *explorer) clickActor(id string, opts ...chromedp.MouseOption) {
	x.t.Helper()
	type point struct{ X, Y float64 }
	p, err := chromedp.Run(x.tab, chromedp.Evaluate[*point](fmt.Sprintf(`window.ecographExplorer.position(%s)`, jsString(id))))
	if err != nil || p == nil {
		x.t.Fatalf("%s is not drawn (%v)", id, err)
	}
	do(x.t, x.tab, "click "+id, chromedp.MouseClickXY(p.X, p.Y, opts...))
}

// looks is how the page draws an actor: ecographExplorer.looks(id).
type looks struct {
	Size   float64 `json:"size"`
	Colour string  `json:"colour"`
	Shape  string  `json:"shape"`
}

func (x *explorer) looks(id string) looks {
	x.t.Helper()
	l, err := chromedp.Run(x.tab, chromedp.Evaluate[*looks](fmt.Sprintf(`window.ecographExplorer.looks(%s)`, jsString(id))))
	if err != nil || l == nil {
		x.t.Fatalf("%s is not drawn (%v)", id, err)
	}
	return *l
}

// checkLooks compares the overview's sizes and colours with the API's
// analytics: the actor of highest degree is drawn largest, the lowest
// smallest; actors of one community share a colour, and the two largest
// communities differ; kinds differ in shape.
func (x *explorer) checkLooks(base string) {
	t := x.t
	var answer struct {
		Data struct {
			Centrality []struct {
				Actor struct{ ID string } `json:"actor"`
			} `json:"centrality"`
			Communities []struct {
				Actors []struct{ ID string } `json:"actors"`
			} `json:"communities"`
		} `json:"data"`
	}
	postJSON(t, base+"/graphql", `{ centrality(measure: DEGREE, first: 100) { actor { id } } communities(minSize: 2) { actors { id } } }`, &answer)
	ranked := answer.Data.Centrality
	top, bottom := x.looks(ranked[0].Actor.ID), x.looks(ranked[len(ranked)-1].Actor.ID)
	if top.Size <= bottom.Size {
		t.Errorf("%s (highest degree) is drawn %v wide, %s (lowest) %v", ranked[0].Actor.ID, top.Size, ranked[len(ranked)-1].Actor.ID, bottom.Size)
	}
	comms := answer.Data.Communities
	if len(comms) < 2 {
		t.Fatalf("the seed has %d communities of 2 or more", len(comms))
	}
	for _, c := range comms {
		first := x.looks(c.Actors[0].ID).Colour
		for _, a := range c.Actors[1:] {
			if got := x.looks(a.ID).Colour; got != first {
				t.Errorf("%s is %s, %s of the same community %s", a.ID, got, c.Actors[0].ID, first)
			}
		}
	}
	if x.looks(comms[0].Actors[0].ID).Colour == x.looks(comms[1].Actors[0].ID).Colour {
		t.Errorf("the two largest communities share a colour")
	}
	if x.looks(schID).Shape == x.looks(ministryID).Shape {
		t.Errorf("a university and a government body share a shape")
	}
}

// checkDoubleClick double-clicks IT Park: its neighbours are expanded
// (the page says so in its URL) and its panel opens.
func (x *explorer) checkDoubleClick() {
	t := x.t
	const park = "it-park-uzbekistan"
	type point struct{ X, Y float64 }
	p, err := chromedp.Run(x.tab, chromedp.Evaluate[*point](fmt.Sprintf(`window.ecographExplorer.position(%s)`, jsString(park))))
	if err != nil || p == nil {
		t.Fatalf("%s is not drawn (%v)", park, err)
	}
	x.act("double-click IT Park", chromedp.MouseClickXY(p.X, p.Y), chromedp.MouseClickXY(p.X, p.Y, chromedp.ClickCount(2)))
	st, err := chromedp.Run(x.tab, chromedp.Evaluate[struct {
		Expanded []string `json:"expanded"`
		Selected string   `json:"selected"`
	}](`window.ecographExplorer.state()`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Expanded, []string{park}) || st.Selected != park {
		t.Errorf("after a double-click on IT Park: expanded %v, selected %q", st.Expanded, st.Selected)
	}
	if u := x.location(); !strings.Contains(u, "expand="+park) {
		t.Errorf("the URL does not keep the expansion: %s", u)
	}
}

// checkTypeFilter hides FOUNDED relations and shows them again.
func (x *explorer) checkTypeFilter() {
	t := x.t
	before := x.visible()
	do(t, x.tab, "hide FOUNDED", chromedp.Click(chromedp.CSS(`input[name="type"][value="FOUNDED"]`)))
	after := x.visible()
	founded := 0
	for _, id := range before.Relations {
		r, err := x.store.Relation(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		shown := slices.Contains(after.Relations, id)
		if r.Type == store.Founded {
			founded++
		}
		if shown == (r.Type == store.Founded) {
			t.Errorf("with FOUNDED hidden, %s (%s) is shown: %v", id, r.Type, shown)
		}
	}
	if founded < 5 {
		t.Errorf("%d FOUNDED relations were drawn; SCH alone founded 5", founded)
	}
	if len(after.Actors) != len(before.Actors) {
		t.Errorf("hiding a relation type hid actors: %d of %d left", len(after.Actors), len(before.Actors))
	}
	do(t, x.tab, "show FOUNDED", chromedp.Click(chromedp.CSS(`input[name="type"][value="FOUNDED"]`)))
	if again := x.visible(); len(again.Relations) != len(before.Relations) {
		t.Errorf("showing FOUNDED again draws %d relations, %d before", len(again.Relations), len(before.Relations))
	}
}

// postJSON posts a query to the API and decodes its answer into out.
func postJSON(t *testing.T, endpoint, query string, out any) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Post(endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("POST %s: %v", endpoint, err)
	}
}

// checkSearch clears the picture and finds SCH by the spelling the Uzbek
// article uses, which is not its name: SCH alone is drawn.
func (x *explorer) checkSearch() {
	t := x.t
	x.act("clear the picture", chromedp.Click(chromedp.CSS("#clear")))
	if d := x.visible(); len(d.Actors) != 0 {
		t.Fatalf("after Clear the page draws %v", d.Actors)
	}
	do(t, x.tab, "search for Sun Chun Xyan",
		chromedp.Click(chromedp.CSS("#search")),
		chromedp.SendKeys(chromedp.CSS("#search"), "Sun Chun Xyan"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-actor="`+schID+`"]`)),
	)
	first := textOf(t, x.tab, "#search-results li:first-child .name")
	if first != "Soonchunhyang University" {
		t.Errorf("the first hit for Sun Chun Xyan is %q, want Soonchunhyang University", first)
	}
	x.act("choose the first hit with Enter", chromedp.KeyEvent(kb.Enter))
	if d := x.visible(); !slices.Equal(d.Actors, []string{schID}) {
		t.Errorf("after choosing SCH the page draws %v, want SCH alone", d.Actors)
	}
	saveDocsShot(t, x.tab, "explorer-search.png")
}

// checkPanel opens SCH's panel by clicking it: its kind, its names in
// every language, its aliases and every citation's excerpt and source.
func (x *explorer) checkPanel() {
	t := x.t
	do(t, x.tab, "close the panel", chromedp.Click(chromedp.CSS("#panel-close")), chromedp.WaitNotVisible(chromedp.CSS("#panel")))
	x.clickActor(schID)
	do(t, x.tab, "wait for SCH's panel", chromedp.WaitVisible(chromedp.CSS(`#panel[data-actor="`+schID+`"] [data-field="citations"]`)))
	sch, err := x.store.Actor(t.Context(), schID)
	if err != nil {
		t.Fatal(err)
	}
	panel := textOf(t, x.tab, "#panel")
	want := []string{"university", sch.Name}
	for _, n := range sch.Names {
		want = append(want, n.Value)
	}
	want = append(want, sch.Aliases...)
	for _, c := range sch.Citations {
		if c.Excerpt == "" {
			t.Fatalf("the seed cites SCH without an excerpt: %+v", c)
		}
		want = append(want, c.Excerpt)
	}
	sources, err := x.store.SourcesByID(t.Context(), []string{sch.Citations[0].SourceID})
	if err != nil || len(sources) != 1 || sources[0] == nil {
		t.Fatalf("read SCH's source: %v", err)
	}
	want = append(want, sources[0].Title)
	for _, w := range want {
		if !strings.Contains(panel, w) {
			t.Errorf("SCH's panel lacks %q; it reads:\n%s", w, panel)
		}
	}
	saveDocsShot(t, x.tab, "explorer-panel.png")
}

// founded is the ids of the actors a FOUNDED relation leads to from id,
// from the store.
func (x *explorer) founded(id string) []string {
	x.t.Helper()
	page, err := x.store.Relations(x.t.Context(), id, store.RelationFilter{Direction: store.Out, Types: []store.RelationType{store.Founded}}, store.Page{First: 100})
	if err != nil {
		x.t.Fatal(err)
	}
	var out []string
	for _, e := range page.Edges {
		out = append(out, e.Other)
	}
	return out
}

// checkExpand expands SCH from its panel: its five startups appear, joined
// to it.
func (x *explorer) checkExpand() {
	t := x.t
	startups := x.founded(schID)
	if len(startups) != 5 {
		t.Fatalf("the seed has SCH found %d startups, want 5", len(startups))
	}
	x.act("expand SCH", chromedp.Click(chromedp.CSS(`#panel [data-action="expand"]`)))
	d := x.visible()
	for _, s := range startups {
		if !slices.Contains(d.Actors, s) {
			t.Errorf("after expanding SCH, startup %s is not drawn (drawn: %v)", s, d.Actors)
		}
	}
	if len(d.Relations) < 5 {
		t.Errorf("after expanding SCH %d relations are drawn, want at least its 5 FOUNDED", len(d.Relations))
	}
	saveDocsShot(t, x.tab, "explorer-expand.png")
}

// checkPath asks for the shortest path from SCH to the ministry, picking
// the ministry by search: the path the API gives is highlighted, and the
// status line names its actors.
func (x *explorer) checkPath() {
	t := x.t
	path, err := x.store.ShortestPath(t.Context(), schID, ministryID, store.PathQuery{MaxLength: 6})
	if err != nil || path == nil {
		t.Fatalf("the store finds no path from SCH to the ministry: %v", err)
	}
	var wantActors, wantRelations []string
	for _, a := range path.Actors {
		wantActors = append(wantActors, a.ID)
	}
	for _, r := range path.Relations {
		wantRelations = append(wantRelations, r.ID)
	}
	do(t, x.tab, "start a path at SCH", chromedp.Click(chromedp.CSS(`#panel [data-action="path-from"]`)))
	do(t, x.tab, "search for the ministry",
		// SetValue cannot set "": it reads the value back and takes an
		// empty answer for a failure.
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#search"), "Raqamli texnologiyalar vazirligi"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-actor="`+ministryID+`"]`)),
	)
	x.act("choose the ministry", chromedp.Click(chromedp.CSS(`#search-results li[data-actor="`+ministryID+`"]`)))
	do(t, x.tab, "wait for the ministry's panel", chromedp.WaitVisible(chromedp.CSS(`#panel[data-actor="`+ministryID+`"] [data-action="path-to"]`)))
	x.act("ask for the path to the ministry", chromedp.Click(chromedp.CSS(`#panel [data-action="path-to"]`)))
	h := x.highlighted()
	slices.Sort(h.Actors)
	slices.Sort(h.Relations)
	slices.Sort(wantActors)
	slices.Sort(wantRelations)
	if !slices.Equal(h.Actors, wantActors) || !slices.Equal(h.Relations, wantRelations) {
		t.Errorf("highlighted %v and %v; the shortest path is %v and %v", h.Actors, h.Relations, wantActors, wantRelations)
	}
	status := textOf(t, x.tab, "#path-status")
	for _, a := range path.Actors {
		if !strings.Contains(status, a.Name) {
			t.Errorf("the path's status %q does not name %s", status, a.Name)
		}
	}
	saveDocsShot(t, x.tab, "explorer-path.png")
}

// checkAsOf looks at the network as of 2024-06-01, before the Forum: it
// is no longer drawn, and comes back with the whole network.
func (x *explorer) checkAsOf() {
	t := x.t
	if !slices.Contains(x.visible().Actors, forumID) {
		t.Fatalf("the Forum is not drawn before asOf: %v", x.visible().Actors)
	}
	x.act("look as of 2024-06-01",
		chromedp.Click(chromedp.CSS("#asof-on")),
		chromedp.SetValue(chromedp.CSS("#asof"), "2024-06-01"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("asof").dispatchEvent(new Event("change"))`),
	)
	x.waitFor("the page to ask as of 2024-06-01", `window.ecographExplorer.state().asOf === "2024-06-01" && document.body.dataset.loading === "false" && document.body.dataset.layout !== "running"`)
	d := x.visible()
	if slices.Contains(d.Actors, forumID) {
		t.Errorf("as of 2024-06-01 the Forum (from 2024-07-24) is drawn")
	}
	if !slices.Contains(d.Actors, schID) {
		t.Errorf("as of 2024-06-01 SCH is not drawn: %v", d.Actors)
	}
	saveDocsShot(t, x.tab, "explorer-asof.png")
	x.act("look at the whole network again", chromedp.Click(chromedp.CSS("#asof-on")))
	x.waitFor("the whole network", `window.ecographExplorer.state().asOf === "" && document.body.dataset.loading === "false" && document.body.dataset.layout !== "running"`)
	if !slices.Contains(x.visible().Actors, forumID) {
		t.Errorf("without asOf the Forum is not drawn again")
	}
}

// waitFor polls js until it is true.
func (x *explorer) waitFor(what, js string) {
	x.t.Helper()
	do(x.t, x.tab, "wait for "+what, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second)))
	n, err := chromedp.Run(x.tab, chromedp.Evaluate[int](`Number(document.body.dataset.serial)`))
	if err == nil {
		x.serial = n
	}
}

// checkKindFilter hides events: none is drawn, nor any of their
// relations, and the rest stays.
func (x *explorer) checkKindFilter() {
	t := x.t
	actors := x.storeActors()
	before := x.visible()
	events := 0
	for _, id := range before.Actors {
		if actors[id].Kind == store.KindEvent {
			events++
		}
	}
	if events == 0 {
		t.Fatalf("no event is drawn before the filter: %v", before.Actors)
	}
	do(t, x.tab, "hide events", chromedp.Click(chromedp.CSS(`input[name="kind"][value="EVENT"]`)))
	after := x.visible()
	for _, id := range after.Actors {
		if actors[id].Kind == store.KindEvent {
			t.Errorf("event %s is drawn with events hidden", id)
		}
	}
	if len(after.Actors) != len(before.Actors)-events {
		t.Errorf("hiding %d events left %d of %d actors", events, len(after.Actors), len(before.Actors))
	}
	if !strings.Contains(textOf(t, x.tab, "#status"), "hidden") {
		t.Errorf("the status line does not say actors are hidden: %q", textOf(t, x.tab, "#status"))
	}
	if u := x.location(); !strings.Contains(u, "hideKinds=EVENT") {
		t.Errorf("the URL does not keep the filter: %s", u)
	}
	saveDocsShot(t, x.tab, "explorer-filter.png")
}

func (x *explorer) location() string {
	x.t.Helper()
	u, err := chromedp.Run(x.tab, chromedp.Location())
	if err != nil {
		x.t.Fatal(err)
	}
	return u
}

// checkExports saves the picture as PNG and SVG through the browser's own
// download, and reads the files with Go's decoders: a PNG with a drawing
// in it, and an SVG that names the actors drawn.
func (x *explorer) checkExports() {
	t := x.t
	dir := t.TempDir()
	if _, err := chromedp.Call(x.tab, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		t.Fatalf("let the page save files: %v", err)
	}
	do(t, x.tab, "export PNG", chromedp.Click(chromedp.CSS("#export-png")))
	pngFile := waitFile(t, dir, ".png")
	img, err := png.Decode(bytes.NewReader(pngFile))
	if err != nil {
		t.Fatalf("the exported PNG does not decode: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 100 || b.Dy() < 100 {
		t.Errorf("the exported PNG is %dx%d", b.Dx(), b.Dy())
	}
	if n := colours(img); n < 4 {
		t.Errorf("the exported PNG has %d colours: it is blank", n)
	}

	do(t, x.tab, "export SVG", chromedp.Click(chromedp.CSS("#export-svg")))
	svgFile := waitFile(t, dir, ".svg")
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
	}
	if err := xml.Unmarshal(svgFile, &doc); err != nil || doc.XMLName.Local != "svg" {
		t.Fatalf("the exported SVG is not an SVG document (%v): %.200s", err, svgFile)
	}
	if !bytes.Contains(svgFile, []byte("Soonchunhyang University")) {
		t.Errorf("the exported SVG does not name SCH")
	}
}

// colours counts the distinct colours of img, up to 1000.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// waitFile waits for a finished download ending in ext in dir and returns
// its bytes.
func waitFile(t *testing.T, dir, ext string) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ext) {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(b) > 0 {
					return b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s file was saved in %s", ext, dir)
	return nil
}

// checkLink opens the page's own URL afresh: the same actors, filters and
// path come back.
func (x *explorer) checkLink() {
	t := x.t
	u := x.location()
	before, path := x.visible(), x.highlighted()
	x.open(u)
	after, again := x.visible(), x.highlighted()
	slices.Sort(before.Actors)
	slices.Sort(after.Actors)
	slices.Sort(path.Actors)
	slices.Sort(again.Actors)
	if !slices.Equal(before.Actors, after.Actors) || !slices.Equal(path.Actors, again.Actors) {
		t.Errorf("the link %s shows %v with path %v; the page showed %v with path %v", u, after.Actors, again.Actors, before.Actors, path.Actors)
	}
	if checked, err := chromedp.Run(x.tab, chromedp.Evaluate[bool](`document.querySelector('input[name="kind"][value="EVENT"]').checked`)); err != nil || checked {
		t.Errorf("the link lost the hidden events (checked %v, %v)", checked, err)
	}
}

// checkBadLink opens a link naming an actor that does not exist: the page
// says so, and draws the rest.
func (x *explorer) checkBadLink(base string) {
	t := x.t
	x.open(base + "/?expand=no-such-actor," + schID + "&overview=0")
	if p := textOf(t, x.tab, "#problems"); !strings.Contains(p, `"no-such-actor"`) || !strings.Contains(p, "does not exist") {
		t.Errorf("a link to a missing actor: the page says %q", p)
	}
	if d := x.visible(); !slices.Contains(d.Actors, schID) {
		t.Errorf("a link with one missing actor drew %v, without SCH's neighbourhood", d.Actors)
	}
}

// checkNotYetBegun opens a link that expands the Forum as of a day before
// it began: the API gives a neighbourhood's centre whatever the day, but
// the page draws nothing of it and says why; on its first day it is drawn.
func (x *explorer) checkNotYetBegun(base string) {
	t := x.t
	forum := x.storeActors()[forumID]
	start := forum.StartDate.String()
	x.open(base + "/?overview=0&expand=" + forumID + "&add=" + forumID + "&asOf=2024-06-01")
	if d := x.visible(); len(d.Actors) != 0 {
		t.Errorf("as of 2024-06-01 the Forum (from %s) and its neighbours are drawn: %v", start, d.Actors)
	}
	p := textOf(t, x.tab, "#problems")
	if !strings.Contains(p, forum.Name) || !strings.Contains(p, start) || strings.Count(p, forum.Name) != 1 {
		t.Errorf("as of 2024-06-01 the page says %q; want the Forum named once with its start %s", p, start)
	}
	x.open(base + "/?overview=0&add=" + forumID + "&asOf=" + start)
	if d := x.visible(); !slices.Equal(d.Actors, []string{forumID}) {
		t.Errorf("as of its start day %s the Forum alone should be drawn, got %v", start, d.Actors)
	}
}

// checkPhone shows the page on a phone-sized screen: it does not scroll
// sideways, and the picture is still drawn.
func (x *explorer) checkPhone() {
	t := x.t
	do(t, x.tab, "emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	wide, err := chromedp.Run(x.tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Error("on a 390 px wide phone the page is wider than the screen")
	}
	h, err := chromedp.Run(x.tab, chromedp.Evaluate[float64](`document.getElementById("graph").getBoundingClientRect().height`))
	if err != nil || h < 200 {
		t.Errorf("on a phone the picture is %v px high (%v)", h, err)
	}
	saveDocsShot(t, x.tab, "explorer-phone.png")
	do(t, x.tab, "leave the phone", chromedp.ResetViewport())
}

// checkOffline searches with the network down: the page says the server
// cannot be reached rather than staying silent.
func (x *explorer) checkOffline() {
	t := x.t
	if _, err := chromedp.Call(x.tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("go offline: %v", err)
	}
	do(t, x.tab, "search while offline",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#search"), "IT Park"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li.problem")),
	)
	if got := textOf(t, x.tab, "#search-results"); !strings.Contains(got, "cannot be reached") {
		t.Errorf("offline, the search says %q", got)
	}
}
