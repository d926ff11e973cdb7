// The peer of bench/compare: @neo4j/graphql 7 on Apollo Server, over the
// graph exactly as ecograph's Neo4j store lays it out
// (internal/store/neo4j/store.go's package comment): (:Actor:<Kind>) nodes
// with their id, kind, name and sortKey properties, and relationships
// typed as ecograph's RelationType, carrying id, since, until and note.
// The :Name nodes (ecograph's search terms) are not mapped: the peer has
// no search of its own.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=… \
//     PEER_PORT=4000 node server.mjs
//
// It listens on 127.0.0.1 only and prints "peer: ready <url>" when it
// answers. node server.mjs --print-schema prints the schema the library
// generates from typeDefs, and exits.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { printSchema } from "graphql";
import neo4j from "neo4j-driver";

// The actor's properties, as internal/store/neo4j/codec.go's actorProps
// writes them; each kind's own ones on its type only. Dates are kept as
// ecograph writes them, strings such as "2024-06" (a partial date).
const actorFields = `
  id: ID!
  kind: String!
  name: String!
  sortKey: String!
  aliases: [String!]
  description: String
  country: String
  namesValue: [String!]
  namesLang: [String!]
  citeSource: [String!]
  citeExcerpt: [String!]`;

// The relationships the bench's operations follow, seen from each end:
// every actor but a country is LOCATED_IN one; actors take part in events;
// universities (and others)
// found startups, organisations and programmes; PARTNERS_WITH joins any
// two actors (the writes make it). Each targets the narrowest type
// ecograph's validation allows (internal/store/validate.go's targets): a
// country, the Foundable interface of the three kinds that can be
// founded, or any Actor, as ecograph's Relation.to. The peer reads an
// interface target with a UNION branch per type that implements it.
const foundable = ["Startup", "Organization", "Program"];
const outgoing = `
  locatedIn: [Country!]! @relationship(type: "LOCATED_IN", direction: OUT, properties: "Rel")
  foundedActors: [Foundable!]! @relationship(type: "FOUNDED", direction: OUT, properties: "Rel")
  partnersWith: [Actor!]! @relationship(type: "PARTNERS_WITH", direction: OUT, properties: "Rel")`;

const kinds = [
  ["Country", "isoCode: String"],
  ["University", ""],
  ["Startup", "founded: String"],
  ["Organization", "category: String"],
  ["GovernmentBody", ""],
  ["Event", "startDate: String\n  endDate: String\n  online: Boolean"],
  ["Program", ""],
];

function typeDef([name, own]) {
  let rels = name === "Country"
    ? `locatedHere: [Actor!]! @relationship(type: "LOCATED_IN", direction: IN, properties: "Rel")
  partnersWith: [Actor!]! @relationship(type: "PARTNERS_WITH", direction: OUT, properties: "Rel")`
    : outgoing;
  if (name === "Event") {
    rels += `
  participants: [Actor!]! @relationship(type: "PARTICIPATED_IN", direction: IN, properties: "Rel")`;
  }
  const ifaces = foundable.includes(name) ? "Actor & Foundable" : "Actor";
  return `type ${name} implements ${ifaces} @node(labels: ["${name}", "Actor"]) {${actorFields}
  ${own}
  ${rels}
}`;
}

export const typeDefs = `
interface Actor {${actorFields}
}

interface Foundable {${actorFields}
}

type Rel @relationshipProperties {
  id: ID!
  since: String
  until: String
  note: String
  citeSource: [String!]
  citeExcerpt: [String!]
}

${kinds.map(typeDef).join("\n\n")}
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
  { maxConnectionPoolSize: 50 },
);
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();

if (process.argv.includes("--print-schema")) {
  console.log(printSchema(schema));
  await driver.close();
  process.exit(0);
}

const port = Number(process.env.PEER_PORT ?? 4000);
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async () => ({}),
});
console.log(`peer: ready ${url}`);

for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
