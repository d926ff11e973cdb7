package main

import (
	"context"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// gesture pans and zooms the view as a user does, through Chromium's input
// pipeline: for the first third of length wheel turns zoom in at the
// middle, for the second a drag circles, for the last wheel turns zoom out.
// The page records the frames meanwhile, so the libraries' own gesture
// handling (Cytoscape's textureOnViewport, Sigma's hideEdgesOnMove, zoom
// animations) is part of what is measured. Each event waits for Chromium
// to take it, so a page that blocks gets fewer events, as a user's would.
func gesture(tab context.Context, timeout, length time.Duration, into *frames) error {
	ctx, cancel := context.WithTimeout(tab, timeout)
	defer cancel()
	if err := evaluate(ctx, timeout, "window.bench.gestureStart()", &struct{}{}); err != nil {
		return err
	}
	const cx, cy = 640, 400
	start := time.Now()
	third := length / 3
	wheel := func(dy float64) error {
		return chromedp.Do(ctx, wheelEvent(cx, cy, dy))
	}
	for time.Since(start) < third {
		if err := wheel(-100); err != nil {
			return err
		}
		time.Sleep(80 * time.Millisecond)
	}
	at := func(t time.Duration) (float64, float64) {
		a := 2 * math.Pi * float64(t-third) / float64(third)
		return cx + 200*math.Sin(a), cy - 120*(1-math.Cos(a))
	}
	x, y := at(third)
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
		return err
	}
	for time.Since(start) < 2*third {
		x, y = at(time.Since(start))
		if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) {
			p.Buttons = 1
		})); err != nil {
			return err
		}
		time.Sleep(16 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))); err != nil {
		return err
	}
	for time.Since(start) < length {
		if err := wheel(100); err != nil {
			return err
		}
		time.Sleep(80 * time.Millisecond)
	}
	return evaluate(ctx, timeout, "window.bench.gestureStop()", into)
}

// wheelParams is Input.dispatchMouseEvent's parameters for a wheel turn:
// cdproto's own type omits a zero deltaX, which the protocol requires.
type wheelParams struct {
	Type   string  `json:"type"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	DeltaX float64 `json:"deltaX"`
	DeltaY float64 `json:"deltaY"`
}

var wheelCommand = cdp.Command[wheelParams, cdp.Empty]{Method: input.CommandDispatchMouseEvent}

// wheelEvent turns the wheel by dy CSS pixels at x, y.
func wheelEvent(x, y, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, wheelCommand, wheelParams{Type: string(chromedp.MouseWheel), X: x, Y: y, DeltaY: dy})
		return err
	})
}
