// How the scene looks: colours by community or kind, shapes by kind, and
// sizes by score. Every renderer and both exports read these.

// Kind colours and shapes: distinct in hue and, for those who do not see
// colour, in shape.
export const KIND_STYLE = {
  COUNTRY: { colour: "#8c6d31", shape: "hexagon" },
  UNIVERSITY: { colour: "#1f77b4", shape: "round-rectangle" },
  STARTUP: { colour: "#2ca02c", shape: "ellipse" },
  ORGANIZATION: { colour: "#9467bd", shape: "diamond" },
  GOVERNMENT_BODY: { colour: "#d62728", shape: "triangle" },
  EVENT: { colour: "#ff7f0e", shape: "star" },
  PROGRAM: { colour: "#17becf", shape: "tag" },
};

// A palette of 12 colours that stay apart from each other (Tableau 10 and
// two more), for communities.
const PALETTE = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
  "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#7570b3",
];
const UNKNOWN = "#a0a0a0";

// communityColours gives the largest communities their own colours, in
// order of size, so the main groups never share one; smaller ones share
// the palette by a hash of their id, which keeps a group's colour when
// the picture changes around it.
export function communityColours(actors) {
  const sizes = new Map();
  for (const a of actors) if (a.community) sizes.set(a.community, (sizes.get(a.community) || 0) + 1);
  const order = [...sizes.keys()].sort((x, y) => sizes.get(y) - sizes.get(x) || (x < y ? -1 : 1));
  const colours = new Map();
  order.forEach((c, i) => colours.set(c, i < PALETTE.length ? PALETTE[i] : PALETTE[hash(c) % PALETTE.length]));
  return colours;
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * colourOf is actor a's fill colour in the given mode. An actor whose
 * community is unknown (one drawn without the overview) takes its kind's
 * colour.
 */
export function colourOf(a, mode, communities) {
  if (mode === "community" && a.community && communities.has(a.community)) return communities.get(a.community);
  return (KIND_STYLE[a.kind] || {}).colour || UNKNOWN;
}

/** sizer maps scores to diameters in pixels: the square root of the share of the largest score. */
export function sizer(actors) {
  let most = 0;
  for (const a of actors) if (a.score > most) most = a.score;
  return (a) => (a.score === undefined || most === 0 ? 14 : 12 + 36 * Math.sqrt(a.score / most));
}

export const HIGHLIGHT = "#ffbf00";
