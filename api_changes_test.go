package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// changesQuery asks for a page of the change feed with what a client
// keeping a copy reads of each change.
const changesQuery = `query($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges { cursor node {
      cursor operation itemType itemId committedAt author { role subject }
      item {
        __typename id
        ... on Startup { name description founded country { id } }
        ... on Relation { type fromId toId since }
      }
    } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`

// change is one change as changesQuery reads it, as the live clients
// receive it, or as feedAfter pages it; each fills what it selects.
type change struct {
	Cursor      string `json:"cursor"`
	Operation   string `json:"operation"`
	ItemType    string `json:"itemType"`
	ItemID      string `json:"itemId"`
	CommittedAt string `json:"committedAt"`
	Author      *struct {
		Role    string `json:"role"`
		Subject string `json:"subject"`
	} `json:"author"`
	Item struct {
		Typename    string               `json:"__typename"`
		ID          string               `json:"id"`
		Kind        string               `json:"kind"`
		Name        string               `json:"name"`
		Description *string              `json:"description"`
		Founded     string               `json:"founded"`
		Country     *struct{ ID string } `json:"country"`
		Type        string               `json:"type"`
		FromID      string               `json:"fromId"`
		ToID        string               `json:"toId"`
		Since       string               `json:"since"`
		From        struct{ ID string }  `json:"from"`
		To          struct{ ID string }  `json:"to"`
	} `json:"item"`
}

// changePage is a page of the feed as changesQuery reads it.
type changePage struct {
	Changes struct {
		Edges []struct {
			Cursor string `json:"cursor"`
			Node   change `json:"node"`
		} `json:"edges"`
		PageInfo struct {
			HasNextPage     bool    `json:"hasNextPage"`
			HasPreviousPage bool    `json:"hasPreviousPage"`
			StartCursor     *string `json:"startCursor"`
			EndCursor       *string `json:"endCursor"`
		} `json:"pageInfo"`
	} `json:"changes"`
}

// changes asks for a page of the feed, after a cursor ("" for none).
func (s *apiServer) changes(after string, first int) changePage {
	s.t.Helper()
	vars := map[string]any{"first": first}
	if after != "" {
		vars["after"] = after
	}
	var page changePage
	s.query(changesQuery, vars, &page)
	return page
}

// changesHead is the cursor of the feed's newest change.
func (s *apiServer) changesHead() string {
	s.t.Helper()
	page := s.changes("", 0)
	if len(page.Changes.Edges) != 0 || page.Changes.PageInfo.EndCursor == nil {
		s.t.Fatalf("changes(first: 0) = %+v, want no edge and an endCursor", page)
	}
	return *page.Changes.PageInfo.EndCursor
}

// TestChangesRecordWritesThroughTheAPI: writes made with a JWT and with an
// API key come back from the change feed in order, with the operation,
// the item as stored and who made them; pages follow one another.
func TestChangesRecordWritesThroughTheAPI(t *testing.T) {
	k := testKeys()
	api := startAPI(t, jwtEnv(writeJWKS(t, k.rsa)))
	editor := claims{sub: "ada@example.org", roles: []string{"editor"}}.token(t, k.rsa)
	start := api.changesHead()
	from := time.Now().Add(-time.Second)

	api.decode(api.postBearer(editor, createStartup, startupInput("feed-robotics")), nil)
	api.decode(api.postBearer(editor, `mutation { updateActor(id: "feed-robotics", input: {description: "Robots."}) { id } }`, nil), nil)
	// The same update again changes nothing, and records nothing.
	api.decode(api.postBearer(editor, `mutation { updateActor(id: "feed-robotics", input: {description: "Robots."}) { id } }`, nil), nil)
	api.decode(api.postBearer(editor, `mutation { addAlias(id: "feed-robotics", alias: "FR") { id } }`, nil), nil)
	api.decode(api.postBearer(editor, `mutation { createRelation(input: {id: "feed-robotics-in-uz", type: LOCATED_IN, from: "feed-robotics", to: "uzbekistan", since: "2024"}) { id } }`, nil), nil)
	api.mutate(`mutation { deleteActor(id: "feed-robotics") }`, nil, nil)
	to := time.Now().Add(time.Second)

	digest := sha256.Sum256([]byte(testKey))
	keySubject := "api-key:" + hex.EncodeToString(digest[:4])
	want := []struct{ op, typ, id, role, subject string }{
		{"CREATED", "ACTOR", "feed-robotics", "editor", "ada@example.org"},
		{"UPDATED", "ACTOR", "feed-robotics", "editor", "ada@example.org"},
		{"UPDATED", "ACTOR", "feed-robotics", "editor", "ada@example.org"},
		{"CREATED", "RELATION", "feed-robotics-in-uz", "editor", "ada@example.org"},
		{"DELETED", "RELATION", "feed-robotics-in-uz", "admin", keySubject},
		{"DELETED", "ACTOR", "feed-robotics", "admin", keySubject},
	}
	page := api.changes(start, 100)
	got := page.Changes.Edges
	if len(got) != len(want) {
		t.Fatalf("%d changes after the writes, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		c := got[i].Node
		if c.Operation != w.op || c.ItemType != w.typ || c.ItemID != w.id || c.Item.ID != w.id || c.Cursor != got[i].Cursor {
			t.Errorf("change %d = %s %s %s (item %s), want %s %s %s", i, c.Operation, c.ItemType, c.ItemID, c.Item.ID, w.op, w.typ, w.id)
		}
		if c.Author == nil || c.Author.Role != w.role || c.Author.Subject != w.subject {
			t.Errorf("change %d's author = %+v, want %s %s", i, c.Author, w.role, w.subject)
		}
		at, err := time.Parse("2006-01-02T15:04:05.000Z", c.CommittedAt)
		if err != nil || at.Before(from) || at.After(to) {
			t.Errorf("change %d committed at %q, want RFC 3339 in UTC to the millisecond, between %v and %v", i, c.CommittedAt, from, to)
		}
	}
	created, updated, aliased, rel, deleted := got[0].Node.Item, got[1].Node.Item, got[2].Node.Item, got[3].Node.Item, got[5].Node.Item
	if created.Typename != "Startup" || created.Name != "Tashkent Robotics" || created.Founded != "2024-06" || created.Description != nil {
		t.Errorf("the created actor: %+v", created)
	}
	if updated.Description == nil || *updated.Description != "Robots." {
		t.Errorf("the updated actor has description %v, want Robots.", updated.Description)
	}
	if aliased.Description == nil || *aliased.Description != "Robots." {
		t.Errorf("the actor after addAlias: %+v", aliased)
	}
	if rel.Typename != "Relation" || rel.Type != "LOCATED_IN" || rel.FromID != "feed-robotics" || rel.ToID != "uzbekistan" || rel.Since != "2024" {
		t.Errorf("the created relation: %+v", rel)
	}
	// A deleted actor comes as it was, with its country.
	if deleted.Name != "Tashkent Robotics" || deleted.Country == nil || deleted.Country.ID != "uzbekistan" {
		t.Errorf("the deleted actor: %+v", deleted)
	}
	info := page.Changes.PageInfo
	if info.HasNextPage || !info.HasPreviousPage || *info.StartCursor != got[0].Cursor || *info.EndCursor != got[len(got)-1].Cursor {
		t.Errorf("pageInfo %+v", info)
	}

	// Two at a time, the same changes.
	var paged []string
	after := start
	for {
		p := api.changes(after, 2)
		for _, e := range p.Changes.Edges {
			paged = append(paged, e.Cursor)
		}
		if !p.Changes.PageInfo.HasNextPage {
			break
		}
		if len(p.Changes.Edges) != 2 {
			t.Fatalf("a page with more after it holds %d changes", len(p.Changes.Edges))
		}
		after = *p.Changes.PageInfo.EndCursor
	}
	var all []string
	for _, e := range got {
		all = append(all, e.Cursor)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("paged two at a time: %q, want %q", paged, all)
	}

	// Caught up: an empty page whose endCursor is where it began, which
	// is also the head.
	end := got[len(got)-1].Cursor
	p := api.changes(end, 10)
	if len(p.Changes.Edges) != 0 || p.Changes.PageInfo.HasNextPage || p.Changes.PageInfo.EndCursor == nil || *p.Changes.PageInfo.EndCursor != end {
		t.Errorf("changes after the last = %+v, want an empty page ending at %s", p.Changes, end)
	}
	if head := api.changesHead(); head != end {
		t.Errorf("the head is %s, want the last change's cursor %s", head, end)
	}
	// From the start: the seed's load first, by no one.
	p = api.changes("", 1)
	if e := p.Changes.Edges; len(e) != 1 || e[0].Node.Author != nil || p.Changes.PageInfo.HasPreviousPage || !p.Changes.PageInfo.HasNextPage {
		t.Errorf("the first change: %+v", p.Changes)
	}
}

// TestChangesRefuseBadCursors: a cursor that is not the feed's is
// BAD_USER_INPUT naming after, and first is bounded.
func TestChangesRefuseBadCursors(t *testing.T) {
	api := startAPI(t, nil)
	var actors struct {
		Actors struct {
			Edges []struct{ Cursor string } `json:"edges"`
		} `json:"actors"`
	}
	api.query(`{ actors(first: 1) { edges { cursor } } }`, nil, &actors)
	for _, junk := range []string{
		"junk", "", "change:5",
		base64.RawURLEncoding.EncodeToString([]byte("change:x")),
		base64.RawURLEncoding.EncodeToString([]byte("change:-1")),
		base64.RawURLEncoding.EncodeToString([]byte("change:05")),
		base64.RawURLEncoding.EncodeToString([]byte("change:99999999999999999999")),
		actors.Actors.Edges[0].Cursor,
	} {
		wantRefusal(t, api, changesQuery, map[string]any{"after": junk, "first": 5}, "BAD_USER_INPUT", "after", "not a cursor of the change feed")
	}
	for _, first := range []int{-1, 1001} {
		wantRefusal(t, api, changesQuery, map[string]any{"first": first}, "BAD_USER_INPUT", "first", "between 0 and 1000")
	}
}

// TestChangesExpire: past its bound the feed refuses an old cursor with
// CHANGES_EXPIRED, and a client starting afresh follows from the oldest
// change kept.
func TestChangesExpire(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_API_KEYS": testKey, "ECOGRAPH_CHANGE_LIMIT": "5"})
	old := api.changesHead()
	for i := range 8 {
		api.mutate(fmt.Sprintf(`mutation { createSource(input: {id: "feed-src-%d", title: "Source %d", published: "2025"}) { id } }`, i, i), nil, nil)
	}
	r := api.post(changesQuery, map[string]any{"after": old, "first": 10}, "")
	e := wantError(t, r, "CHANGES_EXPIRED", "after", "no longer holds", "copy the network afresh")
	for _, l := range leaks {
		if strings.Contains(e.Message, l) {
			t.Errorf("CHANGES_EXPIRED shows %q: %q", l, e.Message)
		}
	}
	r = api.post(changesQuery, map[string]any{"after": old, "first": 0}, "")
	wantError(t, r, "CHANGES_EXPIRED")

	p := api.changes("", 100)
	var ids []string
	for _, e := range p.Changes.Edges {
		ids = append(ids, e.Node.ItemID)
	}
	if want := []string{"feed-src-3", "feed-src-4", "feed-src-5", "feed-src-6", "feed-src-7"}; !slices.Equal(ids, want) {
		t.Errorf("the feed keeps %q, want %q", ids, want)
	}
	if p.Changes.PageInfo.HasPreviousPage {
		t.Error("the oldest page kept says changes lie before it")
	}
}
