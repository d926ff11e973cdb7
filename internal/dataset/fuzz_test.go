package dataset

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzDecode: Decode never panics; whatever it accepts encodes to a file it
// reads back the same; whatever it refuses, it places.
//
//	go test -fuzz FuzzDecode ./internal/dataset/
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"format": "ecograph/v1", "actors": [{"id": "a", "kind": "EVENT", "name": "A", "online": false, "names": []}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			var l ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("Decode error %T %v is not an ErrorList", err, err)
			}
			if l[0].Line < 1 || l[0].Column < 1 {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		_, _ = Read(bytes.NewReader(data), "fuzz.json", nil)
		var once bytes.Buffer
		if err := Encode(&once, d); err != nil {
			t.Fatal(err)
		}
		d2, err := Decode(bytes.NewReader(once.Bytes()), "again.json")
		if err != nil {
			t.Fatalf("Decode(Encode(d)): %v\n%s", err, once.String())
		}
		sortedByIDInPlace(&d)
		if !reflect.DeepEqual(d, d2) {
			t.Fatalf("Decode(Encode(d)) = %+v\nwant %+v", d2, d)
		}
		var twice bytes.Buffer
		if err := Encode(&twice, d2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("Encode is not stable:\n%s\n%s", once.String(), twice.String())
		}
	})
}
