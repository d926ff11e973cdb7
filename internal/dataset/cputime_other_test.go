//go:build !unix

package dataset

import "time"

// cpuTime is not known here: the benchmark reports the wall clock only.
func cpuTime() time.Duration { return 0 }
