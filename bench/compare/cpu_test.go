package main

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// rusage is this process's CPU time as getrusage gives it: the reference
// the meter's reading of /proc is held to.
func rusage(t *testing.T) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		t.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// The meter must see the CPU a process spends: this one burns a quarter
// of a second of CPU (however long that takes on a busy machine) and must
// find it in its own /proc times and in the machine's.
func TestCPUMeterSeesWork(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the meter reads /proc")
	}
	m := &cpuMeter{}
	m.add(cpuHarness, os.Getpid())
	m.add("gone", 1<<22+7) // no such process: read as unknown, not as zero
	a, ra := m.sample(), rusage(t)
	for rusage(t)-ra < 250*time.Millisecond {
	}
	b, spent := m.sample(), rusage(t)-ra
	into := map[string]time.Duration{}
	machine := m.since(a, b, into)
	// /proc counts in ticks of 10 ms, and the test's other goroutines run too.
	if got := into[cpuHarness]; got < spent-30*time.Millisecond || got > spent+100*time.Millisecond {
		t.Errorf("the meter read %v of CPU where getrusage says %v", got, spent)
	}
	if _, ok := into["gone"]; ok {
		t.Errorf("a process that is not there was counted: %v", into)
	}
	if machine < into[cpuHarness]-20*time.Millisecond {
		t.Errorf("the machine's busy time %v is less than one of its processes' %v", machine, into[cpuHarness])
	}
}
