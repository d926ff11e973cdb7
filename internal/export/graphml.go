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
	x := newXMLWriter(w)
	r := newRecords()
	firstSource := true
	p := &phases{enter: func(phase int) {
		switch phase {
		case phaseSources:
			x.raw(graphmlHead)
			x.raw(`  <graph id="ecograph" edgedefault="directed">` + "\n")
			x.raw(`    <data key="network.sources">[`)
		case phaseActors:
			x.raw("]</data>\n")
		case phaseEnd:
			x.raw("  </graph>\n</graphml>\n")
		}
	}}
	err := d.Dump(ctx, store.Visitor{
		Source: func(s *store.Source) error {
			p.to(phaseSources)
			x.record = `source "` + s.ID + `"`
			if !firstSource {
				x.raw(",")
			}
			firstSource = false
			x.chars("sources", r.source(s))
			return x.check(ctx)
		},
		Actor: func(a *store.Actor) error {
			p.to(phaseActors)
			x.record = `actor "` + a.ID + `"`
			x.raw(`    <node id="`)
			x.attr("id", a.ID)
			x.raw("\">\n")
			graphmlData(x, "actor.", actorAttrs, r.actor(a))
			x.raw("    </node>\n")
			return x.check(ctx)
		},
		Relation: func(rel *store.Relation) error {
			p.to(phaseRelations)
			x.record = `relation "` + rel.ID + `"`
			x.raw(`    <edge id="`)
			x.attr("id", rel.ID)
			x.raw(`" source="`)
			x.attr("from", rel.From)
			x.raw(`" target="`)
			x.attr("to", rel.To)
			x.raw("\">\n")
			graphmlData(x, "relation.", relationAttrs, r.relation(rel))
			x.raw("    </edge>\n")
			return x.check(ctx)
		},
	})
	if err != nil {
		return err
	}
	p.to(phaseEnd)
	return x.done()
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
