package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ecograph/ecograph/internal/config"
)

// checkDataFile looks at the embedded store's file before it is opened,
// so that a mistyped --data does not quietly make folders and an empty
// store. A command that only reads (stats, export, import --dry-run)
// refuses a missing or empty file, creating nothing; one that writes
// (serve, import, generate) may make it, and learns that it will
// (creating), to say so. Neo4j has no file: nothing to check.
func checkDataFile(cfg *config.Config, mayCreate bool) (creating bool, err error) {
	if cfg.Store != config.StoreEmbedded {
		return false, nil
	}
	path := cfg.Data
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !mayCreate {
			return false, fmt.Errorf("no data file at %s: check --data (or ECOGRAPH_DATA); to make one, start the server or import first", path)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("the data file %s: %w", path, err)
	case info.IsDir():
		return false, fmt.Errorf("the data file %s is a directory: --data names the store's file, such as %s/ecograph.db", path, path)
	case info.Size() == 0:
		// bbolt makes a new store in an empty file.
		if !mayCreate {
			return false, fmt.Errorf("the data file %s is empty: check --data (or ECOGRAPH_DATA); to make a store in it, start the server or import first", path)
		}
		return true, nil
	}
	return false, nil
}

// createdMessage is the line a command logs when it made the data file.
func createdMessage(cfg *config.Config) string {
	return "created a new data file at " + cfg.Data
}
