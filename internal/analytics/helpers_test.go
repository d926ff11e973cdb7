package analytics

import (
	"math/rand/v2"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// DatasetNetwork lets the tests outside the package build networks the
// same way.
var DatasetNetwork = datasetNetwork

// datasetNetwork builds the Network of d, its actors and relations
// shuffled first when rng is not nil.
func datasetNetwork(d store.Dataset, rng *rand.Rand) *store.Network {
	actors := make([]*store.Actor, len(d.Actors))
	for i := range d.Actors {
		actors[i] = &d.Actors[i]
	}
	relations := make([]*store.Relation, len(d.Relations))
	for i := range d.Relations {
		relations[i] = &d.Relations[i]
	}
	if rng != nil {
		rng.Shuffle(len(actors), func(i, j int) { actors[i], actors[j] = actors[j], actors[i] })
		rng.Shuffle(len(relations), func(i, j int) { relations[i], relations[j] = relations[j], relations[i] })
	}
	return store.BuildNetwork(actors, relations)
}

// synthNetwork is synth's network for cfg as a Network.
func synthNetwork(cfg synth.Config) *store.Network {
	return datasetNetwork(synth.Generate(cfg), nil)
}
