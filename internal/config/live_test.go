package config

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestLiveCaps: the subscriptions' caps come from their flags and
// variables, default to 10 000 connections and 100 subscriptions, and a
// bad value is refused naming the setting.
func TestLiveCaps(t *testing.T) {
	for _, tc := range []struct {
		name        string
		env         map[string]string
		args        []string
		conns, subs int
		wantErr     string
	}{
		{name: "defaults", conns: 10_000, subs: 100},
		{name: "variables", env: map[string]string{"ECOGRAPH_MAX_LIVE_CONNECTIONS": "50", "ECOGRAPH_MAX_SUBSCRIPTIONS": "3"}, conns: 50, subs: 3},
		{name: "flags beat variables", env: map[string]string{"ECOGRAPH_MAX_SUBSCRIPTIONS": "3"}, args: []string{"--max-subscriptions", "7", "--max-live-connections", "9"}, conns: 9, subs: 7},
		{name: "not a number", env: map[string]string{"ECOGRAPH_MAX_LIVE_CONNECTIONS": "lots"}, wantErr: `ECOGRAPH_MAX_LIVE_CONNECTIONS: "lots" is not a whole number`},
		{name: "zero connections", args: []string{"--max-live-connections", "0"}, wantErr: "--max-live-connections: must be at least 1, got 0"},
		{name: "negative subscriptions", env: map[string]string{"ECOGRAPH_MAX_SUBSCRIPTIONS": "-1"}, wantErr: "--max-subscriptions: must be at least 1, got -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			c, err := BindServe(fs, func(k string) string { return tc.env[k] })
			if err == nil {
				err = fs.Parse(tc.args)
			}
			if err == nil {
				err = c.Validate()
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.MaxLiveConnections != tc.conns || c.MaxSubscriptions != tc.subs {
				t.Fatalf("caps %d and %d, want %d and %d", c.MaxLiveConnections, c.MaxSubscriptions, tc.conns, tc.subs)
			}
		})
	}
}
