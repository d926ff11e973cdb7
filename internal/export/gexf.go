package export

import (
	"context"
	"io"

	"github.com/ecograph/ecograph/internal/store"
)

// GEXF writes the network d dumps as a GEXF 1.3 document, the format Gephi
// reads best: a node per actor (labelled with its name) and a directed
// edge per relation (labelled with its type), with their ids, and every
// field as an attribute declared up front (ids and titles "kind",
// "name", ...). Aliases are a liststring, names and citations JSON text,
// dates ISO text at their own precision. The sources, as a JSON list, are
// the document's meta description.
//
// The graph is dynamic (timeformat="date"), timed as the API's asOf
// arguments see the network: an event is there from its start date and
// a startup from its founding (store.Begins), a relation from the first
// day of its since to the last day of its until ("2024-06" starts on
// 2024-06-01 and ends on 2024-06-30). Gephi shows an edge only while both
// its nodes are there, which makes its span store.RelationSpan.
func GEXF(ctx context.Context, w io.Writer, d store.Dumper) error {
	return stream(ctx, w, d, layout{
		enter: [...]string{
			store.PartSources:   gexfHead + "  <meta>\n    <creator>ecograph</creator>\n    <description>[",
			store.PartActors:    "]</description>\n  </meta>\n" + gexfGraph + "    <nodes>\n",
			store.PartRelations: "    </nodes>\n    <edges>\n",
			store.PartEnd:       "    </edges>\n  </graph>\n</gexf>\n",
		},
		sources: (*xmlWriter).chars,
		actor: func(x *xmlWriter, a *store.Actor, vals []value) {
			x.raw(`      <node id="`)
			x.attr("id", a.ID)
			x.raw(`" label="`)
			x.attr("name", a.Name)
			if begins := store.Begins(a); begins != store.Always {
				x.raw(`" start="` + day(begins))
			}
			x.raw("\">\n")
			gexfValues(x, vals, actorAttrs)
			x.raw("      </node>\n")
		},
		relation: func(x *xmlWriter, rel *store.Relation, vals []value) {
			x.raw(`      <edge`)
			edgeEnds(x, rel)
			x.raw(` label="` + string(rel.Type))
			if !rel.Since.IsZero() {
				x.raw(`" start="` + day(rel.Since.FirstDay()))
			}
			if !rel.Until.IsZero() {
				x.raw(`" end="` + day(rel.Until.LastDay()))
			}
			x.raw("\">\n")
			gexfValues(x, vals, relationAttrs)
			x.raw("      </edge>\n")
		},
	})
}

func gexfValues(x *xmlWriter, vals []value, attrs []attr) {
	if len(vals) == 0 {
		return
	}
	x.raw("        <attvalues>\n")
	for _, v := range vals {
		name := attrs[v.attr].name
		x.raw(`          <attvalue for="` + name + `" value="`)
		x.attr(name, v.text)
		x.raw("\"/>\n")
	}
	x.raw("        </attvalues>\n")
}

const gexfHead = `<?xml version="1.0" encoding="UTF-8"?>
<!-- ecograph network: actors are nodes, relations are edges; names and citations are JSON text, the meta description the sources as JSON (docs/export.md) -->
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
`

// gexfGraph opens the graph and declares every attribute; aliases are
// GEXF's own list of strings.
var gexfGraph = func() string {
	s := `  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">` + "\n"
	declare := func(class string, attrs []attr, list int) {
		s += `    <attributes class="` + class + "\">\n"
		for i, a := range attrs {
			typ := a.typ
			if i == list {
				typ = "liststring"
			}
			s += `      <attribute id="` + a.name + `" title="` + a.name + `" type="` + typ + `"/>` + "\n"
		}
		s += "    </attributes>\n"
	}
	declare("node", actorAttrs, actorAliases)
	declare("edge", relationAttrs, -1)
	return s
}()
