// The Sigma.js bench: the generated network in a graphology graph drawn by
// Sigma.js 4 (WebGL2), laid out by ForceAtlas2 in its web worker, exported
// to PNG by copying its canvases (@sigma/export-image 3.0.0, the newest,
// calls getCanvases, which Sigma 4 no longer has); Sigma has no SVG export.
import Graph from "graphology";
import Sigma, { DEFAULT_STYLES } from "sigma";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";

import { generateNetwork, COMMUNITY_COLOURS, RELATION_COLOURS } from "./gen.js";
import * as f from "./frames.js";

const scriptStart = performance.now();

// Faded unless highlighted, while something is highlighted: the usual
// neighbourhood highlight, written as Sigma 4 styles.
const fadedWhileHighlighting = (colour) => ({
  when: (_a, state, graph) => graph.hasHighlighted && !state.isHighlighted,
  then: colour,
  else: { attribute: "color" },
});

// toPNG draws the network as it is on screen into a PNG. Sigma 4 draws
// nodes, edges and labels on one WebGL2 canvas ("stage") without
// preserveDrawingBuffer, so the copy is taken right after a render, in the
// same task, before the browser clears it.
function toPNG(sigma, container) {
  return new Promise((resolve, reject) => {
    sigma.once("afterRender", () => {
      try {
        const { width, height } = sigma.getDimensions();
        const ratio = window.devicePixelRatio || 1;
        const out = document.createElement("canvas");
        out.width = Math.round(width * ratio);
        out.height = Math.round(height * ratio);
        const ctx = out.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, out.width, out.height);
        for (const c of container.querySelectorAll("canvas")) ctx.drawImage(c, 0, 0, out.width, out.height);
        out.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob gave nothing"))), "image/png");
      } catch (e) {
        reject(e);
      }
    });
    sigma.refresh();
  });
}

async function main() {
  const p = f.params();
  const net = generateNetwork(p);
  const generated = performance.now();

  const graph = new Graph({ type: "directed", multi: true });
  for (const a of net.actors) {
    graph.addNode(a.id, {
      label: a.name,
      kind: a.kind,
      x: a.x,
      y: a.y,
      // Sigma's size is a radius, Cytoscape's a diameter: the same
      // picture needs half.
      size: a.size / 2,
      color: COMMUNITY_COLOURS[a.community],
    });
  }
  for (const r of net.relations) {
    graph.addEdgeWithKey(r.id, r.from, r.to, { type: r.type, color: RELATION_COLOURS[r.type], size: 1 });
  }

  const container = document.getElementById("graph");
  let renders = 0;
  const sigma = new Sigma(graph, container, {
    settings: p.tuned ? { hideEdgesOnMove: true, hideLabelsOnMove: true } : {},
    styles: {
      nodes: [DEFAULT_STYLES.nodes, { color: fadedWhileHighlighting("#e4e4e4") }],
      edges: [DEFAULT_STYLES.edges, { color: fadedWhileHighlighting("#f2f2f2") }],
    },
  });
  sigma.on("afterRender", () => renders++);
  const drawn = await f.nextFrames(2);
  const camera = sigma.getCamera();
  const fit = camera.getState();

  let gesture = null;
  f.publish({
    load: () => ({
      library: p.tuned ? "sigma-tuned" : "sigma",
      webgl: f.webglInfo(),
      usesWebgl: true,
      actors: graph.order,
      relations: graph.size,
      renders,
      genMs: Math.round(generated - scriptStart),
      loadMs: Math.round(drawn - scriptStart),
      drawMs: Math.round(drawn - generated),
    }),
    // gesture: the driver drags and turns the wheel meanwhile.
    gestureStart: async () => {
      camera.setState(fit);
      await f.nextFrames(2);
      gesture = f.frameRecorder(() => renders);
    },
    gestureStop: () => gesture.stop(),
    panzoom: (ms) => {
      camera.setState(fit);
      return f.recordFrames(ms, (t) => {
        const c = f.cameraAt(t);
        // Sigma's camera works in normalised coordinates: the network
        // spans [0, 1] each way, and ratio 1 shows it whole.
        camera.setState({ x: fit.x + c.dx, y: fit.y + c.dy, ratio: fit.ratio / c.zoom, angle: 0 });
      }, () => renders);
    },
    hover: (ms) => {
      camera.setState(fit);
      const targets = f.hoverTargets(net.actors);
      let shown = -1;
      let nodes = [];
      let edges = [];
      return f
        .recordFrames(ms, (t) => {
          const k = Math.floor((t * ms) / 100) % targets.length;
          if (k === shown) return;
          shown = k;
          sigma.setNodesState(nodes, { isHighlighted: false });
          sigma.setEdgesState(edges, { isHighlighted: false });
          const id = targets[k];
          nodes = [id, ...graph.neighbors(id)];
          edges = graph.edges(id);
          sigma.setNodesState(nodes, { isHighlighted: true });
          sigma.setEdgesState(edges, { isHighlighted: true });
        }, () => renders)
        .then((s) => {
          sigma.setNodesState(nodes, { isHighlighted: false });
          sigma.setEdgesState(edges, { isHighlighted: false });
          return s;
        });
    },
    png: async () => {
      camera.setState(fit);
      await f.nextFrames(2);
      const t0 = performance.now();
      const blob = await toPNG(sigma, container);
      return { ms: Math.round(performance.now() - t0), bytes: f.sizeOf(blob), type: blob.type };
    },
    svg: async () => ({ exists: false }),
    layout: (_quality, maxMs = 120000) => {
      // ForceAtlas2 in its web worker, from random positions as fcose's
      // randomize does, on a copy of the graph that Sigma does not draw
      // (as fcose runs with animate: false): what is timed is the layout,
      // not SwiftShader redrawing every step. FA2 has no end of its own:
      // it has settled when, over 500 ms, the actors moved on average
      // less than 0.2% of the network's extent. Then the positions go
      // back to the drawn graph, in one refresh.
      let seed = 7;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const work = graph.copy();
      work.updateEachNodeAttributes((_n, a) => ({ ...a, x: rand() * 1000, y: rand() * 1000 }));
      const settings = forceAtlas2.inferSettings(work);
      const times = [];
      let recording = true;
      const tick = (now) => {
        times.push(now);
        if (recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const snapshot = () => {
        const xs = new Float64Array(work.order * 2);
        let i = 0;
        work.forEachNode((_n, a) => {
          xs[i++] = a.x;
          xs[i++] = a.y;
        });
        return xs;
      };
      return new Promise((resolve) => {
        const t0 = performance.now();
        const layout = new FA2Layout(work, { settings });
        layout.start();
        let last = snapshot();
        const timer = setInterval(async () => {
          const now = snapshot();
          let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, moved = 0;
          for (let i = 0; i < now.length; i += 2) {
            minX = Math.min(minX, now[i]);
            maxX = Math.max(maxX, now[i]);
            minY = Math.min(minY, now[i + 1]);
            maxY = Math.max(maxY, now[i + 1]);
            moved += Math.hypot(now[i] - last[i], now[i + 1] - last[i + 1]);
          }
          last = now;
          const extent = Math.hypot(maxX - minX, maxY - minY);
          const settled = moved / work.order < 0.002 * extent;
          if (!settled && performance.now() - t0 < maxMs) return;
          clearInterval(timer);
          layout.kill();
          const ms = Math.round(performance.now() - t0);
          work.forEachNode((n, a) => graph.mergeNodeAttributes(n, { x: a.x, y: a.y }));
          await f.nextFrames(2);
          recording = false;
          resolve({ ms, worker: true, settled, settings: { barnesHut: settings.barnesHutOptimize }, frames: f.frameStats(times) });
        }, 500);
      });
    },
  });
}

main().catch(f.fail);
