package analytics

import (
	"context"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/community"

	"github.com/ecograph/ecograph/internal/synth"
)

// modularity is the modularity of a view's partition into communities
// labelled by label (resolution 1).
func modularity(v *View, label func(int32) int32) float64 {
	inside := map[int32]float64{} // link ends within each community
	degree := map[int32]float64{} // link ends of each community
	var ends float64
	for _, i := range v.present {
		for _, j := range v.graph.row(i) {
			ends++
			degree[label(i)]++
			if label(i) == label(j) {
				inside[label(i)]++
			}
		}
	}
	var q float64
	for c, d := range degree {
		q += inside[c]/ends - (d/ends)*(d/ends)
	}
	return q
}

// TestLouvain: louvain never puts actors of two clusters joined by one
// relation together, and its partitions are about as good as gonum's (by
// modularity) on a synthetic network small enough for gonum.
func TestLouvain(t *testing.T) {
	clusters := NewNetwork(twoClusters(300, 900)).View(nil)
	labels := must(louvain(context.Background(), &clusters.graph))
	side := map[int32]byte{}
	for _, i := range clusters.present {
		s := clusters.net.Actors[i].ID[0]
		if other, ok := side[labels[i]]; ok && other != s {
			t.Fatalf("community %d has actors of both clusters", labels[i])
		}
		side[labels[i]] = s
	}

	v := NewNetwork(synthNetwork(synth.Config{Actors: 2000, Relations: 10000, Seed: 3})).View(nil)
	ours := must(louvain(context.Background(), &v.graph))
	theirs := make([]int32, len(v.in))
	for c, members := range community.Modularize(undirected{viewNodes{v}}, 1, rand.NewPCG(1, 2)).Communities() {
		for _, m := range members {
			theirs[m.ID()] = int32(c)
		}
	}
	qOurs := modularity(v, func(i int32) int32 { return ours[i] })
	qTheirs := modularity(v, func(i int32) int32 { return theirs[i] })
	t.Logf("modularity: louvain %.4f, gonum %.4f", qOurs, qTheirs)
	if qOurs < qTheirs-0.02 {
		t.Errorf("louvain's modularity %.4f, gonum's %.4f", qOurs, qTheirs)
	}
}
