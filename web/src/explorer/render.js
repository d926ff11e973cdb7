// The drawing: Cytoscape.js with the fCoSE force layout, chosen by
// measurement (docs/benchmarks.md, "The explorer's drawing"). Networks of
// more than LARGE actors are drawn by Cytoscape's WebGL renderer and move
// as a texture while panned, which keeps frames short at 5,000 actors
// and 20,000 relations.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import svg from "cytoscape-svg";
import { KIND_STYLE, colourOf, communityColours, sizer, HIGHLIGHT } from "./style.js";

cytoscape.use(fcose);
cytoscape.use(svg);

// LARGE is the number of actors from which the layout runs in its draft
// quality and labels show only when zoomed in.
const LARGE = 1000;

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      shape: "data(shape)",
      width: "data(size)",
      height: "data(size)",
      label: "data(label)",
      "font-size": 11,
      color: "#1d2430",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-outline-color": "#ffffff",
      "text-outline-width": 2,
      "min-zoomed-font-size": 7,
      "border-width": 1,
      "border-color": "#ffffff",
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.2,
      "line-color": "#aab3bf",
      "target-arrow-color": "#aab3bf",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.7,
      "curve-style": "haystack",
      opacity: 0.75,
    },
  },
  { selector: "edge.labelled", style: { "curve-style": "bezier", label: "data(label)", "font-size": 8, color: "#5b6573", "text-rotation": "autorotate", "min-zoomed-font-size": 8, "text-background-color": "#fbfcfd", "text-background-opacity": 1 } },
  { selector: ".hidden", style: { display: "none" } },
  { selector: "node.selected", style: { "border-width": 4, "border-color": "#1d2430" } },
  { selector: ".faded", style: { opacity: 0.18 } },
  { selector: "node.path", style: { "border-width": 4, "border-color": HIGHLIGHT, opacity: 1 } },
  { selector: "edge.path", style: { width: 5, "line-color": HIGHLIGHT, "target-arrow-color": HIGHLIGHT, opacity: 1, "z-index": 10 } },
];

/**
 * createRenderer draws into container and calls on.tap(id),
 * on.doubleTap(id), on.shiftTap(id) and on.backgroundTap() as the user
 * clicks.
 */
export function createRenderer(container, on) {
  let cy = null;
  let large = false;
  let laidOut = false;
  let layoutRun = null;

  const make = (big) => {
    if (cy) cy.destroy();
    large = big;
    laidOut = false;
    cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.02,
      maxZoom: 5,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      textureOnViewport: big,
      hideEdgesOnViewport: false,
      motionBlur: false,
      pixelRatio: big ? 1 : "auto",
      renderer: big ? { name: "canvas", webgl: true } : { name: "canvas" },
    });
    cy.on("tap", "node", (e) => {
      const id = e.target.id();
      if (e.originalEvent && e.originalEvent.shiftKey) on.shiftTap(id);
      else on.tap(id);
    });
    cy.on("dbltap", "node", (e) => on.doubleTap(e.target.id()));
    cy.on("tap", (e) => {
      if (e.target === cy) on.backgroundTap();
    });
  };
  make(false);

  // place puts a new actor beside a drawn neighbour, so that the layout
  // that follows moves it little.
  const place = (id, scene) => {
    for (const r of scene.relations.values()) {
      const other = r.from === id ? r.to : r.to === id ? r.from : null;
      if (!other) continue;
      const n = cy.getElementById(other);
      if (n.nonempty()) {
        const p = n.position();
        return { x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 };
      }
    }
    const e = cy.extent();
    return { x: e.x1 + Math.random() * e.w, y: e.y1 + Math.random() * e.h };
  };

  const runLayout = (full) => {
    if (layoutRun) layoutRun.stop();
    const n = cy.nodes().length;
    if (n === 0) return;
    layoutRun = cy.layout({
      name: "fcose",
      quality: n > LARGE ? "draft" : "default",
      randomize: full,
      animate: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: false,
      packComponents: true,
      nodeRepulsion: () => 6000,
      idealEdgeLength: () => (n > LARGE ? 40 : 80),
      numIter: n > LARGE ? 1000 : 2500,
    });
    layoutRun.run();
    laidOut = true;
  };

  return {
    /** setScene draws scene as view says, keeping the places of actors already drawn. */
    setScene(scene, view) {
      const big = scene.actors.size > LARGE;
      if (big !== large) make(big);
      const actors = [...scene.actors.values()];
      const colours = communityColours(actors);
      const size = sizer(actors);
      const added = [];
      cy.batch(() => {
        cy.elements().forEach((e) => {
          if (e.isNode() ? !scene.actors.has(e.id()) : !scene.relations.has(e.id())) e.remove();
        });
        for (const a of actors) {
          const data = {
            id: a.id,
            label: a.name,
            kind: a.kind,
            colour: colourOf(a, view.colour, colours),
            shape: (KIND_STYLE[a.kind] || {}).shape || "ellipse",
            size: size(a),
          };
          const n = cy.getElementById(a.id);
          if (n.nonempty()) n.data(data);
          else added.push({ group: "nodes", data, position: laidOut ? place(a.id, scene) : { x: 0, y: 0 } });
        }
        if (added.length) cy.add(added);
        const edges = [];
        for (const r of scene.relations.values()) {
          const e = cy.getElementById(r.id);
          const data = { id: r.id, source: r.from, target: r.to, type: r.type, label: r.type.toLowerCase().replaceAll("_", " ") };
          if (e.empty()) edges.push({ group: "edges", data });
        }
        if (edges.length) cy.add(edges);
        // Relation labels only where few are drawn: at thousands they
        // are unreadable and slow.
        cy.edges().toggleClass("labelled", scene.relations.size <= 60);
        this.apply(view);
      });
      if (!laidOut || added.length > 0) runLayout(!laidOut || added.length > cy.nodes().length / 2);
    },

    /** apply shows view's filters, selection and path on what is drawn. */
    apply(view) {
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          n.toggleClass("hidden", view.hiddenKinds.has(n.data("kind")));
          n.toggleClass("selected", n.id() === view.selected);
        });
        cy.edges().forEach((e) => e.toggleClass("hidden", view.hiddenTypes.has(e.data("type"))));
        const onPath = new Set(view.path ? [...view.path.actors, ...view.path.relations] : []);
        cy.elements().forEach((e) => {
          e.toggleClass("path", onPath.has(e.id()));
          e.toggleClass("faded", onPath.size > 0 && !onPath.has(e.id()));
        });
      });
    },

    /** visible lists the ids of the actors and relations shown. */
    visible() {
      return {
        actors: cy.nodes(":visible").map((n) => n.id()),
        relations: cy.edges(":visible").map((e) => e.id()),
      };
    },

    /** highlighted lists the ids on the highlighted path. */
    highlighted() {
      return {
        actors: cy.nodes(".path").map((n) => n.id()),
        relations: cy.edges(".path").map((e) => e.id()),
      };
    },

    /** position is where actor id is drawn, in the page's coordinates, or null. */
    position(id) {
      const n = cy.getElementById(id);
      if (n.empty() || !n.visible()) return null;
      const p = n.renderedPosition();
      const box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },

    focus(id) {
      const n = cy.getElementById(id);
      if (n.empty()) return;
      cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), large ? 1 : 1.2) }, { duration: 300 });
    },

    fit() {
      cy.fit(cy.elements(":visible"), 30);
    },

    layout() {
      runLayout(true);
    },

    png() {
      return cy.png({ output: "blob-promise", full: true, scale: large ? 1 : 2, bg: "#ffffff", maxWidth: 8000, maxHeight: 8000 });
    },

    svg() {
      return cy.svg({ full: true, scale: 1, bg: "#ffffff" });
    },

    /**
     * measureFrames pans and zooms the picture for ms milliseconds and
     * times every frame the browser draws meanwhile.
     */
    measureFrames(ms) {
      return new Promise((resolve) => {
        const frames = [];
        const start = performance.now();
        const z0 = cy.zoom();
        const p0 = { ...cy.pan() };
        let last = start;
        const step = (now) => {
          frames.push(now - last);
          last = now;
          const t = (now - start) / ms;
          if (t >= 1) {
            cy.viewport({ zoom: z0, pan: p0 });
            frames.shift();
            const sorted = [...frames].sort((a, b) => a - b);
            const mean = frames.reduce((x, y) => x + y, 0) / frames.length;
            resolve({
              frames: frames.length,
              meanMs: mean,
              p95Ms: sorted[Math.floor(sorted.length * 0.95)] || 0,
              maxMs: sorted[sorted.length - 1] || 0,
              over33: frames.filter((f) => f > 33.4).length,
            });
            return;
          }
          const zoom = z0 * (1 + 0.8 * Math.sin(t * Math.PI * 2));
          cy.viewport({ zoom, pan: { x: p0.x + 200 * Math.sin(t * Math.PI * 4), y: p0.y + 120 * Math.cos(t * Math.PI * 4) } });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
    },
  };
}
