// Writes the bench's generated network as an ecograph/v1 file, so that the
// real page can be tested on the very network the drawing libraries were
// measured with:
//
//   node web/bench/gen-file.mjs [actors] [relations] [seed] > network.json
//   go run . import network.json
//
// (5000, 20000 and 13 by default: the figures of docs/benchmarks.md.)
// For bigger networks with dates and citations, `ecograph generate` is the
// tool; this one only repeats the bench's network.
import { generateNetwork, COUNTRY_CODES } from "./gen.js";

const [actors = 5000, relations = 20000, seed = 13] = process.argv.slice(2).map(Number);
const net = generateNetwork({ actors, relations, seed });
const out = {
  format: "ecograph/v1",
  actors: net.actors.map((a) => {
    const rec = { id: a.id, kind: a.kind, name: a.name };
    if (a.kind === "COUNTRY") rec.isoCode = COUNTRY_CODES[a.community];
    else rec.country = a.country;
    return rec;
  }),
  relations: net.relations.map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to })),
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
