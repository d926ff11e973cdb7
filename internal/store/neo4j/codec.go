package neo4j

import (
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// actorProps is an actor as node properties. Empty fields are left out,
// so that `SET a = $props` removes what an update cleared.
func actorProps(a *store.Actor) map[string]any {
	p := map[string]any{"id": a.ID, "kind": string(a.Kind), "name": a.Name, "sortKey": store.SortKey(a.Name)}
	if len(a.Names) > 0 {
		values, langs := make([]string, len(a.Names)), make([]string, len(a.Names))
		for i, n := range a.Names {
			values[i], langs[i] = n.Value, n.Lang
		}
		p["namesValue"], p["namesLang"] = values, langs
	}
	putStrings(p, "aliases", a.Aliases)
	putString(p, "description", a.Description)
	putString(p, "country", a.CountryID)
	putCitations(p, a.Citations)
	putString(p, "isoCode", a.IsoCode)
	putDate(p, "founded", a.Founded)
	putString(p, "category", a.Category)
	putDate(p, "startDate", a.StartDate)
	putDate(p, "endDate", a.EndDate)
	if a.Online != nil {
		p["online"] = *a.Online
	}
	return p
}

// nameRows are an actor's names as :Name nodes, ranked Name first, then
// Names, then Aliases.
func nameRows(keys []search.Key) []any {
	rows := make([]any, len(keys))
	for i, k := range keys {
		rows[i] = map[string]any{"value": k.Value, "rank": k.Rank}
	}
	return rows
}

// actorRow is the row that writes an actor (putActorsQuery and the Cypher
// script): its properties, its names, and the search terms of all its
// names (search.Terms), each once, as the keys of the :Term nodes it is
// linked to: "e:it park", "l:itpark", "t:park", ... in terms, and the
// word terms ("w:itpark", "w:park"), which the typo tier finds by their
// letters, in suffixes.
func actorRow(a *store.Actor) map[string]any {
	row := termRow(a)
	row["props"] = actorProps(a)
	return row
}

// termRow is an actor's names and terms (see actorRow) by its id, as
// putNamesQuery writes them.
func termRow(a *store.Actor) map[string]any {
	keys := search.Keys(a)
	var terms, suffixes []string
	for _, t := range search.Terms(keys) {
		if t.Kind == search.TermWord {
			suffixes = append(suffixes, t.String())
		} else {
			terms = append(terms, t.String())
		}
	}
	return map[string]any{"id": a.ID, "names": nameRows(keys), "terms": orEmpty(terms), "suffixes": orEmpty(suffixes)}
}

// orEmpty is ss, or an empty list for nil: a Cypher UNWIND of null fails.
func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func decodeActor(n dbtype.Node) *store.Actor { return decodeActorProps(n.Props) }

// decodeActorProps is an actor from its node's properties.
func decodeActorProps(p map[string]any) *store.Actor {
	a := &store.Actor{
		ID:          str(p, "id"),
		Kind:        store.Kind(str(p, "kind")),
		Name:        str(p, "name"),
		Aliases:     strs(p, "aliases"),
		Description: str(p, "description"),
		CountryID:   str(p, "country"),
		Citations:   citations(p),
		IsoCode:     str(p, "isoCode"),
		Founded:     date(p, "founded"),
		Category:    str(p, "category"),
		StartDate:   date(p, "startDate"),
		EndDate:     date(p, "endDate"),
	}
	values, langs := strs(p, "namesValue"), strs(p, "namesLang")
	for i := range min(len(values), len(langs)) {
		a.Names = append(a.Names, store.LocalizedName{Value: values[i], Lang: langs[i]})
	}
	if v, ok := p["online"].(bool); ok {
		a.Online = &v
	}
	return a
}

// actorPartProps are the node properties behind each of an actor's parts.
var actorPartProps = []struct {
	part  store.ActorParts
	props []string
}{
	{store.ActorDescription, []string{"description"}},
	{store.ActorNames, []string{"namesValue", "namesLang", "aliases"}},
	{store.ActorCountry, []string{"country"}},
	{store.ActorCitations, []string{"citeSource", "citeExcerpt"}},
	{store.ActorOwnFields, []string{"isoCode", "founded", "category", "startDate", "endDate", "online"}},
}

// relationProps is a relation's properties; its type and ends are the
// relationship's own.
func relationProps(r *store.Relation) map[string]any {
	p := map[string]any{"id": r.ID}
	putDate(p, "since", r.Since)
	putDate(p, "until", r.Until)
	putString(p, "note", r.Note)
	putCitations(p, r.Citations)
	return p
}

func decodeRelation(r dbtype.Relationship, from, to string) *store.Relation {
	return decodeRelationProps(r.Props, r.Type, from, to)
}

// decodeRelationProps is a relation from its properties and its type.
func decodeRelationProps(p map[string]any, typ, from, to string) *store.Relation {
	return &store.Relation{
		ID:        str(p, "id"),
		Type:      store.RelationType(typ),
		From:      from,
		To:        to,
		Since:     date(p, "since"),
		Until:     date(p, "until"),
		Note:      str(p, "note"),
		Citations: citations(p),
	}
}

func sourceProps(s *store.Source) map[string]any {
	p := map[string]any{"id": s.ID, "title": s.Title}
	putDate(p, "published", s.Published)
	putString(p, "lang", s.Lang)
	putString(p, "url", s.URL)
	return p
}

func decodeSource(n dbtype.Node) *store.Source {
	p := n.Props
	return &store.Source{ID: str(p, "id"), Title: str(p, "title"), Published: date(p, "published"), Lang: str(p, "lang"), URL: str(p, "url")}
}

func putString(p map[string]any, k, v string) {
	if v != "" {
		p[k] = v
	}
}

func putStrings(p map[string]any, k string, v []string) {
	if len(v) > 0 {
		p[k] = v
	}
}

func putDate(p map[string]any, k string, d store.Date) {
	if !d.IsZero() {
		p[k] = d.String()
	}
}

func putCitations(p map[string]any, cs []store.Citation) {
	if len(cs) == 0 {
		return
	}
	sources, excerpts := make([]string, len(cs)), make([]string, len(cs))
	for i, c := range cs {
		sources[i], excerpts[i] = c.SourceID, c.Excerpt
	}
	p["citeSource"], p["citeExcerpt"] = sources, excerpts
}

func citations(p map[string]any) []store.Citation {
	sources, excerpts := strs(p, "citeSource"), strs(p, "citeExcerpt")
	var cs []store.Citation
	for i := range min(len(sources), len(excerpts)) {
		cs = append(cs, store.Citation{SourceID: sources[i], Excerpt: excerpts[i]})
	}
	return cs
}

func str(p map[string]any, k string) string {
	v, _ := p[k].(string)
	return v
}

func strs(p map[string]any, k string) []string {
	list, _ := p[k].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i], _ = v.(string)
	}
	return out
}

// date reads a date the store wrote; what it wrote always parses.
func date(p map[string]any, k string) store.Date {
	if p[k] == nil {
		return store.Date{} // not set: no need for ParseDate's error
	}
	d, _ := store.ParseDate(str(p, k))
	return d
}

// asString, asBool, asInt and asFloat read a value a query returned;
// under read-committed isolation a node deleted by a concurrent commit
// reads as null, which they read as the zero value.
func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asBool(v any) bool {
	b, _ := v.(bool)
	return b
}

func asInt(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
