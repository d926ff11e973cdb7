package analytics

import (
	"context"
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Overview is the part of a view a drawing of the whole network shows:
// its highest-scored actors and the relations among them.
type Overview struct {
	// Actors are highest score first, then by id.
	Actors []OverviewActor
	// Relations join two of Actors, in id order.
	Relations []*store.NetworkRelation
	// Truncated reports that the actor limit or the relation cap left
	// some out.
	Truncated bool
}

// OverviewActor is one actor of an Overview.
type OverviewActor struct {
	Score
	// Community is the ID of the actor's community in the view.
	Community string
}

// OverviewQuery says which part of a view an Overview shows.
type OverviewQuery struct {
	// Measure scores the actors; the highest are kept.
	Measure Measure
	// Kinds and Types keep only actors and relations of theirs; all
	// when empty.
	Kinds []store.Kind
	Types []store.RelationType
	// Limit and MaxRelations cap the actors and relations given.
	Limit, MaxRelations int
}

// OverviewContext works out the overview q asks for, until ctx ends. The
// scores and communities are those of the whole view, whatever q's kinds
// and types: the filters choose what is drawn, not how it is measured.
func (v *View) OverviewContext(ctx context.Context, q OverviewQuery) (Overview, error) {
	ranked, err := v.TopContext(ctx, q.Measure, 0, q.Kinds)
	if err != nil {
		return Overview{}, err
	}
	comm, err := v.communities.get(ctx)
	if err != nil {
		return Overview{}, err
	}
	out := Overview{Truncated: len(ranked) > q.Limit}
	ranked = ranked[:min(len(ranked), q.Limit)]
	kept := make([]bool, len(v.in))
	out.Actors = make([]OverviewActor, len(ranked))
	for i, s := range ranked {
		kept[s.Actor] = true
		out.Actors[i] = OverviewActor{Score: s, Community: comm.list[comm.of[s.Actor]].ID}
	}
	w := store.NewWatch(ctx)
	for r := range v.relations() {
		if w.Stop() {
			return Overview{}, w.Err()
		}
		if !kept[r.From] || !kept[r.To] || (len(q.Types) > 0 && !slices.Contains(q.Types, r.Type)) {
			continue
		}
		if len(out.Relations) == q.MaxRelations {
			out.Truncated = true
			break
		}
		out.Relations = append(out.Relations, r)
	}
	return out, nil
}
