package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Where a request's CPU goes. On a machine of two cores the latency at
// concurrency 8 follows the CPU every request costs all the processes it
// passes through, not only the server's: the harness therefore reads,
// around each turn, the CPU time of Neo4j, of each server it started, of
// itself, and of the whole machine (from /proc), and the CPU table gives
// each per request. What the machine spent beyond those processes is
// "rest": other work on the machine during the turn, which a quiet run
// keeps near zero.

// ticksPerSecond is the kernel's USER_HZ, the unit of /proc's CPU times:
// 100 on every Linux this runs on.
const ticksPerSecond = 100

// cpuMeter knows the processes to read: each by the name the CPU table
// gives it.
type cpuMeter struct {
	names []string
	pids  []int
}

// add registers pid under name; a pid of 0 is ignored.
func (m *cpuMeter) add(name string, pid int) {
	if m == nil || pid <= 0 {
		return
	}
	m.names = append(m.names, name)
	m.pids = append(m.pids, pid)
}

// cpuSample is the CPU time each process and the machine have used so far.
type cpuSample struct {
	procs   []time.Duration // as cpuMeter.pids; -1 where unreadable
	machine time.Duration   // every core's busy time
}

// sample reads them now; off Linux it reads nothing.
func (m *cpuMeter) sample() cpuSample {
	if m == nil {
		return cpuSample{}
	}
	s := cpuSample{procs: make([]time.Duration, len(m.pids)), machine: machineBusy()}
	for i, pid := range m.pids {
		s.procs[i] = procCPU(pid)
	}
	return s
}

// since adds what each process used from a to b into into (by name), and
// returns the machine's busy time over the same span.
func (m *cpuMeter) since(a, b cpuSample, into map[string]time.Duration) time.Duration {
	if m == nil || len(a.procs) != len(m.pids) || len(b.procs) != len(m.pids) {
		return 0
	}
	for i, name := range m.names {
		if a.procs[i] >= 0 && b.procs[i] >= 0 {
			into[name] += b.procs[i] - a.procs[i]
		}
	}
	return b.machine - a.machine
}

// procCPU is a process's user and system time so far, or -1.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// The command name, in brackets, may hold spaces: the fields are
	// counted from the last bracket, utime and stime being the 14th and
	// 15th of the line.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return -1
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return ticks(u + s)
}

// machineBusy is the time every core has spent on anything but idling
// and waiting for the disk, from /proc/stat's first line.
func machineBusy() time.Duration {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 512))
	if err != nil {
		return 0
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0
	}
	var busy int64
	// user nice system idle iowait irq softirq steal: all but idle and iowait.
	for _, j := range []int{1, 2, 3, 6, 7, 8} {
		v, _ := strconv.ParseInt(fields[j], 10, 64)
		busy += v
	}
	return ticks(busy)
}

func ticks(n int64) time.Duration { return time.Duration(n) * time.Second / ticksPerSecond }

// neo4jPid is the pid of the Neo4j that scripts/neo4j started in the home
// it was given (scripts/bench-compare exports it), or 0.
func neo4jPid() int {
	home := os.Getenv("ECOGRAPH_NEO4J_HOME")
	if home == "" {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(home, "neo4j.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}
