// The explorer's GraphQL client: every read of the page goes through gql,
// POSTed to /graphql on this server. Nothing is asked of any other host.

/** APIError is a refusal or failure, with a message fit to show. */
export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "APIError";
    this.code = code || "";
  }
}

/**
 * gql runs one query and returns its data, or throws an APIError naming
 * what went wrong: the server's own messages, the HTTP status, or the
 * network.
 */
export async function gql(query, variables = {}, signal) {
  let res;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new APIError("The server cannot be reached: " + err.message, "NETWORK");
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`The server answered ${res.status} without a GraphQL answer.`, "HTTP");
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    throw new APIError(body.errors.map((x) => x.message).join("; "), e.extensions && e.extensions.code);
  }
  if (!res.ok || !body.data) {
    throw new APIError(`The server answered ${res.status}.`, "HTTP");
  }
  return body.data;
}

// The queries the page sends. Each asks only for what it draws or shows.

// BEGINS asks for the dates an actor begins on (see scene.js's begins):
// the API gives the centre of a neighbourhood, and any actor by id,
// whatever the day.
const BEGINS = `fragment Begins on Actor {
  ... on Event { startDate }
  ... on Startup { founded }
}`;

export const OVERVIEW = `query Overview($asOf: Date, $measure: CentralityMeasure, $limit: Int) {
  overview(asOf: $asOf, measure: $measure, limit: $limit) {
    truncated
    actors { id kind name score community }
    relations { id type from to }
  }
}`;

export const NEIGHBORHOOD = `query Neighborhood($id: ID!, $asOf: Date) {
  neighborhood(id: $id, depth: 1, asOf: $asOf, limit: 500) {
    truncated
    actors { id kind name ...Begins }
    relations { id type from { id } to { id } }
  }
}
${BEGINS}`;

export const ACTORS = `query Actors($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Actor { id kind name ...Begins }
  }
}
${BEGINS}`;

export const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 8) {
    score
    matched
    actor { id kind name country { name } }
  }
}`;

export const PATH = `query Path($from: ID!, $to: ID!, $asOf: Date) {
  shortestPath(from: $from, to: $to, asOf: $asOf) {
    length
    actors { id kind name }
    relations { id type from { id } to { id } }
  }
}`;

export const ACTOR = `query Actor($id: ID!) {
  actor(id: $id) {
    id
    kind
    name
    names { value lang }
    aliases
    description
    country { id name }
    ... on Startup { founded }
    ... on Event { startDate endDate online }
    ... on Organization { category }
    ... on Country { isoCode }
    citations { excerpt source { id title url published } }
    relations(first: 100) {
      totalCount
      edges {
        direction
        node {
          id
          type
          since
          until
          note
          citations { excerpt source { id title url published } }
        }
        other { id kind name }
      }
    }
  }
}`;
