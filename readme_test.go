package main

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"testing"
)

// TestREADMEExamples runs every example query of the README against the
// seed network and checks that it answers exactly as the README shows: a
// ```graphql block followed by a ```json block is one example.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := regexp.MustCompile("(?s)```graphql\n(.*?)```\\s*```json\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(examples) < 4 {
		t.Fatalf("the README has %d example queries with answers; want at least 4", len(examples))
	}
	api := startAPI(t, nil)
	for i, ex := range examples {
		var want any
		if err := json.Unmarshal(ex[2], &want); err != nil {
			t.Fatalf("example %d: the README's answer is not JSON: %v", i+1, err)
		}
		r := api.post(string(ex[1]), nil, "")
		var got any
		full, _ := json.Marshal(map[string]any{"data": json.RawMessage(r.Data)})
		if len(r.Errors) > 0 {
			full, _ = json.Marshal(map[string]any{"data": json.RawMessage(r.Data), "errors": r.Errors})
		}
		_ = json.Unmarshal(full, &got)
		if !reflect.DeepEqual(got, want) {
			pretty, _ := json.MarshalIndent(got, "", "  ")
			t.Errorf("example %d:\n%s\nanswers\n%s\nbut the README shows\n%s", i+1, ex[1], pretty, ex[2])
		}
	}
}
