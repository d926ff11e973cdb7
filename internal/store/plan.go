package store

import (
	"errors"
	"fmt"
	"slices"
)

// Known is what a store holds, as far as checking a write needs to know.
// Both stores check writes with the functions below, so that they refuse
// the same writes with the same errors.
type Known interface {
	// Holder names what holds id: "actor", "relation", "source", or ""
	// when nothing does. Actors, relations and sources share one namespace.
	Holder(id string) string
	// Actor returns the stored actor id, or nil. A store may fill in only
	// its ID and Kind: the checks read nothing else.
	Actor(id string) *Actor
	// HasSource reports whether source id is stored.
	HasSource(id string) bool
}

// Conflict refuses id for a new what when anything holds it already.
func Conflict(k Known, what, id string) error {
	switch holder := k.Holder(id); holder {
	case "":
		return nil
	case what:
		return &ConflictError{What: what, ID: id, Reason: "already exists"}
	default:
		return &ConflictError{What: what, ID: id, Reason: "cannot take the id of an existing " + holder}
	}
}

// CheckActorRefs checks what an actor refers to: its country must be a
// stored COUNTRY (else invalid "country"), and every source it cites must
// be stored (else invalid "citations.source").
func CheckActorRefs(a *Actor, k Known) error {
	if a.CountryID != "" {
		c := k.Actor(a.CountryID)
		if c == nil {
			return Invalid("country", "actor %q does not exist", a.CountryID)
		}
		if c.Kind != KindCountry {
			return Invalid("country", "%q is a %s, not a %s", a.CountryID, c.Kind, KindCountry)
		}
	}
	return CheckCitations(a.Citations, k)
}

// CheckCitations checks that every citation names a stored source.
func CheckCitations(cs []Citation, k Known) error {
	for _, c := range cs {
		if !k.HasSource(c.SourceID) {
			return Invalid("citations.source", "source %q does not exist", c.SourceID)
		}
	}
	return nil
}

// RelationEnds looks up a relation's two actors: invalid "from" or "to"
// when one does not exist.
func RelationEnds(r *Relation, k Known) (from, to *Actor, err error) {
	if from = k.Actor(r.From); from == nil {
		return nil, nil, Invalid("from", "actor %q does not exist", r.From)
	}
	if to = k.Actor(r.To); to == nil {
		return nil, nil, Invalid("to", "actor %q does not exist", r.To)
	}
	return from, to, nil
}

// CheckNewRelation checks a relation about to be created between the
// actors from and to: store.ValidateRelation, its id not taken, its
// citations naming stored sources.
func CheckNewRelation(r *Relation, from, to *Actor, k Known) error {
	if err := ValidateRelation(r, from.Kind, to.Kind); err != nil {
		return err
	}
	if err := Conflict(k, "relation", r.ID); err != nil {
		return err
	}
	return CheckCitations(r.Citations, k)
}

// LoadPlan is a dataset as it will stand once loaded: the last record of
// each id, checked, by what it is.
type LoadPlan struct {
	Sources   map[string]*Source
	Actors    map[string]*Actor
	Relations map[string]*Relation
	known     Known
}

// PlanLoad checks a dataset against what a store holds, as Store.Load
// documents: every record as the Create methods check them, an error
// naming the record and field ("actors[3].kind", "relations[12].to"); an
// actor's kind cannot change and an id cannot name two things (a
// *ConflictError). Relations may refer to actors stored already or in
// the dataset, actors to countries and sources likewise. A record that
// appears twice counts as its last appearance.
func PlanLoad(d Dataset, k Known) (*LoadPlan, error) {
	p := &LoadPlan{
		Sources:   make(map[string]*Source, len(d.Sources)),
		Actors:    make(map[string]*Actor, len(d.Actors)),
		Relations: make(map[string]*Relation, len(d.Relations)),
		known:     k,
	}
	for i := range d.Sources {
		src := d.Sources[i]
		at := record{"sources", i}
		if err := ValidateSource(&src); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "source", src.ID); err != nil {
			return nil, err
		}
		p.Sources[src.ID] = &src
	}
	for i := range d.Actors {
		a := CloneActor(d.Actors[i])
		at := record{"actors", i}
		if err := ValidateActor(a); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "actor", a.ID); err != nil {
			return nil, err
		}
		if old := k.Actor(a.ID); old != nil && old.Kind != a.Kind {
			return nil, Invalid(at.String()+".kind", "actor %q is a %s and cannot become a %s", a.ID, old.Kind, a.Kind)
		}
		p.Actors[a.ID] = a
	}
	// Countries may come later in the dataset than the actors in them.
	for i := range d.Actors {
		if err := CheckActorRefs(&d.Actors[i], p); err != nil {
			return nil, within(record{"actors", i}, err)
		}
	}
	for i := range d.Relations {
		r := CloneRelation(d.Relations[i])
		at := record{"relations", i}
		from, to, err := RelationEnds(r, p)
		if err != nil {
			return nil, within(at, err)
		}
		if err := ValidateRelation(r, from.Kind, to.Kind); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "relation", r.ID); err != nil {
			return nil, err
		}
		if err := CheckCitations(r.Citations, p); err != nil {
			return nil, within(at, err)
		}
		p.Relations[r.ID] = r
	}
	return p, nil
}

// IDs lists every id a dataset names or refers to: what a store must look
// up to plan its load.
func (d Dataset) IDs() []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	cites := func(cs []Citation) {
		for _, c := range cs {
			add(c.SourceID)
		}
	}
	for _, s := range d.Sources {
		add(s.ID)
	}
	for _, a := range d.Actors {
		add(a.ID)
		add(a.CountryID)
		cites(a.Citations)
	}
	for _, r := range d.Relations {
		add(r.ID)
		add(r.From)
		add(r.To)
		cites(r.Citations)
	}
	return ids
}

// record names the record a Load error is about, as "actors[3]".
type record struct {
	list string
	i    int
}

func (r record) String() string { return fmt.Sprintf("%s[%d]", r.list, r.i) }

// own claims id for a record of the dataset: the same id may not name two
// different things, in the dataset or in the store.
func (p *LoadPlan) own(at record, what, id string) error {
	holder := p.known.Holder(id)
	switch {
	case holder != "" && holder != what:
		return &ConflictError{What: what, ID: id, Reason: fmt.Sprintf("(%s) cannot take the id of an existing %s", at, holder)}
	case what != "source" && p.Sources[id] != nil:
		holder = "source"
	case what != "actor" && p.Actors[id] != nil:
		holder = "actor"
	default:
		return nil
	}
	return &ConflictError{What: what, ID: id, Reason: fmt.Sprintf("(%s) cannot take the id of a %s in the same dataset", at, holder)}
}

// Holder, Actor and HasSource make the plan Known: the store as it will
// stand once the plan is written.
func (p *LoadPlan) Holder(id string) string {
	switch {
	case p.Actors[id] != nil:
		return "actor"
	case p.Sources[id] != nil:
		return "source"
	case p.Relations[id] != nil:
		return "relation"
	}
	return p.known.Holder(id)
}

func (p *LoadPlan) Actor(id string) *Actor {
	if a := p.Actors[id]; a != nil {
		return a
	}
	return p.known.Actor(id)
}

func (p *LoadPlan) HasSource(id string) bool { return p.Sources[id] != nil || p.known.HasSource(id) }

// within puts an InvalidError's field inside the record at: "kind" of
// actors[3] is "actors[3].kind".
func within(at record, err error) error {
	var inv *InvalidError
	if errors.As(err, &inv) {
		return &InvalidError{Field: at.String() + "." + inv.Field, Message: inv.Message}
	}
	return err
}

// CloneActor returns a deep copy of a.
func CloneActor(a Actor) *Actor {
	a.Names = cloneSlice(a.Names)
	a.Aliases = cloneSlice(a.Aliases)
	a.Citations = cloneSlice(a.Citations)
	if a.Online != nil {
		v := *a.Online
		a.Online = &v
	}
	return &a
}

// CloneRelation returns a deep copy of r.
func CloneRelation(r Relation) *Relation {
	r.Citations = cloneSlice(r.Citations)
	return &r
}

func cloneSlice[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append([]T(nil), s...)
}

// CheckKinds checks a kind filter and drops repeats, keeping the order;
// nil means every kind.
func CheckKinds(kinds []Kind) ([]Kind, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	out := make([]Kind, 0, len(kinds))
	for _, k := range kinds {
		if !k.Valid() {
			return nil, Invalid("kinds", "%q is not an actor kind", k)
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// CheckTypes checks a relation type filter, sorted without repeats; nil
// means every type.
func CheckTypes(types []RelationType) ([]RelationType, error) {
	if len(types) == 0 {
		return nil, nil
	}
	out := make([]RelationType, 0, len(types))
	for _, t := range types {
		if !t.Valid() {
			return nil, Invalid("types", "%q is not a relation type", t)
		}
		out = append(out, t)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// CheckFilters checks a walk's type and kind filters.
func CheckFilters(types []RelationType, kinds []Kind) error {
	if _, err := CheckTypes(types); err != nil {
		return err
	}
	_, err := CheckKinds(kinds)
	return err
}

// KnownIDs is a Known held in maps: what a store's Lookup returns.
type KnownIDs struct {
	// Holders maps an id to "actor", "relation" or "source".
	Holders map[string]string
	// Actors maps an actor's id to the actor.
	Actors map[string]*Actor
}

// NewKnownIDs returns an empty KnownIDs.
func NewKnownIDs() *KnownIDs {
	return &KnownIDs{Holders: map[string]string{}, Actors: map[string]*Actor{}}
}

func (k *KnownIDs) Holder(id string) string { return k.Holders[id] }
func (k *KnownIDs) Actor(id string) *Actor  { return k.Actors[id] }
func (k *KnownIDs) HasSource(id string) bool {
	return k.Holders[id] == "source"
}
