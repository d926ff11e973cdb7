package graph

import (
	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// The schema's enums and the store's share their spellings, so converting
// between them is a cast.

func storeKinds(ks []model.ActorKind) []store.Kind { return castAll[store.Kind](ks) }

func storeTypes(ts []model.RelationType) []store.RelationType {
	return castAll[store.RelationType](ts)
}

func castAll[To, From ~string](xs []From) []To {
	if len(xs) == 0 {
		return nil
	}
	out := make([]To, len(xs))
	for i, x := range xs {
		out[i] = To(x)
	}
	return out
}

// intOr is an Int argument, or its default when the client sent null;
// the prices use it, resolvers read bounded arguments through intArg.
func intOr(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

func stringOr(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}

func dateOr(v *store.Date) store.Date {
	if v == nil {
		return store.Date{}
	}
	return *v
}

func storeNames(in []model.LocalizedNameInput) []store.LocalizedName {
	out := make([]store.LocalizedName, len(in))
	for i, n := range in {
		out[i] = store.LocalizedName{Value: n.Value, Lang: n.Lang}
	}
	return out
}

func storeCitations(in []model.CitationInput) []store.Citation {
	out := make([]store.Citation, len(in))
	for i, c := range in {
		out[i] = store.Citation{SourceID: c.Source, Excerpt: stringOr(c.Excerpt)}
	}
	return out
}

func newActor(in model.CreateActorInput) store.Actor {
	return store.Actor{
		ID:          stringOr(in.ID),
		Kind:        store.Kind(in.Kind),
		Name:        in.Name,
		Names:       storeNames(in.Names),
		Aliases:     in.Aliases,
		Description: stringOr(in.Description),
		CountryID:   stringOr(in.Country),
		Citations:   storeCitations(in.Citations),
		IsoCode:     stringOr(in.IsoCode),
		Founded:     dateOr(in.Founded),
		Category:    stringOr(in.Category),
		StartDate:   dateOr(in.StartDate),
		EndDate:     dateOr(in.EndDate),
		Online:      in.Online,
	}
}

// newRelation is the relation a createRelation input asks for.
func newRelation(in model.CreateRelationInput) store.Relation {
	return store.Relation{
		ID:        stringOr(in.ID),
		Type:      store.RelationType(in.Type),
		From:      in.From,
		To:        in.To,
		Since:     dateOr(in.Since),
		Until:     dateOr(in.Until),
		Note:      stringOr(in.Note),
		Citations: storeCitations(in.Citations),
	}
}

// newSource is the source a createSource input asks for.
func newSource(in model.CreateSourceInput) store.Source {
	return store.Source{
		ID:        stringOr(in.ID),
		Title:     in.Title,
		Published: dateOr(in.Published),
		Lang:      stringOr(in.Lang),
		URL:       stringOr(in.URL),
	}
}

// actorPatch turns an update into a patch: an absent field stays as it
// is, an explicit null clears it.
func actorPatch(in model.UpdateActorInput) store.ActorPatch {
	var p store.ActorPatch
	str := func(o interface {
		Value() *string
		IsSet() bool
	}) *string {
		if !o.IsSet() {
			return nil
		}
		s := stringOr(o.Value())
		return &s
	}
	date := func(v *store.Date, set bool) *store.Date {
		if !set {
			return nil
		}
		d := dateOr(v)
		return &d
	}
	p.Name = str(in.Name)
	p.Description = str(in.Description)
	p.CountryID = str(in.Country)
	p.IsoCode = str(in.IsoCode)
	p.Category = str(in.Category)
	p.Founded = date(in.Founded.Value(), in.Founded.IsSet())
	p.StartDate = date(in.StartDate.Value(), in.StartDate.IsSet())
	p.EndDate = date(in.EndDate.Value(), in.EndDate.IsSet())
	if in.Names.IsSet() {
		names := storeNames(in.Names.Value())
		p.Names = &names
	}
	if in.Aliases.IsSet() {
		aliases := in.Aliases.Value()
		p.Aliases = &aliases
	}
	if in.Citations.IsSet() {
		cs := storeCitations(in.Citations.Value())
		p.Citations = &cs
	}
	if in.Online.IsSet() {
		online := in.Online.Value()
		p.Online = &online
	}
	return p
}

func newPath(p store.Path) model.Path {
	actors := model.NewActors(p.Actors)
	return model.Path{
		Actors:    actors,
		Relations: model.NewRelations(p.Relations, actors),
		Length:    len(p.Relations),
	}
}

// dayOf is the day an asOf argument names: a partial date's last day, so
// that asOf 2024 is the network as 2024 ended; nil for no asOf.
func dayOf(d *store.Date) *store.Day {
	if d == nil || d.IsZero() {
		return nil
	}
	day := d.LastDay()
	return &day
}

// neighborhoodQuery is the store's form of a neighborhood's arguments.
func neighborhoodQuery(depth *int, types []model.RelationType, kinds []model.ActorKind, limit *int, asOf *store.Date) (store.NeighborhoodQuery, error) {
	d, err := intArg("neighborhood", "depth", depth, defaultDepth)
	if err != nil {
		return store.NeighborhoodQuery{}, err
	}
	n, err := intArg("neighborhood", "limit", limit, defaultLimit)
	if err != nil {
		return store.NeighborhoodQuery{}, err
	}
	return store.NeighborhoodQuery{Depth: d, Types: storeTypes(types), Kinds: storeKinds(kinds), AsOf: dayOf(asOf), Limit: n}, nil
}

// pathQuery is the store's form of a path search's arguments.
// field names the query, for its bounds.
func pathQuery(field string, types []model.RelationType, kinds []model.ActorKind, maxLength *int, defaultLength int, asOf *store.Date) (store.PathQuery, error) {
	n, err := intArg(field, "maxLength", maxLength, defaultLength)
	return store.PathQuery{
		Types:     storeTypes(types),
		Kinds:     storeKinds(kinds),
		AsOf:      dayOf(asOf),
		MaxLength: n,
	}, err
}

// ptrOr is *v, or def when v is nil (an enum argument the client sent as
// null).
func ptrOr[T any](v *T, def T) T {
	if v == nil {
		return def
	}
	return *v
}
