//go:build unix

package embedded

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// freeSpace is how many bytes the file system of path still has for the
// data file.
func freeSpace(path string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(path), &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
