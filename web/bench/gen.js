// A generated ecosystem network with the shape of ecograph's data: actors
// of ecograph's kinds (ActorKind) joined by relations of its types
// (RelationType), as the API's neighborhood query gives them
// ({actors: [{id, kind, name}], relations: [{id, type, from, to}]}), plus
// what the graph view adds from the analytics API: a community (about 8)
// and a degree-like size. Positions come precomputed (one cloud per
// community) so that a preset layout draws it at once.
//
// It is deterministic: the same seed gives the same network, in every
// browser and in Node, so every library draws the same picture and the
// explorer's 5,000-actor test can reuse it.

// Kinds in the proportions of a real ecosystem map: many startups, fewer
// universities and programmes. Countries are apart: one per community.
const KINDS = [
  ["STARTUP", 0.46],
  ["ORGANIZATION", 0.16],
  ["UNIVERSITY", 0.1],
  ["EVENT", 0.12],
  ["PROGRAM", 0.11],
  ["GOVERNMENT_BODY", 0.05],
];

/** ISO 3166-1 codes for the communities' countries, in order. */
export const COUNTRY_CODES = ["UZ", "KR", "KZ", "KG", "TJ", "DE", "US", "JP", "FR", "GB", "IN", "TR"];

// The relation type follows the far end's kind, as ecograph's rules
// (internal/store/validate.go) want: LOCATED_IN points to a country, FOUNDED
// to a startup, PARTICIPATED_IN and HOSTED to an event or programme, OFFERS
// to a programme.
function relationType(rand, toKind) {
  switch (toKind) {
    case "COUNTRY":
      return "LOCATED_IN";
    case "STARTUP":
      return rand() < 0.7 ? "FOUNDED" : "PARTNERS_WITH";
    case "EVENT":
      return rand() < 0.75 ? "PARTICIPATED_IN" : "HOSTED";
    case "PROGRAM":
      return rand() < 0.6 ? "PARTICIPATED_IN" : "OFFERS";
    default:
      return rand() < 0.6 ? "PARTNERS_WITH" : "INTERESTED_IN";
  }
}

/** The relation types the generator uses, for a legend or a filter. */
export const RELATION_TYPES = [
  "LOCATED_IN",
  "FOUNDED",
  "PARTNERS_WITH",
  "PARTICIPATED_IN",
  "HOSTED",
  "OFFERS",
  "INTERESTED_IN",
];

/** One colour per community (Okabe-Ito, then two greys), for the benches. */
export const COMMUNITY_COLOURS = [
  "#0072b2", "#e69f00", "#009e73", "#cc79a7",
  "#56b4e9", "#d55e00", "#f0e442", "#666666",
];

/** One colour per relation type. */
export const RELATION_COLOURS = {
  LOCATED_IN: "#d0d0d0",
  FOUNDED: "#9ecae1",
  PARTNERS_WITH: "#fdae6b",
  PARTICIPATED_IN: "#a1d99b",
  HOSTED: "#bcbddc",
  OFFERS: "#fc9272",
  INTERESTED_IN: "#e0c080",
};

const SYLLABLES = ["an", "bek", "chi", "dor", "el", "fa", "gul", "hay", "is", "jon",
  "ka", "lor", "mun", "nur", "o", "pa", "qi", "ras", "sam", "tash", "u", "vek",
  "xan", "yo", "zar"];
const SUFFIX = {
  STARTUP: ["Labs", "Tech", "AI", "Pay", "Soft", "Bio"],
  ORGANIZATION: ["Park", "Fund", "Association", "Hub"],
  UNIVERSITY: ["University", "Institute", "School"],
  EVENT: ["Forum", "Demo Day", "Summit", "Week"],
  PROGRAM: ["Accelerator", "Grant", "Incubator"],
  GOVERNMENT_BODY: ["Ministry", "Agency", "Committee"],
  COUNTRY: ["stan", "ia", "land"],
};

// mulberry32: a small, fast, seedable generator (the same numbers
// everywhere, unlike Math.random).
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand, weighted) {
  let r = rand();
  for (const [v, w] of weighted) {
    if ((r -= w) < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

function gaussian(rand) {
  // Box-Muller; 1 - rand() keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function name(rand, kind, i) {
  const n = 2 + Math.floor(rand() * 2);
  let s = "";
  for (let k = 0; k < n; k++) s += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  s = s[0].toUpperCase() + s.slice(1);
  const suffixes = SUFFIX[kind];
  const suffix = suffixes[Math.floor(rand() * suffixes.length)];
  // The index keeps names unique, as a search test needs.
  return kind === "COUNTRY" ? `${s}${suffix} ${i}` : `${s} ${suffix} ${i}`;
}

/**
 * generateNetwork gives {actors, relations}: `actors` actors in `communities`
 * communities and `relations` relations, from `seed`.
 *
 * An actor is {id, kind, name, country, community, degree, size, x, y}
 * (country: the id of its community's country; countries are the first
 * `communities` actors, at most 12); a relation is
 * {id, type, from, to}. Relations stay inside the actor's community 85% of
 * the time and favour actors that already have many (preferential
 * attachment), so degrees are skewed as in a real network; there are no
 * self-loops and no duplicate (from, to, type).
 */
export function generateNetwork({ actors = 5000, relations = 20000, communities = 8, seed = 13 } = {}) {
  if (communities > COUNTRY_CODES.length) throw new Error(`communities: ${communities}; at most ${COUNTRY_CODES.length}`);
  const rand = mulberry32(seed);
  const nodes = [];
  const byCommunity = Array.from({ length: communities }, () => []);
  const countries = [];
  // Community centres on a circle; members in a Gaussian cloud round it.
  const radius = Math.sqrt(actors) * 12;
  for (let i = 0; i < actors; i++) {
    // The first actors are countries, one per community at least.
    const kind = i < communities ? "COUNTRY" : pick(rand, KINDS);
    const community = i < communities ? i : Math.floor(rand() * communities);
    const angle = (2 * Math.PI * community) / communities;
    const spread = radius * 0.35;
    const node = {
      id: `a${i}`,
      kind,
      name: name(rand, kind, i),
      country: kind === "COUNTRY" ? undefined : `a${community}`,
      community,
      degree: 0,
      size: 0,
      x: Math.cos(angle) * radius + gaussian(rand) * spread,
      y: Math.sin(angle) * radius + gaussian(rand) * spread,
    };
    nodes.push(node);
    byCommunity[community].push(i);
    if (kind === "COUNTRY") countries.push(i);
  }

  const edges = [];
  const seen = new Set();
  // Endpoints of the relations made so far: picking from it favours actors
  // with many relations (preferential attachment).
  const ends = [];
  let attempts = 0;
  while (edges.length < relations && attempts < relations * 20) {
    attempts++;
    const from = Math.floor(rand() * actors);
    const c = nodes[from].community;
    let to;
    const r = rand();
    if (r < 0.08) {
      to = countries[Math.floor(rand() * countries.length)];
    } else if (r < 0.5 && ends.length > 0) {
      to = ends[Math.floor(rand() * ends.length)];
      if (nodes[to].community !== c && rand() < 0.8) continue;
    } else if (rand() < 0.85) {
      const members = byCommunity[c];
      to = members[Math.floor(rand() * members.length)];
    } else {
      to = Math.floor(rand() * actors);
    }
    if (to === from || (nodes[from].kind === "COUNTRY" && nodes[to].kind === "COUNTRY")) continue;
    const type = relationType(rand, nodes[to].kind);
    const key = `${from}>${to}>${type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: `r${edges.length}`, type, from: nodes[from].id, to: nodes[to].id });
    nodes[from].degree++;
    nodes[to].degree++;
    ends.push(from, to);
  }
  for (const n of nodes) {
    // A degree-like size, as the analytics API's centrality would give.
    n.size = Math.round((3 + 2.2 * Math.sqrt(n.degree)) * 10) / 10;
  }
  return { actors: nodes, relations: edges };
}
