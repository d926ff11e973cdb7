// The explorer at /: the network drawn, searched and clicked through.
// main wires the page: the state (state.js, kept in the URL) decides what
// is loaded (scene.js) and drawn (render.js); the panel (panel.js) shows
// one actor; the controls change the state.

import { gql, ACTOR, SEARCH } from "./api.js";
import * as state from "./state.js";
import { load } from "./scene.js";
import { renderActor } from "./panel.js";
import { el, label } from "./dom.js";
import { KIND_STYLE } from "./style.js";
import { createRenderer } from "./render.js";
import { startFrames, stopFrames } from "./frames.js";

const $ = (id) => document.getElementById(id);

let s = state.parse(location.search);
let scene = null;
let loading = null; // the AbortController of the load under way
let serial = 0; // counts finished loads, for tests and for stale answers
let pathStart = "";
let lastLoad = { ms: 0, drawMs: 0, layoutMs: 0 };

const renderer = createRenderer($("graph"), {
  tap: (id) => select(id, { centre: false }),
  doubleTap: (id) => expand(id),
  shiftTap: (id) => (pathStart && pathStart !== id ? findPath(pathStart, id) : select(id)),
  backgroundTap: () => select(""),
  layoutDone: () => {
    lastLoad.layoutMs = performance.now() - layoutStart;
    if (focusAfterLoad && scene && scene.actors.has(focusAfterLoad)) renderer.focus(focusAfterLoad);
    focusAfterLoad = "";
    setStatus(summary());
  },
});
let layoutStart = 0;

// ---- the state and the URL

function commit(change, { reload = true, push = true } = {}) {
  s = { ...s, ...change };
  const url = location.pathname + state.format(s);
  if (url !== location.pathname + location.search) {
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  syncControls();
  if (reload) refresh();
  else redraw();
}

window.addEventListener("popstate", () => {
  s = state.parse(location.search);
  syncControls();
  refresh();
});

// ---- loading and drawing

async function refresh() {
  if (loading) loading.abort();
  const ctl = new AbortController();
  loading = ctl;
  document.body.dataset.loading = "true";
  setStatus("Loading…");
  const t0 = performance.now();
  try {
    const next = await load(s, ctl.signal);
    if (ctl.signal.aborted) return;
    scene = next;
    lastLoad.ms = performance.now() - t0;
    const t1 = performance.now();
    layoutStart = t1;
    renderer.setScene(scene, view());
    lastLoad.drawMs = performance.now() - t1;
    showProblems(scene.problems);
    await showPanel();
  } catch (err) {
    if (err.name === "AbortError") return;
    showProblems([err.message]);
  } finally {
    if (loading === ctl) {
      loading = null;
      serial++;
      document.body.dataset.loading = "false";
      document.body.dataset.serial = String(serial);
      setStatus(summary());
    }
  }
}

function redraw() {
  if (!scene) return;
  renderer.setScene(scene, view());
  setStatus(summary());
}

// view is how the scene is to look: filters, colours, sizes, selection
// and the path.
function view() {
  return {
    hiddenKinds: new Set(s.hiddenKinds),
    hiddenTypes: new Set(s.hiddenTypes),
    colour: s.colour,
    selected: s.selected,
    path: scene && scene.path && scene.path !== "none" ? scene.path : null,
  };
}

function summary() {
  if (!scene) return "";
  const { actors, relations } = renderer.visible();
  const parts = [`${actors.length} actors and ${relations.length} relations drawn`];
  let hidden = 0;
  for (const a of scene.actors.values()) if (s.hiddenKinds.includes(a.kind)) hidden++;
  if (hidden > 0) parts.push(`${hidden} actors hidden by the filters`);
  if (s.asOf) parts.push(`as of ${s.asOf}`);
  if (scene.truncated) parts.push("only part of the network (raise the limit, or expand actors)");
  if (scene.actors.size === 0) parts.push(s.overview ? "the network is empty on this day" : "search for an actor to start");
  return parts.join(" · ");
}

function setStatus(text) {
  $("status").textContent = text;
}

function showProblems(list) {
  $("problems").textContent = list.length ? list.join(" ") : "";
}

let focusAfterLoad = "";

// ---- actions

// select opens actor id's panel ("" closes it) and, unless told not to,
// brings the actor to the middle of the picture: a click leaves the
// picture still, so that a second click lands on the same actor.
function select(id, { centre = true } = {}) {
  if (id === s.selected) return;
  commit({ selected: id }, { reload: false, push: false });
  showPanel();
  if (id && centre) renderer.focus(id);
}

function expand(id) {
  if (!s.expanded.includes(id)) commit({ expanded: [...s.expanded, id], selected: id });
}

function collapse(id) {
  commit({ expanded: s.expanded.filter((x) => x !== id) });
}

function pathFrom(id) {
  pathStart = id;
  $("path-status").textContent = "Path: choose the other end, then “Path to here” (or shift-click it).";
  showPanel();
}

function findPath(from, to) {
  pathStart = "";
  commit({ path: [from, to], selected: to });
}

let panelFor = "";
let panelAsk = null;

async function showPanel() {
  const box = $("panel-body");
  const id = s.selected;
  updatePathStatus();
  if (!id) {
    $("panel").hidden = true;
    panelFor = "";
    return;
  }
  $("panel").hidden = false;
  if (panelAsk) panelAsk.abort();
  const ctl = new AbortController();
  panelAsk = ctl;
  if (panelFor !== id) box.replaceChildren(el("p", { class: "hint" }, "Loading…"));
  try {
    const d = await gql(ACTOR, { id }, ctl.signal);
    if (ctl.signal.aborted) return;
    if (!d.actor) {
      box.replaceChildren(el("p", { class: "problem" }, `There is no actor ${id}.`));
      return;
    }
    panelFor = id;
    renderActor(box, d.actor, { expanded: s.expanded.includes(id), pathStart }, { expand, collapse, pathFrom, pathTo: (to) => findPath(pathStart, to), select });
    $("panel").dataset.actor = id;
  } catch (err) {
    if (err.name === "AbortError") return;
    box.replaceChildren(el("p", { class: "problem" }, err.message));
  }
}

function updatePathStatus() {
  const p = scene && scene.path;
  let text = "";
  if (pathStart) text = "Path: choose the other end, then “Path to here” (or shift-click it).";
  else if (p === "none") text = `No path of at most 6 relations joins ${s.path[0]} and ${s.path[1]}${s.asOf ? " as of " + s.asOf : ""}.`;
  else if (p && scene) {
    text = `Shortest path, ${p.length} relation${p.length === 1 ? "" : "s"}: ` + p.actors.map((id) => (scene.actors.get(id) || { name: id }).name).join(" → ");
  }
  const box = $("path-status");
  box.replaceChildren(text);
  if (s.path) box.append(" ", el("button", { type: "button", class: "link", id: "path-clear", onclick: () => commit({ path: null }) }, "clear path"));
}

// ---- search

let searchAsk = null;
let searchTimer = 0;
let hits = [];
let active = -1;

function setupSearch() {
  const input = $("search");
  const list = $("search-results");
  input.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!hits.length) return;
      active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      paintHits();
    } else if (e.key === "Escape") {
      closeHits();
    }
  });
  $("search-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    clearTimeout(searchTimer);
    if (active < 0) await runSearch();
    if (hits.length) pick(hits[Math.max(active, 0)].actor.id);
  });
  input.addEventListener("blur", () => setTimeout(closeHits, 200));
  list.addEventListener("mousedown", (e) => e.preventDefault()); // keep the focus in the box
}

async function runSearch() {
  const text = $("search").value.trim();
  if (searchAsk) searchAsk.abort();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    hits = [];
    closeHits();
    return;
  }
  const ctl = new AbortController();
  searchAsk = ctl;
  try {
    const d = await gql(SEARCH, { text }, ctl.signal);
    if (ctl.signal.aborted) return;
    hits = d.search;
    active = hits.length ? 0 : -1;
    paintHits();
  } catch (err) {
    if (err.name === "AbortError") return;
    hits = [];
    const list = $("search-results");
    list.replaceChildren(el("li", { class: "problem" }, err.message));
    list.hidden = false;
  }
}

function paintHits() {
  const list = $("search-results");
  if (!hits.length) {
    list.replaceChildren(el("li", { class: "hint" }, "No actor matches."));
  } else {
    list.replaceChildren(...hits.map((h, i) => el("li", {
      role: "option",
      id: "hit-" + i,
      "aria-selected": i === active ? "true" : "false",
      "data-actor": h.actor.id,
      onclick: () => pick(h.actor.id),
    },
    el("span", { class: "swatch kind-" + h.actor.kind }),
    el("span", { class: "name" }, h.actor.name),
    el("span", { class: "meta" }, [label(h.actor.kind), h.actor.country && h.actor.country.name, h.matched !== h.actor.name ? `“${h.matched}”` : ""].filter(Boolean).join(" · ")),
    )));
  }
  list.hidden = false;
  $("search").setAttribute("aria-expanded", "true");
  if (active >= 0) $("search").setAttribute("aria-activedescendant", "hit-" + active);
}

function closeHits() {
  $("search-results").hidden = true;
  $("search").setAttribute("aria-expanded", "false");
  $("search").removeAttribute("aria-activedescendant");
}

function pick(id) {
  closeHits();
  focusAfterLoad = id;
  if (scene && scene.actors.has(id)) {
    select(id);
    return;
  }
  commit({ added: s.added.includes(id) ? s.added : [...s.added, id], selected: id });
}

// ---- controls

const DAY_MS = 86400000;
const FIRST_DAY = Date.UTC(2015, 0, 1);

function dayNumber(iso) {
  return Math.round((Date.parse(iso + "T00:00:00Z") - FIRST_DAY) / DAY_MS);
}

function isoDay(n) {
  return new Date(FIRST_DAY + n * DAY_MS).toISOString().slice(0, 10);
}

function setupControls() {
  const kinds = $("kinds");
  for (const k of state.KINDS) {
    kinds.append(el("label", {},
      el("input", { type: "checkbox", name: "kind", value: k, onchange: onFilter }),
      el("span", { class: "swatch kind-" + k, "aria-hidden": "true" }),
      " " + label(k)));
  }
  const types = $("types");
  for (const t of state.TYPES) {
    types.append(el("label", {}, el("input", { type: "checkbox", name: "type", value: t, onchange: onFilter }), " " + label(t)));
  }
  for (const n of state.LIMITS) $("limit").append(el("option", { value: n }, n.toLocaleString("en")));

  const today = Math.floor((Date.now() - FIRST_DAY) / DAY_MS);
  const range = $("asof-range");
  range.min = "0";
  range.max = String(today);
  $("asof").min = isoDay(0);
  $("asof").max = isoDay(today);
  let timer = 0;
  const later = (day) => {
    clearTimeout(timer);
    timer = setTimeout(() => commit({ asOf: day }, { push: false }), 250);
  };
  $("asof-on").addEventListener("change", (e) => {
    commit({ asOf: e.target.checked ? $("asof").value || isoDay(today) : "" });
  });
  range.addEventListener("input", () => {
    $("asof").value = isoDay(Number(range.value));
    later($("asof").value);
  });
  $("asof").addEventListener("change", () => {
    const v = $("asof").value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) commit({ asOf: v });
  });

  $("overview-on").addEventListener("change", (e) => commit({ overview: e.target.checked }));
  $("limit").addEventListener("change", (e) => commit({ limit: Number(e.target.value) }));
  $("measure").addEventListener("change", (e) => commit({ measure: e.target.value }));
  $("colour").addEventListener("change", (e) => commit({ colour: e.target.value }, { reload: false }));
  $("fit").addEventListener("click", () => renderer.fit());
  $("relayout").addEventListener("click", () => renderer.layout());
  $("clear").addEventListener("click", () => {
    pathStart = "";
    commit({ ...state.defaults(), overview: false, asOf: s.asOf, hiddenKinds: s.hiddenKinds, hiddenTypes: s.hiddenTypes });
  });
  $("panel-close").addEventListener("click", () => select(""));
  $("export-png").addEventListener("click", () => exportPicture("png"));
  $("export-svg").addEventListener("click", () => exportPicture("svg"));
  $("copy-link").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus("The link to this view is copied.");
    } catch {
      setStatus("Copy the address bar: it holds this view.");
    }
  });
}

function onFilter() {
  const off = (name) => [...document.querySelectorAll(`input[name=${name}]`)].filter((x) => !x.checked).map((x) => x.value);
  commit({ hiddenKinds: off("kind"), hiddenTypes: off("type") }, { reload: false, push: false });
}

function syncControls() {
  for (const x of document.querySelectorAll("input[name=kind]")) x.checked = !s.hiddenKinds.includes(x.value);
  for (const x of document.querySelectorAll("input[name=type]")) x.checked = !s.hiddenTypes.includes(x.value);
  $("overview-on").checked = s.overview;
  $("limit").value = String(s.limit);
  $("measure").value = s.measure;
  $("colour").value = s.colour;
  $("asof-on").checked = !!s.asOf;
  $("asof").disabled = !s.asOf;
  $("asof-range").disabled = !s.asOf;
  if (s.asOf) {
    $("asof").value = s.asOf;
    $("asof-range").value = String(dayNumber(s.asOf));
  }
}

// ---- export

async function exportPicture(format) {
  const name = "ecograph" + (s.asOf ? "-" + s.asOf : "") + "." + format;
  try {
    const blob = format === "png" ? await renderer.png() : new Blob([renderer.svg()], { type: "image/svg+xml" });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus(`Saved ${name} (${Math.round(blob.size / 1024)} KB).`);
  } catch (err) {
    showProblems([`The picture could not be made: ${err.message}`]);
  }
}

// ---- for tests and for measuring: what the page shows

window.ecographExplorer = {
  state: () => structuredClone(s),
  visible: () => renderer.visible(),
  highlighted: () => renderer.highlighted(),
  looks: (id) => renderer.looks(id),
  position: (id) => renderer.position(id),
  lastLoad: () => ({ ...lastLoad }),
  startFrames,
  stopFrames,
};

setupControls();
setupSearch();
syncControls();
refresh();
