package dataset

import (
	"fmt"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Format is the value of "format" in the files this package reads and writes.
const Format = "ecograph/v1"

// The records as a file spells them. A field without omitempty is required:
// Encode always writes it and Decode refuses a record without it. Dates are
// strings here so that a bad one can be reported with its place.
type (
	wireSource struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Published string `json:"published,omitempty"`
		Lang      string `json:"lang,omitempty"`
		URL       string `json:"url,omitempty"`
	}
	wireName struct {
		Value string `json:"value"`
		Lang  string `json:"lang"`
	}
	wireCitation struct {
		Source  string `json:"source"`
		Excerpt string `json:"excerpt,omitempty"`
	}
	wireActor struct {
		ID          string         `json:"id"`
		Kind        string         `json:"kind"`
		Name        string         `json:"name"`
		Names       []wireName     `json:"names,omitempty"`
		Aliases     []string       `json:"aliases,omitempty"`
		Description string         `json:"description,omitempty"`
		Country     string         `json:"country,omitempty"`
		Citations   []wireCitation `json:"citations,omitempty"`
		IsoCode     string         `json:"isoCode,omitempty"`
		Founded     string         `json:"founded,omitempty"`
		Category    string         `json:"category,omitempty"`
		StartDate   string         `json:"startDate,omitempty"`
		EndDate     string         `json:"endDate,omitempty"`
		Online      *bool          `json:"online,omitempty"`
	}
	wireRelation struct {
		ID        string         `json:"id"`
		Type      string         `json:"type"`
		From      string         `json:"from"`
		To        string         `json:"to"`
		Since     string         `json:"since,omitempty"`
		Until     string         `json:"until,omitempty"`
		Note      string         `json:"note,omitempty"`
		Citations []wireCitation `json:"citations,omitempty"`
	}
)

// fieldError is a problem with one field of a record: path names it as in
// the file ("founded", "names[1].lang"); empty means the whole record.
type fieldError struct {
	path string
	err  error
}

func (w *wireSource) toStore() (store.Source, *fieldError) {
	published, fe := date("published", w.Published)
	return store.Source{ID: w.ID, Title: w.Title, Published: published, Lang: w.Lang, URL: w.URL}, fe
}

func (w *wireActor) toStore() (store.Actor, *fieldError) {
	a := store.Actor{
		ID: w.ID, Kind: store.Kind(w.Kind), Name: w.Name, Aliases: nonEmpty(w.Aliases),
		Description: w.Description, CountryID: w.Country, Citations: citations(w.Citations),
		IsoCode: w.IsoCode, Category: w.Category, Online: w.Online,
	}
	if !a.Kind.Valid() {
		return a, &fieldError{"kind", fmt.Errorf("%q is not an actor kind: use %s", clip(w.Kind), enum(store.Kinds))}
	}
	for _, n := range w.Names {
		a.Names = append(a.Names, store.LocalizedName{Value: n.Value, Lang: n.Lang})
	}
	var fe *fieldError
	for _, d := range []struct {
		field string
		text  string
		dst   *store.Date
	}{{"founded", w.Founded, &a.Founded}, {"startDate", w.StartDate, &a.StartDate}, {"endDate", w.EndDate, &a.EndDate}} {
		if *d.dst, fe = date(d.field, d.text); fe != nil {
			return a, fe
		}
	}
	return a, nil
}

func (w *wireRelation) toStore() (store.Relation, *fieldError) {
	r := store.Relation{
		ID: w.ID, Type: store.RelationType(w.Type), From: w.From, To: w.To,
		Note: w.Note, Citations: citations(w.Citations),
	}
	if !r.Type.Valid() {
		return r, &fieldError{"type", fmt.Errorf("%q is not a relation type: use %s", clip(w.Type), enum(store.RelationTypes))}
	}
	var fe *fieldError
	if r.Since, fe = date("since", w.Since); fe != nil {
		return r, fe
	}
	r.Until, fe = date("until", w.Until)
	return r, fe
}

func date(field, s string) (store.Date, *fieldError) {
	if s == "" {
		return store.Date{}, nil
	}
	d, err := store.ParseDate(s)
	if err == nil && len(s) > 4 && d.Month == 0 {
		// store.ParseDate lets month 00 through ("2024-00", "2024-00-15"),
		// which would come back as another date, or none at all.
		err = fmt.Errorf("%q is not a date: month 0 is out of range", s)
	}
	if err != nil {
		return store.Date{}, &fieldError{field, err}
	}
	return d, nil
}

func citations(ws []wireCitation) []store.Citation {
	var cs []store.Citation
	for _, c := range ws {
		cs = append(cs, store.Citation{SourceID: c.Source, Excerpt: c.Excerpt})
	}
	return cs
}

// nonEmpty keeps "aliases": [] and no aliases the same: nil.
func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func enum[T ~string](values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// The other way, for Encode: zero dates and empty lists are left out.

func sourceToWire(s *store.Source) wireSource {
	return wireSource{ID: s.ID, Title: s.Title, Published: s.Published.String(), Lang: s.Lang, URL: s.URL}
}

func actorToWire(a *store.Actor) wireActor {
	w := wireActor{
		ID: a.ID, Kind: string(a.Kind), Name: a.Name, Aliases: a.Aliases,
		Description: a.Description, Country: a.CountryID, Citations: citationsToWire(a.Citations),
		IsoCode: a.IsoCode, Founded: a.Founded.String(), Category: a.Category,
		StartDate: a.StartDate.String(), EndDate: a.EndDate.String(), Online: a.Online,
	}
	for _, n := range a.Names {
		w.Names = append(w.Names, wireName{Value: n.Value, Lang: n.Lang})
	}
	return w
}

func relationToWire(r *store.Relation) wireRelation {
	return wireRelation{
		ID: r.ID, Type: string(r.Type), From: r.From, To: r.To,
		Since: r.Since.String(), Until: r.Until.String(), Note: r.Note,
		Citations: citationsToWire(r.Citations),
	}
}

func citationsToWire(cs []store.Citation) []wireCitation {
	var ws []wireCitation
	for _, c := range cs {
		ws = append(ws, wireCitation{Source: c.SourceID, Excerpt: c.Excerpt})
	}
	return ws
}
