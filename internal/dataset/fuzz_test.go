package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
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

// FuzzScanCSV: ScanCSV never panics; whatever it accepts is written by the
// CSV encoder to a file it reads back the same, and that file written again
// is the same bytes; whatever it refuses, it places.
//
//	go test -run '^$' -fuzz FuzzScanCSV ./internal/dataset/
func FuzzScanCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/csv/*.csv")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("\ufeffid,kind,name,names,aliases,online\r\na,EVENT,A,\"ko: 서울 | en:\\ x\\|y\",a\\\\b|\\ c ,TRUE\r\n"))
	f.Add([]byte("title,id,citations\ns,\"T, \"\"t\"\"\",a: x|b|c:\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d store.Dataset
		c := collect{at: places{}}
		err := ScanCSV(bytes.NewReader(data), "fuzz.csv", c.visit)
		if err != nil {
			var l ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("ScanCSV error %T %v is not an ErrorList", err, err)
			}
			if l[0].Line < 1 || l[0].Column < 1 {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		d = c.d
		sortedByIDInPlace(&d)
		once := encodeCSV(t, d)
		again, err := scanAll(scanCSV, once[0].Bytes(), once[1].Bytes(), once[2].Bytes())
		if err != nil {
			t.Fatalf("ScanCSV(encoded): %v\n%s%s%s", err, once[0].String(), once[1].String(), once[2].String())
		}
		if !reflect.DeepEqual(d, again) {
			t.Fatalf("read back\n%+v\nwant\n%+v", again, d)
		}
		twice := encodeCSV(t, again)
		for i := range once {
			if once[i].String() != twice[i].String() {
				t.Fatalf("the CSV encoder is not stable:\n%s\n%s", once[i].String(), twice[i].String())
			}
		}
	})
}

// FuzzQuick: the quick reader of a JSON record agrees with the slow one,
// walk and json.Unmarshal: it reads a record the same or leaves it to them.
//
//	go test -run '^$' -fuzz FuzzQuick ./internal/dataset/
func FuzzQuick(f *testing.F) {
	f.Add([]byte(`{"id": "a", "kind": "EVENT", "name": "A\u00e9\"", "online": false, "names": [{"value": "x", "lang": "en"}], "citations": [{"source": "s"}, {"excerpt": "e", "source": "t"}]}`))
	f.Add([]byte(`{"id": "r", "type": "HOSTED", "from": "a", "to": "b", "note": "\ud83d\ude00 \/", "citations": []}`))
	f.Add([]byte(`{"id": "s", "title": "T", "ID": "x"}`))
	f.Add([]byte("{\"id\": \"s\", \"title\": \"\xff\"}"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		quickAgrees(t, raw, (*wireSource).toStore, validateSource)
		quickAgrees(t, raw, (*wireActor).toStore, validateActor)
		quickAgrees(t, raw, (*wireRelation).toStore, validateRelation)
	})
}

func quickAgrees[W, T any](t *testing.T, raw []byte, convert func(*W) (T, *fieldError), validate func(*T) *fieldError) {
	t.Helper()
	fast, q, ok := quickRecord(raw, convert, validate)
	slow, _, offs, fe, _ := record(raw, convert, validate)
	if !ok {
		return
	}
	if fe != nil {
		t.Fatalf("quick read %s, the slow way says %s: %v", raw, fe.path, fe.err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("quick read %+v, the slow way %+v", fast, slow)
	}
	for r, field := range refFields {
		if off, ok := offs[field]; (ok || q.refs[r] != 0) && off != q.refs[r] {
			t.Fatalf("%s at %d, the slow way %d", field, q.refs[r], off)
		}
	}
	for j, off := range q.cite {
		if want := offs[fmt.Sprintf("citations[%d].source", j)]; off != want {
			t.Fatalf("citations[%d].source at %d, the slow way %d", j, off, want)
		}
	}
}
