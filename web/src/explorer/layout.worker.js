// The layout worker: ForceAtlas2 (graphology-layout-forceatlas2, with
// Barnes-Hut above 2,000 actors) run off the page's thread, so that the
// page keeps answering while thousands of actors find their places. It
// posts the positions as they settle, a few times a second, and once more
// when done.
//
// A message in: { run, xy: Float32Array(2n), fixed: Uint8Array(n),
// edges: Uint32Array(2m) of actor indexes, iterations }. Messages out:
// { run, xy, done }. A new run ends the one before.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import helpers from "graphology-layout-forceatlas2/helpers.js";
import DEFAULTS from "graphology-layout-forceatlas2/defaults.js";

const PPN = 10; // values per actor in the layout's matrix; x and y first
const POST_EVERY_MS = 200;

let current = 0;

self.onmessage = (e) => {
  current = e.data.run;
  layout(e.data);
};

function layout({ run, xy, fixed, edges, iterations }) {
  const n = fixed.length;
  const g = new Graph({ multi: true, allowSelfLoops: false, type: "undirected" });
  for (let i = 0; i < n; i++) g.addNode(i, { x: xy[2 * i], y: xy[2 * i + 1], fixed: fixed[i] === 1 });
  for (let j = 0; j < edges.length; j += 2) {
    if (edges[j] !== edges[j + 1]) g.addEdge(edges[j], edges[j + 1]);
  }
  const m = helpers.graphToByteArrays(g, () => 1);
  const settings = { ...DEFAULTS, ...forceAtlas2.inferSettings(n), linLogMode: true, outboundAttractionDistribution: true };
  let done = 0;
  const step = () => {
    if (run !== current) return; // a newer run took over
    const until = performance.now() + POST_EVERY_MS;
    while (done < iterations && performance.now() < until) {
      iterate(settings, m.nodes, m.edges);
      done++;
    }
    const out = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      out[2 * i] = m.nodes[i * PPN];
      out[2 * i + 1] = m.nodes[i * PPN + 1];
    }
    const finished = done >= iterations;
    self.postMessage({ run, xy: out, done: finished }, [out.buffer]);
    // Yield between slices so that a newer run's message gets in.
    if (!finished) setTimeout(step, 0);
  };
  step();
}
