package store

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{in: "2024", want: "2024"},
		{in: "2024-06", want: "2024-06"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "2024-00", err: "month 0 is out of range"},
		{in: "2024-00-15", err: "month 0 is out of range"},
		{in: "2024-13", err: "month 13 is out of range"},
		{in: "2023-02-29", err: "not a date"},
		{in: "0000", err: "not a date"},
		{in: "24 July", err: "not a date"},
		{in: "2024-6", err: "not a date"},
	} {
		d, err := ParseDate(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseDate(%q) = %v, %v; want an error saying %q", c.in, d, err, c.err)
		case c.err == "" && (err != nil || d.String() != c.want):
			t.Errorf("ParseDate(%q) = %v, %v; want %s", c.in, d, err, c.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"sch-startup-1": true, "a": true, "0.9_x-y": true, "it-park": true,
		"": false, "-x": false, ".x": false, "_x": false, "IT-Park": false, "it park": false,
		"oʻzbekiston": false, "x/y": false, strings.Repeat("a", MaxIDLen): true, strings.Repeat("a", MaxIDLen+1): false,
	} {
		if got := ValidID("id", id) == nil; got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}
