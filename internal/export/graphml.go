package export

import (
	"context"
	"io"

	"github.com/ecograph/ecograph/internal/store"
)

// GraphML writes the network d dumps as one directed GraphML graph: a node
// per actor and an edge per relation, with their ids, and every field as a
// typed <data> value declared by a <key> up front (key ids "actor.kind",
// "relation.type", ...; attr.name "kind", "type", ...). Lists (names,
// aliases, citations) are JSON text; dates keep their own precision
// ("2024-06"); the sources are one graph-level value, "sources", a JSON
// list. See docs/export.md.
func GraphML(ctx context.Context, w io.Writer, d store.Dumper) error {
	return stream(ctx, w, d, layout{
		enter: [...]string{
			store.PartSources:   graphmlHead + `  <graph id="ecograph" edgedefault="directed">` + "\n" + `    <data key="network.sources">[`,
			store.PartActors:    "]</data>\n",
			store.PartRelations: "",
			store.PartEnd:       "  </graph>\n</graphml>\n",
		},
		sources: (*xmlWriter).chars,
		actor: func(x *xmlWriter, a *store.Actor, vals []value) {
			x.raw(`    <node id="`)
			x.attr("id", a.ID)
			x.raw("\">\n")
			graphmlData(x, "actor.", actorAttrs, vals)
			x.raw("    </node>\n")
		},
		relation: func(x *xmlWriter, rel *store.Relation, vals []value) {
			x.raw(`    <edge`)
			edgeEnds(x, rel)
			x.raw(">\n")
			graphmlData(x, "relation.", relationAttrs, vals)
			x.raw("    </edge>\n")
		},
	})
}

// edgeEnds writes an edge's id, source and target attributes.
func edgeEnds(x *xmlWriter, rel *store.Relation) {
	x.raw(` id="`)
	x.attr("id", rel.ID)
	x.raw(`" source="`)
	x.attr("from", rel.From)
	x.raw(`" target="`)
	x.attr("to", rel.To)
	x.raw(`"`)
}

func graphmlData(x *xmlWriter, prefix string, attrs []attr, vals []value) {
	for _, v := range vals {
		name := attrs[v.attr].name
		x.raw(`      <data key="` + prefix + name + `">`)
		x.chars(name, v.text)
		x.raw("</data>\n")
	}
}

// graphmlHead is the document's start: the keys of every attribute.
var graphmlHead = func() string {
	s := `<?xml version="1.0" encoding="UTF-8"?>
<!-- ecograph network: actors are nodes, relations are edges; lists are JSON text (docs/export.md) -->
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="network.sources" for="graph" attr.name="sources" attr.type="string"/>
`
	for _, a := range actorAttrs {
		s += `  <key id="actor.` + a.name + `" for="node" attr.name="` + a.name + `" attr.type="` + a.typ + `"/>` + "\n"
	}
	for _, a := range relationAttrs {
		s += `  <key id="relation.` + a.name + `" for="edge" attr.name="` + a.name + `" attr.type="` + a.typ + `"/>` + "\n"
	}
	return s
}()
