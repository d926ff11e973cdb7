// The side panel: everything the API knows of one actor, every fact with
// its citations, and what can be done from it (expand, paths).

import { el, label, language } from "./dom.js";

/**
 * renderActor fills box with actor a (the answer of api.ACTOR). actions
 * gives the panel's buttons their work: expand(id), collapse(id),
 * pathFrom(id), pathTo(id), select(id); state says which apply.
 */
export function renderActor(box, a, { expanded, pathStart }, actions) {
  box.replaceChildren();
  box.append(
    el("p", { class: "kind kind-" + a.kind, "data-field": "kind" }, label(a.kind)),
    el("h2", { id: "panel-title", "data-field": "name" }, a.name),
  );
  if (a.description) box.append(el("p", { class: "description", "data-field": "description" }, a.description));

  const buttons = el("div", { class: "actions" },
    expanded
      ? el("button", { type: "button", "data-action": "collapse", onclick: () => actions.collapse(a.id) }, "Hide neighbours")
      : el("button", { type: "button", "data-action": "expand", onclick: () => actions.expand(a.id) }, "Expand neighbours"),
    el("button", { type: "button", "data-action": "path-from", onclick: () => actions.pathFrom(a.id) }, "Path from here"),
    pathStart && pathStart !== a.id
      ? el("button", { type: "button", "data-action": "path-to", onclick: () => actions.pathTo(a.id) }, "Path to here")
      : null,
  );
  box.append(buttons);

  const facts = el("dl", { class: "facts" });
  const fact = (name, value, field) => {
    if (value === null || value === undefined || value === "") return;
    facts.append(el("dt", {}, name), el("dd", { "data-field": field }, value));
  };
  fact("Id", a.id, "id");
  if (a.country) {
    fact("Country", el("button", { type: "button", class: "link", onclick: () => actions.select(a.country.id) }, a.country.name), "country");
  }
  fact("Founded", a.founded, "founded");
  fact("Starts", a.startDate, "startDate");
  fact("Ends", a.endDate, "endDate");
  if (a.online !== undefined && a.online !== null) fact("Online", a.online ? "yes" : "no", "online");
  fact("Category", a.category, "category");
  fact("ISO code", a.isoCode, "isoCode");
  box.append(facts);

  box.append(el("h3", {}, "Names"));
  box.append(el("ul", { class: "names", "data-field": "names" },
    a.names.map((n) => el("li", { lang: n.lang || undefined }, el("span", { class: "value" }, n.value), " ", el("span", { class: "lang" }, language(n.lang)))),
  ));
  if (a.aliases.length) {
    box.append(el("h3", {}, "Aliases"));
    box.append(el("ul", { class: "aliases", "data-field": "aliases" }, a.aliases.map((x) => el("li", {}, x))));
  }

  box.append(el("h3", {}, "Sources"));
  box.append(citations(a.citations, "citations"));

  const rels = a.relations;
  box.append(el("h3", {}, `Relations (${rels.totalCount})`));
  box.append(el("ul", { class: "relations", "data-field": "relations" },
    rels.edges.map((e) => {
      const r = e.node;
      const dates = [r.since && `since ${r.since}`, r.until && `until ${r.until}`].filter(Boolean).join(", ");
      const other = el("button", { type: "button", class: "link", onclick: () => actions.select(e.other.id) }, e.other.name);
      const line = e.direction === "OUT"
        ? [label(r.type), " ", other]
        : [other, " ", label(r.type), " this"];
      return el("li", { "data-relation": r.id },
        el("div", {}, ...line, dates ? el("span", { class: "dates" }, ` (${dates})`) : null),
        r.note ? el("p", { class: "note" }, r.note) : null,
        el("details", {}, el("summary", {}, `${r.citations.length} source${r.citations.length === 1 ? "" : "s"}`), citations(r.citations)),
      );
    }),
  ));
  if (rels.totalCount > rels.edges.length) {
    box.append(el("p", { class: "hint" }, `The first ${rels.edges.length} of ${rels.totalCount} are listed; GraphiQL pages through the rest.`));
  }
}

function citations(list, field) {
  return el("ul", { class: "citations", "data-field": field },
    list.map((c) => el("li", {},
      el("blockquote", { class: "excerpt" }, c.excerpt || "(no excerpt recorded)"),
      el("p", { class: "source" },
        httpURL(c.source.url)
          ? el("a", { href: httpURL(c.source.url), rel: "noopener noreferrer", target: "_blank" }, c.source.title)
          : el("cite", {}, c.source.title),
        c.source.published ? `, ${c.source.published}` : ""),
    )),
  );
}

// httpURL is url when it is an http or https address, else "": a source's
// url is data, and a javascript: link must not become clickable.
function httpURL(url) {
  if (!url) return "";
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
  } catch {
    return "";
  }
}
