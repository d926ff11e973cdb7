package embedded

import (
	"encoding/json"
	"fmt"

	"github.com/ecograph/ecograph/internal/store"
)

// The records below are how actors, relations and sources sit in the data
// file: JSON with stable names, dates in their String form. They are this
// package's own types so that a change to the store types cannot silently
// change the file format; formatVersion names the format.

type nameRecord struct {
	Value string `json:"value"`
	Lang  string `json:"lang"`
}

type citationRecord struct {
	Source  string `json:"source"`
	Excerpt string `json:"excerpt,omitempty"`
}

type actorRecord struct {
	ID          string           `json:"id"`
	Kind        string           `json:"kind"`
	Name        string           `json:"name"`
	Names       []nameRecord     `json:"names,omitempty"`
	Aliases     []string         `json:"aliases,omitempty"`
	Description string           `json:"description,omitempty"`
	Country     string           `json:"country,omitempty"`
	Citations   []citationRecord `json:"citations,omitempty"`
	IsoCode     string           `json:"isoCode,omitempty"`
	Founded     string           `json:"founded,omitempty"`
	Category    string           `json:"category,omitempty"`
	StartDate   string           `json:"startDate,omitempty"`
	EndDate     string           `json:"endDate,omitempty"`
	Online      *bool            `json:"online,omitempty"`
}

type relationRecord struct {
	ID        string           `json:"id"`
	Type      string           `json:"type"`
	From      string           `json:"from"`
	To        string           `json:"to"`
	Since     string           `json:"since,omitempty"`
	Until     string           `json:"until,omitempty"`
	Note      string           `json:"note,omitempty"`
	Citations []citationRecord `json:"citations,omitempty"`
}

type sourceRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Lang      string `json:"lang,omitempty"`
	URL       string `json:"url,omitempty"`
}

func encodeActor(a *store.Actor) []byte {
	r := actorRecord{
		ID: a.ID, Kind: string(a.Kind), Name: a.Name, Aliases: a.Aliases,
		Description: a.Description, Country: a.CountryID, Citations: citationRecords(a.Citations),
		IsoCode: a.IsoCode, Founded: a.Founded.String(), Category: a.Category,
		StartDate: a.StartDate.String(), EndDate: a.EndDate.String(), Online: a.Online,
	}
	for _, n := range a.Names {
		r.Names = append(r.Names, nameRecord(n))
	}
	return mustMarshal(r)
}

func decodeActor(b []byte) (*store.Actor, error) {
	var r actorRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	a := &store.Actor{
		ID: r.ID, Kind: intern(store.Kinds, r.Kind), Name: r.Name, Aliases: r.Aliases,
		Description: r.Description, CountryID: r.Country, Citations: citations(r.Citations),
		IsoCode: r.IsoCode, Category: r.Category, Online: r.Online,
	}
	for _, n := range r.Names {
		a.Names = append(a.Names, store.LocalizedName(n))
	}
	var err error
	for _, d := range []struct {
		dst *store.Date
		src string
	}{{&a.Founded, r.Founded}, {&a.StartDate, r.StartDate}, {&a.EndDate, r.EndDate}} {
		if e := d.dst.UnmarshalText([]byte(d.src)); e != nil && err == nil {
			err = fmt.Errorf("actor %q: %w", r.ID, e)
		}
	}
	return a, err
}

func encodeRelation(rel *store.Relation) []byte {
	return mustMarshal(relationRecord{
		ID: rel.ID, Type: string(rel.Type), From: rel.From, To: rel.To,
		Since: rel.Since.String(), Until: rel.Until.String(), Note: rel.Note,
		Citations: citationRecords(rel.Citations),
	})
}

func decodeRelation(b []byte) (*store.Relation, error) {
	var r relationRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	rel := &store.Relation{
		ID: r.ID, Type: intern(store.RelationTypes, r.Type), From: r.From, To: r.To,
		Note: r.Note, Citations: citations(r.Citations),
	}
	if err := rel.Since.UnmarshalText([]byte(r.Since)); err != nil {
		return nil, fmt.Errorf("relation %q: %w", r.ID, err)
	}
	if err := rel.Until.UnmarshalText([]byte(r.Until)); err != nil {
		return nil, fmt.Errorf("relation %q: %w", r.ID, err)
	}
	return rel, nil
}

func encodeSource(s *store.Source) []byte {
	return mustMarshal(sourceRecord{ID: s.ID, Title: s.Title, Published: s.Published.String(), Lang: s.Lang, URL: s.URL})
}

func decodeSource(b []byte) (*store.Source, error) {
	var r sourceRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	s := &store.Source{ID: r.ID, Title: r.Title, Lang: r.Lang, URL: r.URL}
	if err := s.Published.UnmarshalText([]byte(r.Published)); err != nil {
		return nil, fmt.Errorf("source %q: %w", r.ID, err)
	}
	return s, nil
}

func citationRecords(cs []store.Citation) []citationRecord {
	if len(cs) == 0 {
		return nil
	}
	out := make([]citationRecord, len(cs))
	for i, c := range cs {
		out[i] = citationRecord{Source: c.SourceID, Excerpt: c.Excerpt}
	}
	return out
}

func citations(rs []citationRecord) []store.Citation {
	if len(rs) == 0 {
		return nil
	}
	out := make([]store.Citation, len(rs))
	for i, r := range rs {
		out[i] = store.Citation{SourceID: r.Source, Excerpt: r.Excerpt}
	}
	return out
}

// intern returns the constant spelled s, so that a million records share
// a handful of strings.
func intern[T ~string](consts []T, s string) T {
	for _, c := range consts {
		if string(c) == s {
			return c
		}
	}
	return T(s)
}

// mustMarshal encodes a record; the records hold only strings, slices and
// pointers to bool, which always encode.
func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("embedded: encoding a record: %v", err))
	}
	return b
}

// Copies of what callers pass in, so that a caller changing its slices
// later cannot reach into the store, and with empty lists as nil, as they
// read back from the file.
