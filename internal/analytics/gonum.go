package analytics

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// The adapters below let gonum's algorithms read a View's arrays in place:
// node ids are actor indexes, and only present actors are nodes. Copying
// into a simple.UndirectedGraph would cost maps of maps, several times the
// memory of the arrays and most of the time of the smaller measures.

// nodes iterates over actors as gonum nodes.
func nodes(actors []int32) graph.Nodes {
	if len(actors) == 0 {
		return graph.Empty
	}
	return iterator.NewImplicitNodes(0, len(actors), func(i int) graph.Node { return simple.Node(actors[i]) })
}

// viewNodes is what both adapters share: the present actors of a View as
// gonum nodes.
type viewNodes struct{ v *View }

func (g viewNodes) has(id int64) bool { return id >= 0 && id < int64(len(g.v.in)) && g.v.in[id] }

func (g viewNodes) Node(id int64) graph.Node {
	if !g.has(id) {
		return nil
	}
	return simple.Node(id)
}

func (g viewNodes) Nodes() graph.Nodes { return nodes(g.v.present) }

// undirected is a View's graph as a gonum graph.Undirected.
type undirected struct{ viewNodes }

var _ graph.Undirected = undirected{}

func (g undirected) From(id int64) graph.Nodes {
	if !g.has(id) {
		return graph.Empty
	}
	return nodes(g.v.graph.row(int32(id)))
}

func (g undirected) HasEdgeBetween(xid, yid int64) bool {
	return g.has(xid) && g.has(yid) && g.v.graph.has(int32(xid), int32(yid))
}

func (g undirected) Edge(uid, vid int64) graph.Edge {
	if !g.HasEdgeBetween(uid, vid) {
		return nil
	}
	return simple.Edge{F: simple.Node(uid), T: simple.Node(vid)}
}

func (g undirected) EdgeBetween(xid, yid int64) graph.Edge { return g.Edge(xid, yid) }
