// A frame recorder, for measuring how smoothly the picture moves: it
// times every frame the browser draws between start and stop. The
// benchmark (internal/web, BenchmarkExplorerLarge) pans and zooms with
// real input events meanwhile.

let times = null;
let last = 0;

function tick(now) {
  if (!times) return;
  if (last) times.push(now - last);
  last = now;
  requestAnimationFrame(tick);
}

/** startFrames starts timing frames. */
export function startFrames() {
  times = [];
  last = 0;
  requestAnimationFrame(tick);
}

/** stopFrames stops timing and returns the count, mean, 95th percentile and worst frame, in ms. */
export function stopFrames() {
  const f = times || [];
  times = null;
  const sorted = [...f].sort((a, b) => a - b);
  return {
    frames: f.length,
    meanMs: f.length ? f.reduce((x, y) => x + y, 0) / f.length : 0,
    p95Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : 0,
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    over33: f.filter((x) => x > 33.4).length,
  };
}
