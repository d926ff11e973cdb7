package store

import "context"

// Store is what the API asks of a graph store. Every method takes the
// request's context; lookups of missing ids return a NotFoundError, and
// writes are atomic and acknowledged only once durable.
type Store interface {
	Reader
	Writer
	Networker
	Dumper
	Feed
	// Ping reports whether the store answers now; /readyz uses it.
	Ping(ctx context.Context) error
	// Close releases the store; no call may follow.
	Close() error
}

// Reader answers questions about the network.
type Reader interface {
	// Actor returns one actor.
	Actor(ctx context.Context, id string) (*Actor, error)
	// ActorsByID returns the actors in the order of ids, nil where an id
	// names none: the batch behind the API's dataloaders.
	ActorsByID(ctx context.Context, ids []string) ([]*Actor, error)
	// Actors pages through actors ordered by SortKey(name), then id.
	Actors(ctx context.Context, f ActorFilter, p Page) (*ActorPage, error)
	// Relation returns one relation.
	Relation(ctx context.Context, id string) (*Relation, error)
	// Relations pages through one actor's relations ordered by type, then
	// the far-end actor's SortKey(name), its id, and the relation's id.
	Relations(ctx context.Context, actorID string, f RelationFilter, p Page) (*RelationPage, error)
	// RelationsOf pages through the relations of each of actorIDs as
	// Relations does, with one filter and page for all: the batch behind
	// the API's nested relation pages. It returns a page per id, in the
	// order of actorIDs, nil where an id names no actor; a bad filter or
	// cursor fails the whole call as it fails Relations.
	RelationsOf(ctx context.Context, actorIDs []string, f RelationFilter, p Page) ([]*RelationPage, error)
	// SourcesByID returns the sources in the order of ids, nil where an id
	// names none.
	SourcesByID(ctx context.Context, ids []string) ([]*Source, error)
	// Source returns one source.
	Source(ctx context.Context, id string) (*Source, error)
	// Search finds actors by name, alias or abbreviation, best first.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Neighborhood returns the actors within q.Depth hops of id and the
	// relations among them.
	Neighborhood(ctx context.Context, id string, q NeighborhoodQuery) (*Subgraph, error)
	// ShortestPath returns a shortest path from one actor to another,
	// following relations both ways, or nil when none is within q.MaxLength.
	ShortestPath(ctx context.Context, from, to string, q PathQuery) (*Path, error)
	// Paths returns up to first simple paths, shortest first, and whether
	// it may have left out some within q.MaxLength.
	Paths(ctx context.Context, from, to string, q PathQuery, first int) ([]Path, bool, error)
	// CommonNeighbors returns the actors joined to both a and b, ordered
	// by SortKey(name) then id, and whether q.First cut some.
	CommonNeighbors(ctx context.Context, a, b string, q NeighborsQuery) ([]*Actor, bool, error)
	// Empty reports whether the store holds no actor, relation or source.
	Empty(ctx context.Context) (bool, error)
	// Lookup tells what the store holds of ids, as Load's checks see it:
	// what an import checks its files against before it writes.
	Lookup(ctx context.Context, ids []string) (Known, error)
}

// Writer changes the network. Each method is one atomic transaction.
type Writer interface {
	// CreateActor writes a new actor; a taken id is a ConflictError. An
	// empty ID gets one from NewID. It returns the actor as stored.
	CreateActor(ctx context.Context, a Actor) (*Actor, error)
	// UpdateActor changes what the patch names and returns the result.
	UpdateActor(ctx context.Context, id string, p ActorPatch) (*Actor, error)
	// DeleteActor deletes an actor and, in the same transaction, every
	// relation from or to it.
	DeleteActor(ctx context.Context, id string) error
	// CreateRelation writes a new relation between two existing actors.
	CreateRelation(ctx context.Context, r Relation) (*Relation, error)
	// DeleteRelation deletes one relation.
	DeleteRelation(ctx context.Context, id string) error
	// CreateSource writes a new source that citations can name; an empty
	// ID gets one from NewID(title); a taken id is a ConflictError.
	CreateSource(ctx context.Context, s Source) (*Source, error)
	// Load upserts a dataset by id in one transaction: sources, then
	// actors, then relations, which may refer to actors already stored.
	// Loading the same dataset twice changes nothing.
	Load(ctx context.Context, d Dataset) error
	// Create writes new sources, actors and relations in one transaction,
	// each checked as its own Create method checks it (PlanCreate): all
	// of them, or none and an error naming the record ("actors[3].name").
	// Relations may join actors of the same call, actors name its
	// countries and cite its sources. Records without an id get one from
	// NewID. It returns them as stored, in d's order.
	Create(ctx context.Context, d Dataset) (*Dataset, error)
}

// Page asks for up to First items after the opaque cursor After.
// NoTotal says the caller does not read the page's Total, which a store
// may then leave at 0 rather than count (Actors on Neo4j). Skip names the
// parts of the page's actors (of Actors, and the far ends of Relations and
// RelationsOf) that the caller does not read, which a store may then leave
// out (see ActorParts); SkipRelation does the same for the relations of
// Relations and RelationsOf, and SkipOwner for the actor a RelationPage
// comes with. Relations, on a page of Actors, asks for a page of each
// actor's relations too (ActorPage.Relations).
type Page struct {
	First        int
	After        string
	NoTotal      bool
	Skip         ActorParts
	SkipRelation RelationParts
	SkipOwner    ActorParts
	Relations    *NestedRelations
}

// NestedRelations asks Actors for one page of relations of every actor of
// its page, with one filter and page for all, as RelationsOf would read
// them: a store may read both at once (Neo4j, in one statement) or leave
// the relations to RelationsOf (the embedded store, whose ActorPage then
// has no Relations).
type NestedRelations struct {
	Filter RelationFilter
	Page   Page
}

// ActorFilter narrows Actors: by kind (any of Kinds; all when empty) and
// by country id (none when empty).
type ActorFilter struct {
	Kinds   []Kind
	Country string
}

// ActorPage is one page of actors, each with its cursor, and each with
// its page of relations when the page asked for them (Page.Relations) and
// the store read them: Relations[i] is Actors[i]'s; nil when not read.
type ActorPage struct {
	Actors    []*Actor
	Cursors   []string
	HasNext   bool
	Total     int
	Relations []*RelationPage
}

// RelationFilter narrows Relations by direction (BOTH when empty) and by
// type (all when empty).
type RelationFilter struct {
	Direction Direction
	Types     []RelationType
}

// RelationEdge is a relation seen from one actor: Direction is OUT when
// that actor is the relation's from, and Other is the far end's id.
type RelationEdge struct {
	Relation  *Relation
	Direction Direction
	Other     string
	Cursor    string
	// OtherActor is the far-end actor when the store read it with the
	// relation, which saves the API a lookup; nil otherwise.
	OtherActor *Actor
}

// RelationPage is one page of an actor's relations.
type RelationPage struct {
	Edges   []RelationEdge
	HasNext bool
	Total   int
	// Actor is the actor whose relations these are, as the store read it
	// with them: the API answers actor(id) { relations } from one read.
	Actor *Actor
}

// SearchQuery asks for up to First actors whose names match Text.
type SearchQuery struct {
	Text  string
	Kinds []Kind
	First int
}

// SearchHit is one search result: the actor, how well it matched (higher
// is better) and the name or alias that matched.
type SearchHit struct {
	Actor   *Actor
	Score   float64
	Matched string
}

// NeighborhoodQuery bounds a neighbourhood: hops, relation types and actor
// kinds to follow (all when empty), the day the network is looked at (nil
// for every relation, dated or not), and at most Limit actors.
type NeighborhoodQuery struct {
	Depth int
	Types []RelationType
	Kinds []Kind
	AsOf  *Day
	Limit int
}

// PathQuery bounds a path search: relation types to follow and kinds of
// actor to pass through (all when empty), the day the network is looked
// at (nil for every relation), and the longest path in relations.
type PathQuery struct {
	Types     []RelationType
	Kinds     []Kind
	AsOf      *Day
	MaxLength int
}

// NeighborsQuery bounds a question about actors' neighbours: relation
// types to follow and kinds of neighbour to keep (all when empty), the day
// the network is looked at (nil for every relation), and at most First.
type NeighborsQuery struct {
	Types []RelationType
	Kinds []Kind
	AsOf  *Day
	First int
}

// Subgraph is a part of the network; Truncated tells that a limit cut it.
type Subgraph struct {
	Actors    []*Actor
	Relations []*Relation
	Truncated bool
}

// Path is a walk from one actor to another: Relations[i] joins Actors[i]
// and Actors[i+1], in either direction.
type Path struct {
	Actors    []*Actor
	Relations []*Relation
}

// ActorPatch names the fields an update changes; nil leaves a field as it
// is, and a pointer to the zero value clears it.
type ActorPatch struct {
	Name        *string
	Names       *[]LocalizedName
	Aliases     *[]string
	Description *string
	CountryID   *string
	Citations   *[]Citation
	IsoCode     *string
	Founded     *Date
	Category    *string
	StartDate   *Date
	EndDate     *Date
	Online      **bool
	// Edit, when set, changes the actor as the store holds it at the
	// moment of the write, after the fields above, inside the write's
	// transaction: a change worked out from what is stored (one more name
	// in the list) cannot lose one made at the same time. Its error
	// refuses the write. It must not keep a or change a's slices in place.
	Edit func(a *Actor) error
}

// Apply returns a copy of a with the patch applied, or Edit's error.
func (p ActorPatch) Apply(a Actor) (Actor, error) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setDate := func(dst *Date, src *Date) {
		if src != nil {
			*dst = *src
		}
	}
	set(&a.Name, p.Name)
	set(&a.Description, p.Description)
	set(&a.CountryID, p.CountryID)
	set(&a.IsoCode, p.IsoCode)
	set(&a.Category, p.Category)
	setDate(&a.Founded, p.Founded)
	setDate(&a.StartDate, p.StartDate)
	setDate(&a.EndDate, p.EndDate)
	if p.Names != nil {
		a.Names = *p.Names
	}
	if p.Aliases != nil {
		a.Aliases = *p.Aliases
	}
	if p.Citations != nil {
		a.Citations = *p.Citations
	}
	if p.Online != nil {
		a.Online = *p.Online
	}
	if p.Edit != nil {
		if err := p.Edit(&a); err != nil {
			return Actor{}, err
		}
	}
	return a, nil
}
