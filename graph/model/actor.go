package model

import "github.com/ecograph/ecograph/internal/store"

// Actor is the GraphQL interface Actor: one of Country, University,
// Startup, Organization, GovernmentBody, Event or Program.
type Actor interface {
	Node
	IsActor()
	// Stored returns the store's actor behind the GraphQL value.
	Stored() *store.Actor
}

// Node is the GraphQL interface Node: an actor, a relation or a source.
type Node interface {
	IsNode()
}

// ActorFields are the fields every kind of actor shares. The kinds' own
// types embed it, so their shared fields are bound once. Description and
// Citations are read from the store's actor when they are asked for, so
// that a list of actors costs no copies of what it does not select.
type ActorFields struct {
	ID      string
	Kind    ActorKind
	Name    string
	Names   []store.LocalizedName
	Aliases []string
	stored  *store.Actor
}

// Description is the actor's description, nil when it has none.
func (a ActorFields) Description() *string { return optional(a.stored.Description) }

// Citations are the sources the actor's record cites.
func (a ActorFields) Citations() []*Citation { return NewCitations(a.stored.Citations) }

// IsNode marks an actor as a Node.
func (ActorFields) IsNode() {}

// IsActor marks an actor as an Actor.
func (ActorFields) IsActor() {}

// Fields returns the fields every kind shares: each kind's type embeds
// them.
func (a *ActorFields) Fields() *ActorFields { return a }

// Stored returns the store's actor behind the GraphQL value.
func (a ActorFields) Stored() *store.Actor { return a.stored }

// Country is a country; IsoCode is its ISO 3166-1 alpha-2 code.
type Country struct {
	ActorFields
	IsoCode string
}

// University is a university.
type University struct{ ActorFields }

// Startup is a startup company.
type Startup struct {
	ActorFields
	Founded store.Date
}

// Organization is an organisation such as a technology park.
type Organization struct {
	ActorFields
	Category *string
}

// GovernmentBody is a ministry, agency or other public body.
type GovernmentBody struct{ ActorFields }

// Event is a meeting, visit, seminar or forum.
type Event struct {
	ActorFields
	StartDate store.Date
	EndDate   store.Date
	Online    *bool
}

// StartPrecision is how much of StartDate the source gave, nil when none.
func (e *Event) StartPrecision() *DatePrecision {
	if e.StartDate.IsZero() {
		return nil
	}
	p := DatePrecision(e.StartDate.Precision().String())
	return &p
}

// Program is a programme an organisation offers.
type Program struct{ ActorFields }

// NewActor maps a store actor onto the GraphQL type of its kind; nil maps to nil.
func NewActor(a *store.Actor) Actor {
	if a == nil {
		return nil
	}
	f := ActorFields{
		ID:      a.ID,
		Kind:    ActorKind(a.Kind),
		Name:    a.Name,
		Names:   nonNil(a.Names),
		Aliases: nonNil(a.Aliases),
		stored:  a,
	}
	switch a.Kind {
	case store.KindCountry:
		return &Country{ActorFields: f, IsoCode: a.IsoCode}
	case store.KindUniversity:
		return &University{f}
	case store.KindStartup:
		return &Startup{ActorFields: f, Founded: a.Founded}
	case store.KindOrganization:
		return &Organization{ActorFields: f, Category: optional(a.Category)}
	case store.KindGovernmentBody:
		return &GovernmentBody{f}
	case store.KindEvent:
		return &Event{ActorFields: f, StartDate: a.StartDate, EndDate: a.EndDate, Online: a.Online}
	default:
		return &Program{f}
	}
}

// NewActors maps a list of store actors.
func NewActors(as []*store.Actor) []Actor {
	out := make([]Actor, len(as))
	for i, a := range as {
		out[i] = NewActor(a)
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
