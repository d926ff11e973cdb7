package analytics

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/ecograph/ecograph/internal/store"
)

// Engine keeps a store's network and the Views of it that were asked for,
// and works them out again only when the store's network version changes.
// It is safe for concurrent use.
type Engine struct {
	src   store.Networker
	views int

	mu    sync.Mutex
	cur   *generation
	group singleflight.Group
}

// generation is what the engine keeps of one version of the network.
// A new version gets a new generation, so a View built from an old one by
// a slow caller can never land among the new one's.
type generation struct {
	version string
	net     *Network
	views   *lru.Cache[store.Day, *View] // as of a day; the View with everything is net's own
}

// Option changes how an Engine works.
type Option func(*Engine)

// WithViews sets how many Views as of a day the engine keeps, the least
// recently used going first; 16 unless set, at least 1. The View with
// everything is kept besides.
func WithViews(n int) Option {
	return func(e *Engine) { e.views = max(n, 1) }
}

// New returns an engine over src.
func New(src store.Networker, opts ...Option) *Engine {
	e := &Engine{src: src, views: 16}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Network returns the current network.
func (e *Engine) Network(ctx context.Context) (*Network, error) {
	g, err := e.current(ctx)
	if err != nil {
		return nil, err
	}
	return g.net, nil
}

// View returns the current network as of asOf, or with everything when
// asOf is nil.
func (e *Engine) View(ctx context.Context, asOf *store.Day) (*View, error) {
	g, err := e.current(ctx)
	if err != nil {
		return nil, err
	}
	if asOf == nil {
		return g.net.View(nil), nil
	}
	day := *asOf
	if v, ok := g.views.Get(day); ok {
		return v, nil
	}
	key := "view\x00" + g.version + "\x00" + strconv.Itoa(int(day))
	v, err := e.shared(ctx, key, func() (any, error) {
		// A build that finished between the look above and now is not
		// shared any more, but it is kept.
		if v, ok := g.views.Get(day); ok {
			return v, nil
		}
		v := g.net.View(&day)
		g.views.Add(day, v)
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*View), nil
}

// current asks the store for its network version on every call, which is
// cheap, and fetches the network only when the version is new. The
// version is read before the network: should the network change in
// between, what is kept is newer than its version says, and the next call
// fetches it again, rather than keeping an old network under a new
// version.
func (e *Engine) current(ctx context.Context) (*generation, error) {
	version, err := e.src.NetworkVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("analytics: network version: %w", err)
	}
	e.mu.Lock()
	g := e.cur
	e.mu.Unlock()
	if g != nil && g.version == version {
		return g, nil
	}
	got, err := e.shared(ctx, "network\x00"+version, func() (any, error) {
		// A fetch that finished between the look above and now is not
		// shared any more, but it is kept.
		e.mu.Lock()
		kept := e.cur
		e.mu.Unlock()
		if kept != nil && kept.version == version {
			return kept, nil
		}
		// Callers share this fetch, so one that gives up must not cancel
		// it for the rest.
		n, err := e.src.Network(context.WithoutCancel(ctx))
		if err != nil {
			return nil, fmt.Errorf("analytics: network: %w", err)
		}
		views, err := lru.New[store.Day, *View](e.views)
		if err != nil {
			return nil, err // only for a size below 1, which WithViews rules out
		}
		g := &generation{version: version, net: NewNetwork(n), views: views}
		e.mu.Lock()
		e.cur = g
		e.mu.Unlock()
		return g, nil
	})
	if err != nil {
		return nil, err
	}
	return got.(*generation), nil
}

// shared runs work once for all callers that ask for key at the same time,
// each waiting until it is done or its own ctx is.
func (e *Engine) shared(ctx context.Context, key string, work func() (any, error)) (any, error) {
	select {
	case r := <-e.group.DoChan(key, work):
		return r.Val, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
