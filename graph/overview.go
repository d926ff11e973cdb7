package graph

import (
	"context"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/analytics"
)

// overviewAnswer reads the names of an overview's actors (one store call
// for them all) and makes its answer. An actor deleted since the network
// was read is left out, and so are its relations.
func (r *queryResolver) overviewAnswer(ctx context.Context, net *analytics.Network, o analytics.Overview) (*model.Overview, error) {
	indexes := make([]int32, len(o.Actors))
	for i, a := range o.Actors {
		indexes[i] = a.Actor
	}
	actors, err := r.actorsAt(ctx, net, indexes)
	if err != nil {
		return nil, err
	}
	out := &model.Overview{
		Actors:    make([]model.OverviewActor, 0, len(actors)),
		Relations: make([]model.OverviewRelation, 0, len(o.Relations)),
		Truncated: o.Truncated,
	}
	gone := map[int32]bool{}
	for i, a := range actors {
		if a == nil {
			gone[indexes[i]] = true
			continue
		}
		out.Actors = append(out.Actors, model.OverviewActor{
			ID:        a.ID,
			Kind:      model.ActorKind(a.Kind),
			Name:      a.Name,
			Score:     o.Actors[i].Value,
			Community: o.Actors[i].Community,
		})
	}
	for _, rel := range o.Relations {
		if gone[rel.From] || gone[rel.To] {
			continue
		}
		out.Relations = append(out.Relations, model.OverviewRelation{
			ID:   rel.ID,
			Type: model.RelationType(rel.Type),
			From: net.Actors[rel.From].ID,
			To:   net.Actors[rel.To].ID,
		})
	}
	return out, nil
}
