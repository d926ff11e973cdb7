// The scene is what the page draws for a state: the overview (when on),
// the actors search brought in, the neighbours of the expanded actors
// and the highlighted path, each as the API gives them as of the state's
// day. load asks for all of it at once; a part that fails is reported
// and left out, and the rest is drawn.

import { gql, OVERVIEW, NEIGHBORHOOD, ACTORS, PATH } from "./api.js";

/**
 * begins is the first day (YYYY-MM-DD) actor a is in the network, or ""
 * when it always has been: the API's rule (docs/analytics.md, "The
 * network as of a day"): an event from its start date, a startup from its
 * founding, a partial date from its first day.
 */
export function begins(a) {
  const d = a.startDate || a.founded || "";
  return d && (d + "-01-01").slice(0, 10);
}

/**
 * load reads the scene of state s. It returns
 *   { actors: Map id → actor, relations: Map id → relation,
 *     path: { actors: [ids], relations: [ids], length } | null | "none",
 *     truncated, problems: [messages] }
 * where an actor is { id, kind, name, score, community } (score and
 * community only from the overview) and a relation { id, type, from, to }.
 */
export async function load(s, signal) {
  const asOf = s.asOf || null;
  const actors = new Map();
  const relations = new Map();
  const problems = [];
  let truncated = false;

  const addActor = (a) => {
    const had = actors.get(a.id);
    actors.set(a.id, had ? { ...had, ...a, score: a.score ?? had.score, community: a.community ?? had.community } : a);
  };
  const addRelation = (r) => {
    relations.set(r.id, {
      id: r.id,
      type: r.type,
      from: typeof r.from === "string" ? r.from : r.from.id,
      to: typeof r.to === "string" ? r.to : r.to.id,
    });
  };
  // notYet keeps out an actor the API gives whatever the day (a
  // neighbourhood's centre, an actor by id) on a day before it begins,
  // and says so.
  const late = new Set();
  const notYet = (a) => {
    const b = asOf && begins(a);
    if (!b || b <= asOf) return false;
    if (!late.has(a.id)) problems.push(`${a.name} begins on ${a.startDate || a.founded}, after ${asOf}: it is not drawn.`);
    late.add(a.id);
    return true;
  };
  const part = async (what, run) => {
    try {
      return await run();
    } catch (err) {
      if (err.name === "AbortError") throw err;
      problems.push(`${what}: ${err.message}`);
      return null;
    }
  };

  const jobs = [];
  if (s.overview) {
    jobs.push(part("The overview", async () => {
      const d = await gql(OVERVIEW, { asOf, measure: s.measure, limit: s.limit }, signal);
      return () => {
        truncated ||= d.overview.truncated;
        d.overview.actors.forEach(addActor);
        d.overview.relations.forEach(addRelation);
      };
    }));
  }
  for (const id of s.expanded) {
    jobs.push(part(`The neighbours of ${id}`, async () => {
      const d = await gql(NEIGHBORHOOD, { id, asOf }, signal);
      return () => {
        truncated ||= d.neighborhood.truncated;
        for (const a of d.neighborhood.actors) {
          if (!notYet(a)) addActor({ id: a.id, kind: a.kind, name: a.name });
        }
        d.neighborhood.relations.forEach(addRelation);
      };
    }));
  }
  if (s.added.length) {
    jobs.push(part("The actors found by search", async () => {
      const d = await gql(ACTORS, { ids: s.added }, signal);
      return () => {
        d.nodes.forEach((a, i) => {
          if (a && a.id) {
            if (!notYet(a)) addActor({ id: a.id, kind: a.kind, name: a.name });
          } else problems.push(`There is no actor ${s.added[i]}.`);
        });
      };
    }));
  }
  let path = null;
  if (s.path) {
    jobs.push(part("The shortest path", async () => {
      const d = await gql(PATH, { from: s.path[0], to: s.path[1], asOf }, signal);
      return () => {
        const p = d.shortestPath;
        if (!p) {
          path = "none";
          return;
        }
        p.actors.forEach((a) => addActor({ id: a.id, kind: a.kind, name: a.name }));
        p.relations.forEach(addRelation);
        path = { actors: p.actors.map((a) => a.id), relations: p.relations.map((r) => r.id), length: p.length };
      };
    }));
  }
  // Merged in a fixed order, so that the same state always gives the
  // same scene whatever answer came first.
  for (const apply of await Promise.all(jobs)) {
    if (apply) apply();
  }
  // A relation is drawn only between two drawn actors: a neighbourhood
  // gives none other, but one of its ends may have been left out.
  for (const [id, r] of relations) {
    if (!actors.has(r.from) || !actors.has(r.to)) relations.delete(id);
  }
  return { actors, relations, path, truncated, problems };
}
