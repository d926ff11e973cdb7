package main

import (
	"context"
	"time"

	"github.com/ecograph/ecograph/internal/browsertest"
)

// gesture pans and zooms the view as a user does, through Chromium's input
// pipeline (browsertest.PanAndZoom: wheel in, a circling drag, wheel out),
// while the page records the frames, so the libraries' own gesture
// handling (Cytoscape's textureOnViewport, Sigma's hideEdgesOnMove, zoom
// animations) is part of what is measured.
func gesture(tab context.Context, timeout, length time.Duration, into *frames) error {
	ctx, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	if err := evaluate(ctx, timeout, "window.bench.gestureStart()", &struct{}{}); err != nil {
		return err
	}
	const cx, cy = 640, 400
	if err := browsertest.PanAndZoom(ctx, cx, cy, length); err != nil {
		return err
	}
	return evaluate(ctx, timeout, "window.bench.gestureStop()", into)
}
