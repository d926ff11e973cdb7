// The Cytoscape.js bench: the generated network drawn by Cytoscape.js's
// canvas renderer, or with ?webgl=1 by its WebGL renderer (3.31+), laid out
// by cytoscape-fcose, exported by cy.png and cytoscape-svg.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import svg from "cytoscape-svg";

import { generateNetwork, COMMUNITY_COLOURS, RELATION_COLOURS } from "./gen.js";
import * as f from "./frames.js";

const scriptStart = performance.now();
cytoscape.use(fcose);
cytoscape.use(svg);

async function main() {
  const p = f.params();
  const net = generateNetwork(p);
  const generated = performance.now();

  const elements = [];
  for (const a of net.actors) {
    elements.push({
      group: "nodes",
      data: { id: a.id, label: a.name, kind: a.kind, size: a.size, colour: COMMUNITY_COLOURS[a.community] },
      position: { x: a.x, y: a.y },
    });
  }
  for (const r of net.relations) {
    elements.push({ group: "edges", data: { id: r.id, source: r.from, target: r.to, type: r.type, colour: RELATION_COLOURS[r.type] } });
  }

  const container = document.getElementById("graph");
  const cy = cytoscape({
    container,
    elements,
    layout: { name: "preset" },
    renderer: { name: "canvas", webgl: p.webgl },
    ...(p.tuned ? { textureOnViewport: true, hideEdgesOnViewport: true } : {}),
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 10,
          // Labels only where they can be read: the whole network shows
          // none, a zoomed-in part shows its names.
          "min-zoomed-font-size": 8,
        },
      },
      {
        selector: "edge",
        style: { width: 1, "line-color": "data(colour)", "curve-style": "haystack", "haystack-radius": 0 },
      },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: "node.hl", style: { "border-width": 2, "border-color": "#222", "z-index": 10 } },
      { selector: "edge.hl", style: { "line-color": "#222", width: 2, "z-index": 10 } },
    ],
  });
  // The first render, whichever renderer: the WebGL one emits no "render"
  // event, so the renderer's own render function is watched.
  const renderer = cy.renderer();
  const render = renderer.render;
  let renders = 0;
  await new Promise((resolve) => {
    renderer.render = function (...args) {
      const out = render.apply(this, args);
      if (renders++ === 0) resolve();
      return out;
    };
  });
  const drawn = await f.nextFrames(2);
  const fit = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  const w = cy.width();
  const h = cy.height();
  const bb = cy.elements().boundingBox();

  let gesture = null;
  f.publish({
    load: () => ({
      library: (p.webgl ? "cytoscape-webgl" : "cytoscape-canvas") + (p.tuned ? "-tuned" : ""),
      webgl: f.webglInfo(),
      usesWebgl: !!renderer.webgl,
      renders,
      actors: cy.nodes().length,
      relations: cy.edges().length,
      genMs: Math.round(generated - scriptStart),
      loadMs: Math.round(drawn - scriptStart),
      drawMs: Math.round(drawn - generated),
    }),
    // gesture: the driver drags and turns the wheel meanwhile.
    gestureStart: async () => {
      cy.viewport(fit);
      await f.nextFrames(2);
      gesture = f.frameRecorder(() => renders);
    },
    gestureStop: () => gesture.stop(),
    panzoom: (ms) => {
      cy.viewport(fit);
      return f.recordFrames(ms, (t) => {
        const c = f.cameraAt(t);
        const zoom = fit.zoom * c.zoom;
        // The model point at the screen's centre: the fitted centre moved
        // by (dx, dy) of the network's size.
        const mx = (w / 2 - fit.pan.x) / fit.zoom + c.dx * bb.w;
        const my = (h / 2 - fit.pan.y) / fit.zoom + c.dy * bb.h;
        cy.viewport({ zoom, pan: { x: w / 2 - mx * zoom, y: h / 2 - my * zoom } });
      }, () => renders);
    },
    hover: (ms) => {
      cy.viewport(fit);
      const targets = f.hoverTargets(net.actors);
      let shown = -1;
      let hood = cy.collection();
      const all = cy.elements();
      return f
        .recordFrames(
          ms,
          (t) => {
            // A new actor every 100 ms, as a pointer moving over the
            // network. The first fades everything; then only the old and
            // the new neighbourhood change class.
            const k = Math.floor((t * ms) / 100) % targets.length;
            if (k === shown) return;
            const next = cy.getElementById(targets[k]).closedNeighborhood();
            cy.batch(() => {
              if (p.fade) {
                if (shown < 0) all.addClass("faded");
                hood.difference(next).addClass("faded");
                next.removeClass("faded");
              }
              hood.difference(next).removeClass("hl");
              next.addClass("hl");
            });
            shown = k;
            hood = next;
          },
          () => renders,
        )
        .then((s) => {
          cy.batch(() => all.removeClass("faded hl"));
          return s;
        });
    },
    png: async () => {
      cy.viewport(fit);
      await f.nextFrames(2);
      const t0 = performance.now();
      const blob = await cy.png({ output: "blob-promise", bg: "#ffffff", scale: 1 });
      return { ms: Math.round(performance.now() - t0), bytes: f.sizeOf(blob), type: blob.type };
    },
    svg: async () => {
      cy.viewport(fit);
      const t0 = performance.now();
      const text = cy.svg({ bg: "#ffffff", scale: 1 });
      return { ms: Math.round(performance.now() - t0), bytes: f.sizeOf(text), exists: true };
    },
    layout: (quality = "default") => {
      // fcose has no worker: it runs on the page's thread, so the frames
      // while it runs say how long the page freezes.
      const times = [];
      let recording = true;
      const tick = (now) => {
        times.push(now);
        if (recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      return new Promise((resolve) => {
        setTimeout(() => {
          const t0 = performance.now();
          const layout = cy.layout({ name: "fcose", quality, randomize: true, animate: false, fit: true });
          layout.one("layoutstop", async () => {
            const ms = Math.round(performance.now() - t0);
            await f.nextFrames(2);
            recording = false;
            resolve({ ms, worker: false, quality, frames: f.frameStats(times) });
          });
          layout.run();
        }, 50);
      });
    },
  });
}

main().catch(f.fail);
