// The drawing: Cytoscape.js, laid out by ForceAtlas2 in a worker
// (layout.worker.js), chosen by measurement (docs/explorer.md). Above
// LARGE actors the picture moves as a texture while panned and zoomed,
// which keeps frames short at 5,000 actors and 20,000 relations.

import cytoscape from "cytoscape";
import svg from "cytoscape-svg";
import { KIND_STYLE, colourOf, communityColours, sizer, HIGHLIGHT } from "./style.js";

cytoscape.use(svg);

// LARGE is the number of actors from which the picture pans as a texture
// and is drawn at one pixel per CSS pixel.
const LARGE = 1000;

// shown reports whether an element is displayed, by its display style
// itself: Cytoscape's :visible is cached and can lag a class change made
// in a batch.
const shown = (e) => e.style("display") !== "none";

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      shape: "data(shape)",
      width: "data(size)",
      height: "data(size)",
      label: "data(label)",
      // Labels grow with their actor and show once they are 9 px on
      // screen: a level of detail, so that thousands of small actors do
      // not bury the picture in text until one zooms in.
      "font-size": "mapData(size, 12, 48, 7, 15)",
      color: "#1d2430",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-outline-color": "#ffffff",
      "text-outline-width": 2,
      "min-zoomed-font-size": 9,
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

// LARGE_STYLE lightens the drawing of a large network where it costs most
// per frame: no arrowheads, borders or text outlines, and opaque relations
// (blending 20,000 translucent lines is slow on a CPU), wide enough to be
// seen when the whole network is in view.
const LARGE_STYLE = [
  { selector: "node", style: { "border-width": 0, "text-outline-width": 0, "text-background-color": "#fbfcfd", "text-background-opacity": 0.7 } },
  { selector: "edge", style: { "target-arrow-shape": "none", opacity: 1, "line-color": "#ccd3dc", width: 2.5 } },
  { selector: "node.selected", style: { "border-width": 4 } },
  { selector: "node.path", style: { "border-width": 4 } },
  { selector: ".faded", style: { opacity: 0.18 } },
  { selector: "edge.path", style: { width: 5, "line-color": HIGHLIGHT, opacity: 1 } },
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
  let labelled = false;
  const classOf = new Map(); // the classes each element was given last
  let layoutRun = null;

  const make = (big) => {
    if (cy) cy.destroy();
    large = big;
    laidOut = false;
    classOf.clear();
    cy = cytoscape({
      container,
      style: big ? [...STYLE, ...LARGE_STYLE] : STYLE,
      minZoom: 0.02,
      maxZoom: 5,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      motionBlur: false,
      pixelRatio: big ? 1 : "auto",
      // Not the WebGL renderer: on a machine without a GPU (headless
      // Chromium among them) it is the slowest of all (docs/explorer.md).
      renderer: { name: "canvas", webgl: false },
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
  // The picture's box changes size with the window and as the panel opens
  // and closes: Cytoscape must be told, or its canvas and its clicks keep
  // the old size.
  new ResizeObserver(() => cy.resize()).observe(container);

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

  // The layout runs in a worker; each answer moves the actors, and the
  // last says it is done. A layout started later wins.
  const worker = new Worker(new URL("static/explorer/layout.worker.js", document.baseURI));
  let run = 0;
  let fitting = false;
  let layoutNodes = null;
  // Positions are applied at most once a frame; for a large picture only
  // the last: moving thousands of actors costs Cytoscape more than a
  // layout step costs the worker, and the seeded start is a fair picture
  // meanwhile.
  let pending = null;
  const apply = () => {
    const { xy, done } = pending;
    pending = null;
    cy.batch(() => {
      layoutNodes.forEach((node, i) => {
        if (!node.removed()) node.position({ x: xy[2 * i], y: xy[2 * i + 1] });
      });
    });
    if (fitting) cy.fit(cy.elements().filter(shown), 30);
    if (done) {
      layoutNodes = null;
      document.body.dataset.layout = "done";
      on.layoutDone();
    }
  };
  worker.onmessage = (e) => {
    if (e.data.run !== run || !layoutNodes || (large && !e.data.done)) return;
    const waiting = pending !== null;
    pending = e.data;
    if (!waiting) requestAnimationFrame(() => pending && apply());
  };

  // runLayout lays out every actor (full), or only those not yet placed
  // (the rest stay where they are).
  const runLayout = (full, placed) => {
    const nodes = cy.nodes();
    const n = nodes.length;
    if (n === 0) {
      document.body.dataset.layout = "done";
      return;
    }
    const index = new Map();
    const xy = new Float32Array(2 * n);
    const fixed = new Uint8Array(n);
    const start = full ? seedPositions(nodes) : null;
    nodes.forEach((node, i) => {
      index.set(node.id(), i);
      const keep = !full && placed.has(node.id());
      const p = full ? start[i] : node.position();
      xy[2 * i] = p.x;
      xy[2 * i + 1] = p.y;
      fixed[i] = keep ? 1 : 0;
    });
    if (full) {
      cy.batch(() => nodes.forEach((node, i) => node.position(start[i])));
      cy.fit(cy.elements().filter(shown), 30);
    }
    const edges = [];
    cy.edges().forEach((e) => edges.push(index.get(e.source().id()), index.get(e.target().id())));
    layoutNodes = nodes.toArray();
    fitting = full;
    run++;
    document.body.dataset.layout = "running";
    worker.postMessage({ run, xy, fixed, edges: Uint32Array.from(edges), iterations: full ? (n > LARGE ? 120 : 400) : 150 });
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
      const placed = new Set(cy.nodes().map((n) => n.id()));
      cy.batch(() => {
        cy.elements().forEach((e) => {
          if (e.isNode() ? !scene.actors.has(e.id()) : !scene.relations.has(e.id())) {
            classOf.delete(e.id());
            e.remove();
          }
        });
        for (const a of actors) {
          const data = {
            id: a.id,
            label: a.name,
            kind: a.kind,
            community: a.community || "",
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
        labelled = scene.relations.size <= 60;
        this.apply(view);
      });
      if (!laidOut || added.length > cy.nodes().length / 2) {
        runLayout(true);
      } else if (added.length > 0) {
        runLayout(false, placed);
      }
      laidOut = true;
    },

    /** apply shows view's filters, selection and path on what is drawn. */
    apply(view) {
      // Whole collections at a time: a class changed element by element
      // costs Cytoscape a style pass each, minutes at 25,000 elements.
      const onPath = new Set(view.path ? [...view.path.actors, ...view.path.relations] : []);
      const want = (e) => {
        const c = [];
        if (e.isNode() ? view.hiddenKinds.has(e.data("kind")) : view.hiddenTypes.has(e.data("type"))) c.push("hidden");
        if (e.id() === view.selected) c.push("selected");
        if (onPath.has(e.id())) c.push("path");
        else if (onPath.size > 0) c.push("faded");
        if (e.isEdge() && labelled) c.push("labelled");
        return c.join(" ");
      };
      cy.batch(() => {
        cy.elements().forEach((e) => {
          const c = want(e);
          if (classOf.get(e.id()) !== c) {
            classOf.set(e.id(), c);
            e.classes(c);
          }
        });
      });
    },

    /** visible lists the ids of the actors and relations shown. */
    visible() {
      return {
        actors: cy.nodes().filter(shown).map((n) => n.id()),
        relations: cy.edges().filter((e) => shown(e) && shown(e.source()) && shown(e.target())).map((e) => e.id()),
      };
    },

    /** looks says how actor id is drawn: its diameter, colour and shape; null when it is not drawn. */
    looks(id) {
      const n = cy.getElementById(id);
      if (n.empty()) return null;
      return { size: n.data("size"), colour: n.data("colour"), shape: n.data("shape"), label: n.data("label") };
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
      if (n.empty() || n.style("display") === "none") return null;
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
      cy.fit(cy.elements().filter(shown), 30);
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
  };
}

// seedPositions places actors for ForceAtlas2 to start from: each
// community (or kind, when communities are unknown) around its own centre,
// the centres on a sunflower spiral, larger groups further apart. Starting
// near their group, actors settle in a tenth of the steps a random start
// needs.
function seedPositions(nodes) {
  const groups = new Map();
  nodes.forEach((node) => {
    const g = node.data("community") || node.data("kind");
    groups.set(g, (groups.get(g) || 0) + 1);
  });
  const order = [...groups.keys()].sort((a, b) => groups.get(b) - groups.get(a));
  const centre = new Map();
  let r = 0;
  order.forEach((g, k) => {
    const size = groups.get(g);
    r += 12 * Math.sqrt(size);
    const angle = k * 2.399963; // the golden angle
    centre.set(g, { x: r * Math.cos(angle), y: r * Math.sin(angle), spread: 10 * Math.sqrt(size) });
  });
  return nodes.map((node) => {
    const c = centre.get(node.data("community") || node.data("kind"));
    const a = Math.random() * 2 * Math.PI;
    const d = Math.sqrt(Math.random()) * c.spread;
    return { x: c.x + d * Math.cos(a), y: c.y + d * Math.sin(a) };
  });
}
