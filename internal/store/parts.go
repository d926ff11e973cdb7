package store

// ActorParts names the parts of an actor beyond its id, kind and name,
// which every reader gets. A reader that will not read some of them says
// so in Page.Skip, and a store that reads actors from elsewhere (Neo4j)
// may then leave those fields empty: a page of 50 actors whose names
// alone are shown need not carry 50 descriptions and citation lists over
// the wire. A store that holds its actors in memory gives them whole
// either way.
//
// An actor read with parts skipped is partial: it must serve only the
// reader that asked for it, never a cache that other readers share.
type ActorParts uint8

const (
	// ActorDescription is Description.
	ActorDescription ActorParts = 1 << iota
	// ActorNames is Names and Aliases.
	ActorNames
	// ActorCountry is CountryID.
	ActorCountry
	// ActorCitations is Citations.
	ActorCitations
	// ActorOwnFields is the fields of one kind: IsoCode, Founded,
	// Category, StartDate, EndDate and Online.
	ActorOwnFields

	// AllActorParts is every part.
	AllActorParts = ActorDescription | ActorNames | ActorCountry | ActorCitations | ActorOwnFields
)

// RelationParts names the parts of a relation beyond its id, type and
// ends, which every reader gets; a reader says in Page.SkipRelation which
// it will not read, as ActorParts does for actors.
type RelationParts uint8

const (
	// RelationNote is Note.
	RelationNote RelationParts = 1 << iota
	// RelationCitations is Citations.
	RelationCitations
	// RelationDates is Since and Until.
	RelationDates

	// AllRelationParts is every part.
	AllRelationParts = RelationNote | RelationCitations | RelationDates
)
