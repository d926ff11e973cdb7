package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// The tables: every system's throughput and latency, then the ratios the
// issue's goals are written in, each measured within one run.

func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	switch {
	case f >= 100:
		return fmt.Sprintf("%.0f ms", f)
	case f >= 10:
		return fmt.Sprintf("%.1f ms", f)
	default:
		return fmt.Sprintf("%.2f ms", f)
	}
}

// writeResults prints the table of every result.
func writeResults(w io.Writer, size string, results []*result) {
	fmt.Fprintf(w, "\n### %s\n\n| op | system | concurrency | req/s | p50 | p99 | requests |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n", size)
	var failures []string
	for _, r := range results {
		if r.failed != "" {
			fmt.Fprintf(w, "| %s | %s | %d | failed (%d) | | | %d |\n", r.op, r.system, r.conc, len(failures)+1, r.n)
			failures = append(failures, r.failed)
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %d | %.1f | %s | %s | %d |\n", r.op, r.system, r.conc, r.rate(), ms(r.quantile(0.5)), ms(r.quantile(0.99)), r.n)
	}
	for i, f := range failures {
		fmt.Fprintf(w, "\n(%d) %.400s\n", i+1, f)
	}
}

// goals are the goals, by operation: the ratios of ecograph on
// Neo4j to the peer (every operation the peer answers), to hand-written
// Cypher, of the embedded store to its floor, and ecograph's median on
// Neo4j (at 100,000 actors).
var goals = struct {
	cypherP50, floorP50 map[string]float64
	ecoP50              map[string]time.Duration
}{
	cypherP50: map[string]float64{"node+50": 1.5, "page-1": 1.5, "page-N": 1.5, "count": 1.5},
	floorP50:  map[string]float64{"2-hop": 2, "shortest-path": 2},
	ecoP50:    map[string]time.Duration{"search": 10 * time.Millisecond, "2-hop": 50 * time.Millisecond, "shortest-path": 50 * time.Millisecond},
}

// generic is an operation's name as the goals and -ops name it.
func generic(op string) string {
	if strings.HasPrefix(op, "page-") && op != "page-1" {
		return "page-N"
	}
	return op
}

// mark says whether a ratio meets its goal: at most (atMost) or at least.
func mark(v, goal float64, atMost bool) string {
	switch {
	case goal == 0:
		return fmt.Sprintf("%.2f", v)
	case atMost == (v <= goal):
		return fmt.Sprintf("%.2f ✓", v)
	default:
		return fmt.Sprintf("%.2f ✗", v)
	}
}

// writeRatios prints, per operation and concurrency, the ratios the
// issue's goals are written in, each marked ✓ where it meets its goal
// and ✗ where it does not (unmarked: no goal).
func writeRatios(w io.Writer, size string, results []*result) {
	type key struct {
		op   string
		conc int
	}
	by := map[key]map[string]*result{}
	var order []key
	for _, r := range results {
		k := key{r.op, r.conc}
		if by[k] == nil {
			by[k] = map[string]*result{}
			order = append(order, k)
		}
		by[k][r.system] = r
	}
	fmt.Fprintf(w, "\n#### %s: ratios\n\n"+
		"| op | concurrency | ecograph/peer req/s (>= 2) | ecograph/peer p99 (<= 0.5) | ecograph/Cypher p50 | ecograph p50 | embedded/floor p50 (<= 2) | embedded p50 | floor p50 (http + bfs + json) |\n"+
		"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n", size)
	for _, k := range order {
		m := by[k]
		g := generic(k.op)
		eco, peer, cy, emb, rtt, bfs, enc := m[sysEco], m[sysPeer], m[sysCypher], m[sysEmbedded], m[sysFloorRTT], m[sysFloorBFS], m[sysFloorJSON]
		var cells [7]string
		switch {
		case eco != nil && peer != nil && peer.failed != "":
			cells[0], cells[1] = "peer failed ✓", "peer failed ✓"
		case eco != nil && peer != nil:
			cells[0] = mark(eco.rate()/peer.rate(), 2, false)
			cells[1] = mark(float64(eco.quantile(0.99))/float64(peer.quantile(0.99)), 0.5, true)
		}
		if eco != nil && cy != nil {
			cells[2] = mark(float64(eco.quantile(0.5))/float64(cy.quantile(0.5)), goals.cypherP50[g], true)
		}
		if eco != nil {
			cells[3] = ms(eco.quantile(0.5))
			if goal, ok := goals.ecoP50[g]; ok {
				cells[3] += map[bool]string{true: " ✓", false: " ✗"}[eco.quantile(0.5) < goal]
			}
		}
		if emb != nil && rtt != nil && bfs != nil && enc != nil {
			floor := rtt.quantile(0.5) + bfs.quantile(0.5) + enc.quantile(0.5)
			cells[4] = mark(float64(emb.quantile(0.5))/float64(floor), goals.floorP50[g], true)
			// The floor before it wrote the answer, so that nothing is hidden.
			cells[4] += fmt.Sprintf(" (%.2f of http + bfs", float64(emb.quantile(0.5))/float64(rtt.quantile(0.5)+bfs.quantile(0.5)))
			// And the ratio of the CPU a request costs the machine, which a
			// closed loop on few cores is bound by: the floor's parts in the
			// harness run uninterrupted, where HTTP requests queue.
			if f := cpuPer(rtt) + cpuPer(bfs) + cpuPer(enc); f > 0 && cpuPer(emb) > 0 {
				cells[4] += fmt.Sprintf("; CPU %.2f", cpuPer(emb)/f)
			}
			cells[4] += ")"
			cells[5] = ms(emb.quantile(0.5))
			cells[6] = fmt.Sprintf("%s (%s + %s + %s)", ms(floor), ms(rtt.quantile(0.5)), ms(bfs.quantile(0.5)), ms(enc.quantile(0.5)))
		}
		fmt.Fprintf(w, "| %s | %d | %s |\n", k.op, k.conc, strings.Join(cells[:], " | "))
	}
}

// The CPU table's processes, beside the servers named as their systems.
const (
	cpuNeo4j   = "neo4j"
	cpuHarness = "harness"
)

// serverOf is the process that answers system s, if it is a server.
func serverOf(s string) string {
	switch s {
	case sysEco, sysPeer, sysEmbedded:
		return s
	case sysFloorRTT:
		return sysEmbedded
	}
	return ""
}

// writeCPU prints where each system's requests spent CPU: Neo4j, the
// server the system talks to, the harness (its HTTP client or Go driver,
// and the floor's own parts), and the rest of the machine, per request.
func writeCPU(w io.Writer, size string, results []*result) {
	fmt.Fprintf(w, "\n#### %s: CPU per request\n\n"+
		"| op | system | concurrency | Neo4j | its server | harness | rest of the machine | all |\n"+
		"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n", size)
	per := func(d time.Duration, n int) string {
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond)/float64(n))
	}
	for _, r := range results {
		if r.failed != "" || r.n == 0 || r.machine == 0 {
			continue
		}
		var known time.Duration
		for _, d := range r.cpu {
			known += d
		}
		all := cpuAll(r)
		server := ""
		if p := serverOf(r.system); p != "" {
			server = per(r.cpu[p], r.n)
		}
		neo := ""
		if d, ok := r.cpu[cpuNeo4j]; ok {
			neo = per(d, r.n)
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", r.op, r.system, r.conc, neo, server,
			per(r.cpu[cpuHarness], r.n), per(all-known, r.n), per(all, r.n))
	}
}

// cpuPer is the CPU a request of r cost the machine, in milliseconds, or
// 0 when it was not read.
func cpuPer(r *result) float64 {
	if r.n == 0 || r.machine == 0 {
		return 0
	}
	return float64(cpuAll(r)) / float64(time.Millisecond) / float64(r.n)
}

// cpuAll is the CPU r's turns cost the machine. The processes' times and
// the machine's are counted apart by the kernel, and their sum may pass
// the machine's by a tick or two: the larger is taken.
func cpuAll(r *result) time.Duration {
	var known time.Duration
	for _, d := range r.cpu {
		known += d
	}
	return max(r.machine, known)
}
