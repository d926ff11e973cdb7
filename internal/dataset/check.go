package dataset

import (
	"fmt"

	"github.com/ecograph/ecograph/internal/store"
)

// Check makes sure a dataset hangs together: no id names two records
// (actors, relations and sources share one space of ids, as GraphQL's
// node(id) does), and every reference (a relation's from and to, an
// actor's country, a citation's source) names a record in d or an id for
// which known returns true, such as one already in the store. A reference
// within d must name the right sort of record: a country a COUNTRY, a
// relation's end an actor of a kind its type may join. known may be nil.
//
// The result is an ErrorList, or nil.
func Check(d store.Dataset, known func(id string) bool) error {
	errs := checkIDs(&d)
	if len(errs) == 0 {
		errs = checkRefs(&d, known, nil)
	}
	return errs.err()
}

// checkIDs reports every id used twice.
func checkIDs(d *store.Dataset) ErrorList {
	var errs ErrorList
	ids := newIDSet()
	see := func(section string, i int, id string) {
		p := Place{Section: section, Index: i, ID: id}
		if err := ids.add(id, &p); err != nil {
			errs = append(errs, p.Error("id", err))
		}
	}
	for i := range d.Sources {
		see("sources", i, d.Sources[i].ID)
	}
	for i := range d.Actors {
		see("actors", i, d.Actors[i].ID)
	}
	for i := range d.Relations {
		see("relations", i, d.Relations[i].ID)
	}
	return errs
}

// places is where the records of a dataset read from a file are: a list
// per section, in the order of the dataset's records.
type places map[string][]Place

// errorAt builds the error for the i-th record of a section of d; without
// places (a dataset not read from a file) it names the record only.
func (at places) errorAt(section string, i int, id, field string, err error) *Error {
	if at == nil {
		return Place{Section: section, Index: i, ID: id}.Error(field, err)
	}
	return at[section][i].Error(field, err)
}

// checkRefs reports every reference that names nothing, or the wrong thing.
func checkRefs(d *store.Dataset, known func(id string) bool, at places) ErrorList {
	if known == nil {
		known = func(string) bool { return false }
	}
	kinds := make(map[string]store.Kind, len(d.Actors))
	for _, a := range d.Actors {
		kinds[a.ID] = a.Kind
	}
	sources := make(map[string]bool, len(d.Sources))
	for _, s := range d.Sources {
		sources[s.ID] = true
	}
	var errs ErrorList
	citing := func(section string, i int, id string, cs []store.Citation) {
		for j, c := range cs {
			field := fmt.Sprintf("citations[%d].source", j)
			switch {
			case sources[c.SourceID]:
			case kinds[c.SourceID] != "":
				errs = append(errs, at.errorAt(section, i, id, field, fmt.Errorf("%q is an actor, not a source", c.SourceID)))
			case !known(c.SourceID):
				errs = append(errs, at.errorAt(section, i, id, field, fmt.Errorf("no source has the id %q", c.SourceID)))
			}
		}
	}
	actor := func(section string, i int, id, field, ref string) (store.Kind, bool) {
		if k, ok := kinds[ref]; ok {
			return k, true
		}
		if sources[ref] {
			errs = append(errs, at.errorAt(section, i, id, field, fmt.Errorf("%q is a source, not an actor", ref)))
		} else if !known(ref) {
			errs = append(errs, at.errorAt(section, i, id, field, fmt.Errorf("no actor has the id %q", ref)))
		}
		return "", false
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		if a.CountryID != "" {
			if k, ok := actor("actors", i, a.ID, "country", a.CountryID); ok && k != store.KindCountry {
				errs = append(errs, at.errorAt("actors", i, a.ID, "country",
					fmt.Errorf("%q is of kind %s, not %s", a.CountryID, k, store.KindCountry)))
			}
		}
		citing("actors", i, a.ID, a.Citations)
	}
	for i := range d.Relations {
		r := &d.Relations[i]
		from, _ := actor("relations", i, r.ID, "from", r.From)
		if to, ok := actor("relations", i, r.ID, "to", r.To); ok {
			if fe := located(store.ValidateRelation(r, from, to), nil); fe != nil {
				errs = append(errs, at.errorAt("relations", i, r.ID, fe.path, fe.err))
			}
		}
		citing("relations", i, r.ID, r.Citations)
	}
	return errs.sorted()
}
