// Subscribes to ecograph's live changes with the real npm clients, as a
// frontend would, and prints what it received as JSON for the Go test
// (api_live_node_test.go) to check:
//
//   node live.mjs scenario URL ws|sse KEY PREFIX
//     subscribes to changes (and to actorChanged and relationChanged with
//     filters), writes through the API, disconnects, writes again,
//     reconnects with the last cursor it got, writes once more;
//   node live.mjs expired URL ws|sse CURSOR
//     subscribes after a cursor the feed no longer holds;
//   node live.mjs origin URL ORIGIN
//     opens a websocket as a page of ORIGIN would.
//
// graphql-ws's client speaks graphql-transport-ws over the ws package;
// graphql-sse's speaks its distinct connections mode over Node's fetch.
import { createClient as createWSClient } from 'graphql-ws';
import { createClient as createSSEClient } from 'graphql-sse';
import WebSocket from 'ws';

const [mode, url, ...args] = process.argv.slice(2);
const timeoutMs = 15000;

const changeFields = `cursor operation itemType itemId committedAt
  author { role subject }
  item {
    __typename id
    ... on Actor { kind name description }
    ... on Relation { type from { id } to { id } }
  }`;

// client opens a client of the given transport; neither retries, so that
// a disconnect is one.
function client(transport) {
  if (transport === 'ws') {
    return createWSClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  }
  return createSSEClient({ url, retryAttempts: 0 });
}

// subscribe starts an operation and collects what it yields.
function subscribe(c, query, variables) {
  const sub = { events: [], errors: [], completed: false, failed: null };
  sub.dispose = c.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) sub.errors.push(...result.errors);
        if (result.data) sub.events.push(Object.values(result.data)[0]);
      },
      error: (err) => {
        sub.failed = err instanceof Error ? err.message : Array.isArray(err) ? err : String(err?.reason ?? err?.code ?? err);
        if (Array.isArray(err)) sub.errors.push(...err);
      },
      complete: () => {
        sub.completed = true;
      },
    },
  );
  return sub;
}

async function until(what, ok) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitEvents(sub, n, what) {
  await until(`${n} events of ${what} (got ${sub.events.length}, errors ${JSON.stringify(sub.errors)}, failed ${JSON.stringify(sub.failed)})`,
    () => sub.events.length >= n || sub.errors.length > 0 || sub.failed !== null);
  if (sub.errors.length > 0 || sub.failed !== null) {
    throw new Error(`${what} failed: ${JSON.stringify(sub.errors)} ${JSON.stringify(sub.failed)}`);
  }
}

// graphql sends one operation over plain HTTP, as any client would.
async function graphql(query, variables, key) {
  const headers = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// head is the feed's newest cursor: an empty page's end.
async function head() {
  const { changes } = await graphql('{ changes(first: 0) { pageInfo { endCursor } } }');
  return changes.pageInfo.endCursor;
}

async function scenario(transport, key, prefix) {
  const a = `${prefix}-a`;
  const b = `${prefix}-b`;
  const write = (query, variables) => graphql(query, variables, key);
  const start = await head();

  // Phase 1: subscribed, three writes.
  let c = client(transport);
  const all = subscribe(c, `subscription($after: String) { changes(after: $after) { ${changeFields} } }`, { after: start });
  const actors = subscribe(c, `subscription($after: String, $ids: [ID!]) { actorChanged(ids: $ids, kinds: [STARTUP], after: $after) { ${changeFields} } }`, { after: start, ids: [a] });
  const relations = subscribe(c, `subscription($after: String, $id: ID) { relationChanged(actorId: $id, types: [FOUNDED], after: $after) { ${changeFields} } }`, { after: start, id: a });
  await write('mutation($id: ID!) { createActor(input: {id: $id, kind: STARTUP, name: "Live Startup"}) { id } }', { id: a });
  await write('mutation($id: ID!) { updateActor(id: $id, input: {name: "Live Startup renamed"}) { id } }', { id: a });
  const { createRelation } = await write(
    'mutation($to: ID!) { createRelation(input: {type: FOUNDED, from: "soonchunhyang-university", to: $to}) { id } }', { to: a });
  await waitEvents(all, 3, 'changes');
  await waitEvents(actors, 2, 'actorChanged');
  await waitEvents(relations, 1, 'relationChanged');
  // Anything more would have come by now with the writes' events.
  await new Promise((r) => setTimeout(r, 300));
  const phase1 = { all: [...all.events], actors: [...actors.events], relations: [...relations.events] };
  for (const s of [all, actors, relations]) s.dispose();
  await c.dispose();

  // Phase 2: disconnected, three writes missed.
  await write('mutation($id: ID!) { createActor(input: {id: $id, kind: UNIVERSITY, name: "Live University"}) { id } }', { id: b });
  await write('mutation($id: ID!) { deleteRelation(id: $id) }', { id: createRelation.id });
  await write('mutation($id: ID!) { updateActor(id: $id, input: {description: "Founded live"}) { id } }', { id: a });

  // Phase 3: back with the last cursor: the missed writes, then a new one.
  const last = phase1.all[phase1.all.length - 1].cursor;
  c = client(transport);
  const again = subscribe(c, `subscription($after: String) { changes(after: $after) { ${changeFields} } }`, { after: last });
  await waitEvents(again, 3, 'changes after reconnecting');
  await write('mutation($id: ID!) { deleteActor(id: $id) }', { id: b });
  await waitEvents(again, 4, 'changes after reconnecting');
  await new Promise((r) => setTimeout(r, 300));
  again.dispose();
  await c.dispose();
  return { start, relation: createRelation.id, phase1, reconnected: again.events };
}

async function expired(transport, cursor) {
  const c = client(transport);
  const sub = subscribe(c, `subscription($after: String) { changes(after: $after) { cursor } }`, { after: cursor });
  await until('an error', () => sub.errors.length > 0 || sub.failed !== null || sub.completed);
  await new Promise((r) => setTimeout(r, 100));
  sub.dispose();
  await c.dispose();
  return { events: sub.events, errors: sub.errors, failed: sub.failed };
}

// origin opens a websocket with the given Origin header and says whether
// the server upgraded it, or with what status it refused.
function origin(from) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { origin: from });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ opened: false, status: res.statusCode, body: JSON.parse(body) });
      });
    });
    ws.on('error', (err) => resolve({ opened: false, error: err.message }));
  });
}

let out;
switch (mode) {
  case 'scenario':
    out = await scenario(args[0], args[1], args[2]);
    break;
  case 'expired':
    out = await expired(args[0], args[1]);
    break;
  case 'origin':
    out = await origin(args[0]);
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify(out));
// A keep-alive socket or a client's timer must not hold the process.
process.exit(0);
