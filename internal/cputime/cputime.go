// Package cputime reads the CPU time the process has used, which the
// benchmarks report beside the wall clock: on a machine shared with other
// work it is the steadier measure.
package cputime
