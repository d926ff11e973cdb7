//go:build !unix

package embedded

// freeSpace is unknown here: CheckWritable relies on its probe alone.
func freeSpace(string) (uint64, bool) { return 0, false }
