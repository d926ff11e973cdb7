package store

import (
	"slices"
	"strings"
)

// Kind is what sort of actor a node is: the GraphQL enum ActorKind.
type Kind string

// The actor kinds, as the schema spells them.
const (
	KindCountry        Kind = "COUNTRY"
	KindUniversity     Kind = "UNIVERSITY"
	KindStartup        Kind = "STARTUP"
	KindOrganization   Kind = "ORGANIZATION"
	KindGovernmentBody Kind = "GOVERNMENT_BODY"
	KindEvent          Kind = "EVENT"
	KindProgram        Kind = "PROGRAM"
)

// Kinds lists every kind in the schema's order.
var Kinds = []Kind{KindCountry, KindUniversity, KindStartup, KindOrganization, KindGovernmentBody, KindEvent, KindProgram}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// RelationType is what a relation says: the GraphQL enum RelationType.
type RelationType string

// The relation types, as the schema spells them.
const (
	LocatedIn      RelationType = "LOCATED_IN"
	Founded        RelationType = "FOUNDED"
	ParticipatedIn RelationType = "PARTICIPATED_IN"
	Hosted         RelationType = "HOSTED"
	Organized      RelationType = "ORGANIZED"
	InvitedTo      RelationType = "INVITED_TO"
	Offers         RelationType = "OFFERS"
	InterestedIn   RelationType = "INTERESTED_IN"
	NegotiatesWith RelationType = "NEGOTIATES_WITH"
	PartnersWith   RelationType = "PARTNERS_WITH"
)

// RelationTypes lists every relation type in the schema's order.
var RelationTypes = []RelationType{LocatedIn, Founded, ParticipatedIn, Hosted, Organized, InvitedTo, Offers, InterestedIn, NegotiatesWith, PartnersWith}

// Valid reports whether t is one of RelationTypes.
func (t RelationType) Valid() bool { return slices.Contains(RelationTypes, t) }

// Direction is which way a relation is seen from one of its actors.
type Direction string

// OUT: the actor is the relation's from; IN: its to; BOTH: either.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// LocalizedName is a name in one language or script; Lang is a BCP 47 tag.
type LocalizedName struct {
	Value string
	Lang  string
}

// Source is a document facts are taken from.
type Source struct {
	ID        string
	Title     string
	Published Date
	Lang      string
	URL       string
}

// Citation ties a fact to a source and, where known, the sentence that says it.
type Citation struct {
	SourceID string
	Excerpt  string
}

// Actor is a node of the ecosystem network. The kind-specific fields are
// set only for their kind: IsoCode for countries, Founded for startups,
// Category for organisations, StartDate, EndDate and Online for events.
type Actor struct {
	ID          string
	Kind        Kind
	Name        string
	Names       []LocalizedName
	Aliases     []string
	Description string
	CountryID   string
	Citations   []Citation

	IsoCode   string
	Founded   Date
	Category  string
	StartDate Date
	EndDate   Date
	Online    *bool
}

// Relation is a directed, typed, cited fact between two actors.
type Relation struct {
	ID        string
	Type      RelationType
	From      string
	To        string
	Since     Date
	Until     Date
	Note      string
	Citations []Citation
}

// SortKey is the key actors are ordered by: the case-folded name. Ties
// break on id. Both stores order by exactly this key.
func SortKey(name string) string { return strings.ToLower(name) }

// Dataset is a batch of facts written at once: sources, actors, relations.
type Dataset struct {
	Sources   []Source
	Actors    []Actor
	Relations []Relation
}
