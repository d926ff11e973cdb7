// Reads ecograph's schema as GraphiQL, codegen and graphql-inspector do:
// sends graphql-js's standard introspection query, builds a client schema
// from the answer and prints how many types it has. Exits 1 on any
// failure (refused query, errors in the answer, a schema that does not
// build).
//
//   node scripts/node/introspect.mjs http://127.0.0.1:8080/graphql
import { buildClientSchema, getIntrospectionQuery } from 'graphql';

const url = process.argv[2];
if (!url) {
  console.error('usage: node introspect.mjs URL (the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql)');
  process.exit(2);
}

try {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`status ${res.status}, the answer is not JSON: ${text.slice(0, 300)}`);
  }
  if (res.status !== 200 || body.errors?.length) {
    throw new Error(`status ${res.status}, errors: ${JSON.stringify(body.errors ?? [])}`);
  }
  const schema = buildClientSchema(body.data);
  const types = Object.keys(schema.getTypeMap());
  console.log(`types: ${types.length}`);
  console.log(`query type: ${schema.getQueryType()?.name}, mutation type: ${schema.getMutationType()?.name ?? 'none'}`);
} catch (err) {
  console.error(`introspection failed: ${err?.message ?? err}`);
  process.exit(1);
}
