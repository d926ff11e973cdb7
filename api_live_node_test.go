package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runLiveClient runs scripts/node/live.mjs (graphql-ws's and graphql-sse's
// npm clients) against the API and decodes the JSON it prints into out.
// Without Node or the clients it skips, and fails under CI=true, where
// scripts/test installs them (scripts/node-deps).
func runLiveClient(t *testing.T, api *apiServer, out any, args ...string) {
	t.Helper()
	missing := ""
	node, err := exec.LookPath("node")
	if err != nil {
		missing = "node is not installed"
	} else {
		for _, pkg := range []string{"graphql-ws", "graphql-sse", "ws"} {
			if _, err := os.Stat(filepath.Join("scripts", "node", "node_modules", pkg, "package.json")); err != nil {
				missing = "scripts/node/node_modules has no " + pkg + ": run scripts/node-deps"
			}
		}
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	argv := append([]string{filepath.Join("scripts", "node", "live.mjs"), args[0], api.http.URL + "/graphql"}, args[1:]...)
	cmd := exec.CommandContext(ctx, node, argv...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("live.mjs %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("live.mjs printed no JSON: %v\n%s\n%s", err, stdout, stderr.String())
	}
}

// changeFields selects what live.mjs selects of a Change.
const changeFields = `cursor operation itemType itemId committedAt author { role subject }
	item { __typename id ... on Actor { kind name description } ... on Relation { type from { id } to { id } } }`

// feedAfter pages Query.changes from after to its end.
func feedAfter(t *testing.T, api *apiServer, after string) []change {
	t.Helper()
	var out []change
	for {
		var got struct {
			Changes struct {
				Edges []struct {
					Node change `json:"node"`
				} `json:"edges"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"changes"`
		}
		api.query(`query($after: String) { changes(after: $after, first: 100) { edges { node { `+changeFields+` } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, &got)
		for _, e := range got.Changes.Edges {
			out = append(out, e.Node)
		}
		after = got.Changes.PageInfo.EndCursor
		if !got.Changes.PageInfo.HasNextPage {
			return out
		}
	}
}

// TestLiveClientsReceiveWritesAndCatchUp: graphql-ws's client (websocket)
// and graphql-sse's (event stream) subscribe to the change feed and to
// filtered streams, receive the events of writes made through the API
// (operation, item, fields, author), disconnect, miss writes, and come
// back with the last cursor they got to receive exactly the missed
// changes, in order, then the next one. The feed as Query.changes pages
// it is the reference: what the clients got must be it, cursor for cursor.
func TestLiveClientsReceiveWritesAndCatchUp(t *testing.T) {
	for _, transport := range []string{"ws", "sse"} {
		t.Run(transport, func(t *testing.T) {
			api := startAPI(t, nil)
			prefix := "live-" + transport
			a, b := prefix+"-a", prefix+"-b"
			var got struct {
				Start    string `json:"start"`
				Relation string `json:"relation"`
				Phase1   struct {
					All       []change `json:"all"`
					Actors    []change `json:"actors"`
					Relations []change `json:"relations"`
				} `json:"phase1"`
				Reconnected []change `json:"reconnected"`
			}
			runLiveClient(t, api, &got, "scenario", transport, testKey, prefix)

			feed := feedAfter(t, api, got.Start)
			type want struct{ op, typ, id string }
			wants := []want{
				{"CREATED", "ACTOR", a}, {"UPDATED", "ACTOR", a}, {"CREATED", "RELATION", got.Relation},
				{"CREATED", "ACTOR", b}, {"DELETED", "RELATION", got.Relation}, {"UPDATED", "ACTOR", a}, {"DELETED", "ACTOR", b},
			}
			if len(feed) != len(wants) {
				t.Fatalf("the feed holds %d changes after the start, want %d: %+v", len(feed), len(wants), feed)
			}
			for i, w := range wants {
				c := feed[i]
				if c.Operation != w.op || c.ItemType != w.typ || c.ItemID != w.id || c.Item.ID != w.id {
					t.Errorf("change %d: %s %s %s, want %s %s %s", i, c.Operation, c.ItemType, c.ItemID, w.op, w.typ, w.id)
				}
				if c.Author == nil || c.Author.Role != "admin" || !strings.HasPrefix(c.Author.Subject, "api-key:") {
					t.Errorf("change %d: author %+v, want admin and the API key's subject", i, c.Author)
				}
				if _, err := time.Parse(time.RFC3339Nano, c.CommittedAt); err != nil {
					t.Errorf("change %d: committedAt %q: %v", i, c.CommittedAt, err)
				}
			}
			// The items as stored by each write.
			if it := feed[0].Item; it.Typename != "Startup" || it.Kind != "STARTUP" || it.Name != "Live Startup" {
				t.Errorf("the created actor: %+v", it)
			}
			if it := feed[1].Item; it.Name != "Live Startup renamed" {
				t.Errorf("the updated actor: %+v", it)
			}
			if it := feed[2].Item; it.Typename != "Relation" || it.Type != "FOUNDED" || it.From.ID != schID || it.To.ID != a {
				t.Errorf("the created relation: %+v", it)
			}
			if it := feed[4].Item; it.Type != "FOUNDED" || it.To.ID != a {
				t.Errorf("the deleted relation, as it was: %+v", it)
			}
			if it := feed[5].Item; it.Name != "Live Startup renamed" || it.Description == nil || *it.Description != "Founded live" {
				t.Errorf("the actor updated while the client was away: %+v", it)
			}

			sameChanges(t, "changes while subscribed", got.Phase1.All, feed[:3])
			sameChanges(t, "actorChanged(ids: [a], kinds: [STARTUP])", got.Phase1.Actors, feed[:2])
			sameChanges(t, "relationChanged(actorId: a, types: [FOUNDED])", got.Phase1.Relations, feed[2:3])
			sameChanges(t, "changes after reconnecting with the last cursor", got.Reconnected, feed[3:])
		})
	}
}

// sameChanges checks that a client received exactly want, in order, each
// as the feed has it.
func sameChanges(t *testing.T, what string, got, want []change) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: received %d changes, want %d: %+v", what, len(got), len(want), got)
		return
	}
	for i := range want {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("%s: change %d is\n%s\nwant\n%s", what, i, g, w)
		}
	}
}

// TestLiveWebsocketFromUnlistedOriginIsRefused: a page of an origin that
// ECOGRAPH_CORS_ORIGINS does not list cannot open a websocket (403,
// FORBIDDEN, before the upgrade); a listed one can.
func TestLiveWebsocketFromUnlistedOriginIsRefused(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_CORS_ORIGINS": "https://explorer.example"})
	for _, tc := range []struct {
		origin string
		opened bool
	}{
		{"https://evil.example", false},
		{"https://explorer.example", true},
	} {
		t.Run(tc.origin, func(t *testing.T) {
			var got struct {
				Opened bool `json:"opened"`
				Status int  `json:"status"`
				Body   struct {
					Errors []gqlError `json:"errors"`
				} `json:"body"`
				Error string `json:"error"`
			}
			runLiveClient(t, api, &got, "origin", tc.origin)
			if got.Opened != tc.opened {
				t.Fatalf("opened %v, want %v: %+v", got.Opened, tc.opened, got)
			}
			if !tc.opened && (got.Status != 403 || len(got.Body.Errors) == 0 || got.Body.Errors[0].Extensions.Code != "FORBIDDEN") {
				t.Fatalf("want 403 FORBIDDEN, got %+v", got)
			}
		})
	}
}

// TestLiveClientsGetExpiredAndBadCursorsRefused: a client that comes back
// with a cursor the bounded feed no longer holds gets CHANGES_EXPIRED,
// and one with a cursor that is not ecograph's gets BAD_USER_INPUT naming
// after, over either transport, with no event and nothing internal.
func TestLiveClientsGetExpiredAndBadCursorsRefused(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_API_KEYS": testKey, "ECOGRAPH_CHANGE_LIMIT": "5"})
	old := api.changesHead()
	for i := range 8 {
		api.mutate(`mutation($id: ID!) { createSource(input: {id: $id, title: "Live source", published: "2025"}) { id } }`,
			map[string]any{"id": "live-src-" + string(rune('a'+i))}, nil)
	}
	for _, transport := range []string{"ws", "sse"} {
		for _, tc := range []struct{ name, cursor, code, names string }{
			{"expired", old, "CHANGES_EXPIRED", "copy the network afresh"},
			{"not a cursor", "no-such-cursor", "BAD_USER_INPUT", "after"},
		} {
			t.Run(transport+"/"+tc.name, func(t *testing.T) {
				var got struct {
					Events []json.RawMessage `json:"events"`
					Errors []gqlError        `json:"errors"`
				}
				runLiveClient(t, api, &got, "expired", transport, tc.cursor)
				if len(got.Events) > 0 {
					t.Fatalf("received %d events", len(got.Events))
				}
				if len(got.Errors) == 0 || got.Errors[0].Extensions.Code != tc.code || !strings.Contains(got.Errors[0].Message, tc.names) {
					t.Fatalf("want %s naming %q, got %+v", tc.code, tc.names, got.Errors)
				}
				for _, l := range leaks {
					if strings.Contains(got.Errors[0].Message, l) {
						t.Errorf("the error shows %q: %q", l, got.Errors[0].Message)
					}
				}
			})
		}
	}
}
