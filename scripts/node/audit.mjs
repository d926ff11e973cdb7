// Runs the graphql-http server audit (the GraphQL-over-HTTP spec's checks)
// against a running ecograph and prints one line per audit. Exits 1 when
// any audit is an error or a warning, 2 when the audit cannot run.
//
//   node scripts/node/audit.mjs http://127.0.0.1:8080/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL (the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql)');
  process.exit(2);
}

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`the audit could not run against ${url}: ${err?.message ?? err}`);
  process.exit(2);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status] = (counts[r.status] ?? 0) + 1;
  let line = `${r.status.toUpperCase().padEnd(6)} ${r.id} ${r.name}`;
  if (r.status !== 'ok') {
    let body = '';
    try {
      body = await r.response.text();
    } catch {
      // The body was read by the audit already; the reason says enough.
    }
    line += `\n       reason: ${r.reason}\n       response: ${r.response.status} ${r.response.headers.get('content-type') ?? ''} ${body.slice(0, 300)}`;
  }
  console.log(line);
}
console.log(`${counts.ok} ok, ${counts.notice} notices, ${counts.warn} warnings, ${counts.error} errors`);
process.exit(counts.warn + counts.error > 0 ? 1 : 0);
