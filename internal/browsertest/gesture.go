// Package browsertest drives pages in headless Chromium the way people
// use them, for the browser tests and the drawing benchmarks: real input
// events through Chromium's own pipeline, not calls into the page.
package browsertest

import (
	"context"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// PanAndZoom pans and zooms the picture at (cx, cy) for length as a user
// does: for the first third wheel turns zoom in, for the second a drag
// circles, for the last wheel turns zoom out. Each event waits for
// Chromium to take it, so a page that blocks gets fewer events, as a
// user's would.
func PanAndZoom(ctx context.Context, cx, cy float64, length time.Duration) error {
	start := time.Now()
	third := length / 3
	for time.Since(start) < third {
		if err := chromedp.Do(ctx, Wheel(cx, cy, -100)); err != nil {
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
		if err := chromedp.Do(ctx, Wheel(cx, cy, 100)); err != nil {
			return err
		}
		time.Sleep(80 * time.Millisecond)
	}
	return nil
}

// wheelParams is Input.dispatchMouseEvent's parameters for a wheel turn:
// cdproto's own type leaves out a zero deltaX, which the protocol
// requires of a wheel event.
type wheelParams struct {
	Type   string  `json:"type"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	DeltaX float64 `json:"deltaX"`
	DeltaY float64 `json:"deltaY"`
}

var wheelCommand = cdp.Command[wheelParams, cdp.Empty]{Method: input.CommandDispatchMouseEvent}

// Wheel turns the mouse wheel by dy CSS pixels at (x, y): up (negative)
// zooms a picture in.
func Wheel(x, y, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, wheelCommand, wheelParams{Type: string(chromedp.MouseWheel), X: x, Y: y, DeltaY: dy})
		return err
	})
}
