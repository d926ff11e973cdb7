// The explorer's state, kept in the page's URL so that a link shows
// another person the same picture: what is drawn, as of which day, what
// is hidden, what is selected and which path is highlighted.

export const KINDS = ["COUNTRY", "UNIVERSITY", "STARTUP", "ORGANIZATION", "GOVERNMENT_BODY", "EVENT", "PROGRAM"];
export const TYPES = [
  "LOCATED_IN", "FOUNDED", "PARTICIPATED_IN", "HOSTED", "ORGANIZED",
  "INVITED_TO", "OFFERS", "INTERESTED_IN", "NEGOTIATES_WITH", "PARTNERS_WITH",
];
export const MEASURES = ["DEGREE", "PAGERANK", "BETWEENNESS"];
export const LIMITS = [100, 500, 1000, 2000, 5000, 10000];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An id in the URL is at most the API's 256 bytes; a list at most 100.
const MAX_IDS = 100;

/** defaults is the state of a page opened without parameters. */
export function defaults() {
  return {
    overview: true, // draw the overview of the whole network
    limit: 1000, // the overview's limit
    measure: "DEGREE", // what sizes the actors
    colour: "community", // or "kind"
    asOf: "", // a day, or "" for the whole network
    added: [], // actors brought in by search
    expanded: [], // actors whose neighbours are drawn
    selected: "", // the actor whose panel is open
    path: null, // [from, to] of the highlighted shortest path
    hiddenKinds: [],
    hiddenTypes: [],
  };
}

function ids(v) {
  if (!v) return [];
  return [...new Set(v.split(",").map((s) => s.trim()).filter((s) => s && s.length <= 256))].slice(0, MAX_IDS);
}

function oneOf(list, v, fallback) {
  return list.includes(v) ? v : fallback;
}

/** parse reads a state from a query string, ignoring what it cannot use. */
export function parse(search) {
  const p = new URLSearchParams(search);
  const s = defaults();
  if (p.get("overview") === "0") s.overview = false;
  const limit = Number(p.get("limit"));
  if (LIMITS.includes(limit)) s.limit = limit;
  s.measure = oneOf(MEASURES, p.get("size"), s.measure);
  s.colour = oneOf(["community", "kind"], p.get("colour"), s.colour);
  const asOf = p.get("asOf") || "";
  if (DAY.test(asOf)) s.asOf = asOf;
  s.added = ids(p.get("add"));
  s.expanded = ids(p.get("expand"));
  const sel = ids(p.get("sel"));
  s.selected = sel[0] || "";
  const path = ids(p.get("path"));
  if (path.length === 2) s.path = path;
  s.hiddenKinds = ids(p.get("hideKinds")).filter((k) => KINDS.includes(k));
  s.hiddenTypes = ids(p.get("hideTypes")).filter((t) => TYPES.includes(t));
  return s;
}

/** format writes a state as a query string, leaving defaults out. */
export function format(s) {
  const d = defaults();
  const p = new URLSearchParams();
  if (!s.overview) p.set("overview", "0");
  if (s.limit !== d.limit) p.set("limit", String(s.limit));
  if (s.measure !== d.measure) p.set("size", s.measure);
  if (s.colour !== d.colour) p.set("colour", s.colour);
  if (s.asOf) p.set("asOf", s.asOf);
  if (s.added.length) p.set("add", s.added.join(","));
  if (s.expanded.length) p.set("expand", s.expanded.join(","));
  if (s.selected) p.set("sel", s.selected);
  if (s.path) p.set("path", s.path.join(","));
  if (s.hiddenKinds.length) p.set("hideKinds", s.hiddenKinds.join(","));
  if (s.hiddenTypes.length) p.set("hideTypes", s.hiddenTypes.join(","));
  const q = p.toString();
  return q ? "?" + q : "";
}
