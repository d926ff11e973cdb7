package main

import (
	"os"
	"sync"
	"testing"
)

// runDirs are the temporary folders made once and shared by the tests of
// one run (the built binary, the generated network); TestMain removes them
// when the run ends, as t.TempDir does for one test's.
var runDirs struct {
	sync.Mutex
	paths []string
}

// runTempDir makes a temporary folder that lasts until the run ends.
func runTempDir(pattern string) (string, error) {
	dir, err := os.MkdirTemp("", pattern)
	if err == nil {
		runDirs.Lock()
		runDirs.paths = append(runDirs.paths, dir)
		runDirs.Unlock()
	}
	return dir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	runDirs.Lock()
	for _, dir := range runDirs.paths {
		_ = os.RemoveAll(dir)
	}
	runDirs.Unlock()
	os.Exit(code)
}
