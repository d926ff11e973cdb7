package model

import "github.com/ecograph/ecograph/internal/store"

// Relation is the GraphQL type Relation; from and to are resolved in
// batches from the ids kept here.
type Relation struct {
	ID     string
	Type   RelationType
	FromID string
	ToID   string
	Since  store.Date
	Until  store.Date
	// stored is the store's relation: its note and citations are read
	// from it when they are asked for.
	stored *store.Relation
	// from and to are the actors at the relation's ends when they were
	// mapped with it (NewRelations), so that resolving them costs no lookup.
	from, to Actor
}

// Note is the relation's note, nil when it has none.
func (r *Relation) Note() *string { return optional(r.stored.Note) }

// Citations are the sources the relation's record cites.
func (r *Relation) Citations() []*Citation { return NewCitations(r.stored.Citations) }

// Ends returns the actors at the relation's ends when they were mapped
// with it, or nils.
func (r *Relation) Ends() (from, to Actor) { return r.from, r.to }

// IsNode marks a relation as a Node.
func (Relation) IsNode() {}

// NewRelation maps a store relation; nil maps to nil.
func NewRelation(r *store.Relation) *Relation {
	if r == nil {
		return nil
	}
	m := relationOf(r)
	return &m
}

func relationOf(r *store.Relation) Relation {
	return Relation{
		ID:     r.ID,
		Type:   RelationType(r.Type),
		FromID: r.From,
		ToID:   r.To,
		Since:  r.Since,
		Until:  r.Until,
		stored: r,
	}
}

// NewRelations maps the relations among actors, such as a walk returns
// them: each relation's ends are among actors, mapped already.
func NewRelations(rs []*store.Relation, actors []Actor) []Relation {
	byID := make(map[string]Actor, len(actors))
	for _, a := range actors {
		byID[a.Stored().ID] = a
	}
	out := make([]Relation, len(rs))
	for i, r := range rs {
		out[i] = relationOf(r)
		out[i].from, out[i].to = byID[r.From], byID[r.To]
	}
	return out
}

// RelationEdge is a relation seen from one actor; other is resolved in
// batches from OtherID.
type RelationEdge struct {
	Cursor    string
	Node      *Relation
	Direction Direction
	OtherID   string
	// Other is the far end as the page read it, partial when the page
	// skipped some of its parts (store.Page.Skip); nil to load it.
	Other *store.Actor
}

// Citation is the GraphQL type Citation; its source is resolved in batches.
type Citation struct {
	SourceID string
	Excerpt  *string
}

// NewCitations maps a store actor's or relation's citations.
func NewCitations(cs []store.Citation) []*Citation {
	out := make([]*Citation, len(cs))
	for i, c := range cs {
		out[i] = &Citation{SourceID: c.SourceID, Excerpt: optional(c.Excerpt)}
	}
	return out
}

// Source is the GraphQL type Source.
type Source struct {
	ID        string
	Title     string
	Published store.Date
	Lang      *string
	URL       *string
}

// IsNode marks a source as a Node.
func (Source) IsNode() {}

// NewSource maps a store source; nil maps to nil.
func NewSource(s *store.Source) *Source {
	if s == nil {
		return nil
	}
	return &Source{ID: s.ID, Title: s.Title, Published: s.Published, Lang: optional(s.Lang), URL: optional(s.URL)}
}
