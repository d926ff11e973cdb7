// What every bench page shares: the frame recorder, the scripted camera
// path, the page's parameters, and how results reach the Go driver
// (window.bench, whose methods return promises of plain objects).

/** The page's parameters: ?actors=5000&relations=20000&seed=13. */
export function params() {
  const q = new URLSearchParams(location.search);
  return {
    actors: Number(q.get("actors") || 5000),
    relations: Number(q.get("relations") || 20000),
    seed: Number(q.get("seed") || 13),
    webgl: q.get("webgl") === "1",
    // The libraries' own options for big networks: hide edges (and
    // labels) while the view moves, draw a cached picture while panning.
    tuned: q.get("tuned") === "1",
    // fade=0: the highlight marks the neighbourhood only, leaving the
    // rest as it is (fewer elements restyled, no full fade).
    fade: q.get("fade") !== "0",
  };
}

/** nextFrames resolves after n animation frames (2: the frame is on screen). */
export function nextFrames(n = 2) {
  return new Promise((resolve) => {
    const step = () => (--n <= 0 ? resolve(performance.now()) : requestAnimationFrame(step));
    requestAnimationFrame(step);
  });
}

// A frame that took longer than one (or two) 60 Hz intervals, with 2 ms for
// the timer's jitter, missed one vsync (or more).
const VSYNC = 1000 / 60;
const SLACK = 2;

/** frameStats sums up requestAnimationFrame timestamps. */
export function frameStats(times) {
  const iv = [];
  for (let i = 1; i < times.length; i++) iv.push(times[i] - times[i - 1]);
  if (iv.length === 0) return { frames: 0 };
  const sorted = [...iv].sort((a, b) => a - b);
  const sum = iv.reduce((a, b) => a + b, 0);
  const r = (x) => Math.round(x * 10) / 10;
  return {
    frames: iv.length,
    meanMs: r(sum / iv.length),
    p95Ms: r(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]),
    maxMs: r(sorted[sorted.length - 1]),
    over16: iv.filter((x) => x > VSYNC + SLACK).length,
    over33: iv.filter((x) => x > 2 * VSYNC + SLACK).length,
    fps: r((1000 * iv.length) / sum),
  };
}

/**
 * recordFrames calls step(f) on every animation frame for ms milliseconds,
 * f going from 0 to 1, and resolves with the frame statistics of that time
 * and how many times the library drew meanwhile (renders() before and
 * after): a library may skip frames, which frame times alone would hide.
 */
export function recordFrames(ms, step, renders = () => 0) {
  return new Promise((resolve) => {
    const times = [];
    let start = null;
    const before = renders();
    const tick = (now) => {
      if (start === null) start = now;
      times.push(now);
      const f = (now - start) / ms;
      if (f >= 1) {
        resolve({ ...frameStats(times), renders: renders() - before });
        return;
      }
      step(f);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * frameRecorder records animation frames until stop(), for runs the driver
 * makes with real input (drags and wheel turns from Chromium's input
 * pipeline), so that the libraries' own gesture handling runs.
 */
export function frameRecorder(renders = () => 0) {
  const times = [];
  let on = true;
  const before = renders();
  const tick = (now) => {
    if (!on) return;
    times.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    stop: () => {
      on = false;
      return { ...frameStats(times), renders: renders() - before };
    },
  };
}

/**
 * cameraAt is the scripted pan and zoom at f in [0, 1]: from the whole
 * network (zoom 1) in to 6 times and out again, while the centre circles a
 * quarter of the network's width round its middle. zoom is relative to the
 * fitted view; dx, dy are in fractions of the network's width and height.
 */
export function cameraAt(f) {
  const zoom = Math.pow(6, Math.sin(Math.PI * f));
  const a = 2 * Math.PI * f;
  return { zoom, dx: 0.25 * Math.sin(a), dy: 0.25 * (1 - Math.cos(a)) / 2 };
}

/** hoverTargets: the actors the hover run highlights, the busiest first. */
export function hoverTargets(actors, count = 30) {
  const byDegree = [...actors].sort((a, b) => b.degree - a.degree);
  const out = byDegree.slice(0, 10).map((a) => a.id);
  for (let i = 0; out.length < count; i++) out.push(actors[(i * 7919) % actors.length].id);
  return out;
}

/** The WebGL renderer Chromium gives a page, or why none. */
export function webglInfo() {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return "no WebGL2 context";
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  } catch (e) {
    return `WebGL2 failed: ${e}`;
  }
}

/** sizeOf is a Blob's bytes, or a string's UTF-8 length. */
export function sizeOf(x) {
  return typeof x === "string" ? new TextEncoder().encode(x).length : x.size;
}

/** publish hands the page's bench object to the driver. */
export function publish(bench) {
  window.bench = bench;
}

/** fail records an error the driver reports instead of waiting. */
export function fail(err) {
  window.benchError = String((err && err.stack) || err);
  console.error(err);
}
