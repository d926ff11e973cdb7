package neo4j

import (
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Actors and relations of pages as columns (issue 14, fifth pass). A page
// statement returns each actor, and each relation of a relation page, as
// a run of plain values in a list, in an order both ends know from the
// parts the reader skips: [id, kind, name, then the properties of each
// part read, in actorPartProps' order]. A node, or a map projection,
// makes the driver build a map per actor with its keys as new strings,
// the largest share of its decoding (a map of three entries costs what a
// list of twelve does); a list is one slice of the values alone, and the
// keys no longer cross the wire.

// actorColumns are the expressions of the columns of the actor v for a
// reader that skips the parts skip, comma-separated.
func actorColumns(v string, skip store.ActorParts) string {
	var b strings.Builder
	b.WriteString(v + ".id, " + v + ".kind, " + v + ".name")
	for _, pp := range actorPartProps {
		if skip&pp.part == 0 {
			for _, name := range pp.props {
				b.WriteString(", " + v + "." + name)
			}
		}
	}
	return b.String()
}

// actorWidth is how many columns actorColumns writes for skip.
func actorWidth(skip store.ActorParts) int {
	n := 3
	for _, pp := range actorPartProps {
		if skip&pp.part == 0 {
			n += len(pp.props)
		}
	}
	return n
}

// decodeActorColumns is the actor in the columns actorColumns(_, skip)
// wrote, which cols starts with: its fields as decodeActorProps reads
// them from a node, the skipped parts left empty.
func decodeActorColumns(cols []any, skip store.ActorParts) *store.Actor {
	a := &store.Actor{ID: asString(cols[0]), Kind: store.Kind(asString(cols[1])), Name: asString(cols[2])}
	i := 3
	for _, pp := range actorPartProps {
		if skip&pp.part != 0 {
			continue
		}
		c := cols[i : i+len(pp.props)]
		i += len(pp.props)
		switch pp.part {
		case store.ActorDescription:
			a.Description = asString(c[0])
		case store.ActorNames:
			values, langs := colStrings(c[0]), colStrings(c[1])
			for j := range min(len(values), len(langs)) {
				a.Names = append(a.Names, store.LocalizedName{Value: values[j], Lang: langs[j]})
			}
			a.Aliases = colStrings(c[2])
		case store.ActorCountry:
			a.CountryID = asString(c[0])
		case store.ActorCitations:
			a.Citations = colCitations(c[0], c[1])
		case store.ActorOwnFields:
			a.IsoCode = asString(c[0])
			a.Founded = colDate(c[1])
			a.Category = asString(c[2])
			a.StartDate = colDate(c[3])
			a.EndDate = colDate(c[4])
			if v, ok := c[5].(bool); ok {
				a.Online = &v
			}
		}
	}
	return a
}

// relationColumns are the expressions of the columns of the relationship
// v for a reader that skips the parts skip: [id, then since and until,
// the note, and the citations, each unless skipped]. The type comes apart
// (type(v)).
func relationColumns(v string, skip store.RelationParts) string {
	s := v + ".id"
	if skip&store.RelationDates == 0 {
		s += ", " + v + ".since, " + v + ".until"
	}
	if skip&store.RelationNote == 0 {
		s += ", " + v + ".note"
	}
	if skip&store.RelationCitations == 0 {
		s += ", " + v + ".citeSource, " + v + ".citeExcerpt"
	}
	return s
}

// relationWidth is how many columns relationColumns writes for skip.
func relationWidth(skip store.RelationParts) int {
	n := 1
	if skip&store.RelationDates == 0 {
		n += 2
	}
	if skip&store.RelationNote == 0 {
		n++
	}
	if skip&store.RelationCitations == 0 {
		n += 2
	}
	return n
}

// decodeRelationColumns is the relation in the columns
// relationColumns(_, skip) wrote, which cols starts with, of type typ
// between from and to.
func decodeRelationColumns(cols []any, skip store.RelationParts, typ, from, to string) *store.Relation {
	r := &store.Relation{ID: asString(cols[0]), Type: store.RelationType(typ), From: from, To: to}
	i := 1
	if skip&store.RelationDates == 0 {
		r.Since, r.Until = colDate(cols[i]), colDate(cols[i+1])
		i += 2
	}
	if skip&store.RelationNote == 0 {
		r.Note = asString(cols[i])
		i++
	}
	if skip&store.RelationCitations == 0 {
		r.Citations = colCitations(cols[i], cols[i+1])
	}
	return r
}

// colStrings is a list of strings a column holds; nil when empty or null.
func colStrings(v any) []string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i], _ = s.(string)
	}
	return out
}

// colDate is the date a column holds; zero when null.
func colDate(v any) store.Date {
	s, ok := v.(string)
	if !ok {
		return store.Date{}
	}
	d, _ := store.ParseDate(s)
	return d
}

// colCitations are the citations held by the columns of their sources and
// excerpts, as citations reads them from a node.
func colCitations(sources, excerpts any) []store.Citation {
	ss, es := colStrings(sources), colStrings(excerpts)
	var cs []store.Citation
	for i := range min(len(ss), len(es)) {
		cs = append(cs, store.Citation{SourceID: ss[i], Excerpt: es[i]})
	}
	return cs
}
