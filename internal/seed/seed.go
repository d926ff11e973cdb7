// Package seed holds the seed network: what one news article (2024-06-10)
// reports about South Korea's Soonchunhyang University, the startups it
// founded, IT Park Uzbekistan and the events that bring them together. The
// facts live in data/seed.json, a dataset file in the ecograph/v1 format
// (docs/format.md), built into the binary; every actor and relation cites
// the article's sentence that states it.
package seed

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// file is data/seed.json; a string, so that nothing can change it.
//
//go:embed data/seed.json
var file string

// FileName is how errors and tools name the seed file.
const FileName = "internal/seed/data/seed.json"

// Dataset returns the seed network, decoded and checked afresh on each
// call, so that callers may change what they get.
func Dataset() (store.Dataset, error) {
	d, err := dataset.Read(strings.NewReader(file), FileName, nil)
	if err != nil {
		return store.Dataset{}, fmt.Errorf("seed: %w", err)
	}
	return d, nil
}

// LoadIfEmpty loads the seed network into s when s holds nothing, and says
// whether it did. A store that holds anything, even less than the seed, is
// left as it is: its owner's data wins.
func LoadIfEmpty(ctx context.Context, s interface {
	Empty(context.Context) (bool, error)
	Load(context.Context, store.Dataset) error
}) (loaded bool, err error) {
	empty, err := s.Empty(ctx)
	if err != nil {
		return false, fmt.Errorf("seed: is the store empty: %w", err)
	}
	if !empty {
		return false, nil
	}
	d, err := Dataset()
	if err != nil {
		return false, err
	}
	if err := s.Load(ctx, d); err != nil {
		return false, fmt.Errorf("seed: loading the seed network: %w", err)
	}
	return true, nil
}
