package main

import (
	"fmt"
	"io"
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

// writeRatios prints, per operation and concurrency, ecograph on Neo4j
// against the peer (throughput: the goal is >= 2; p99: <= 0.5) and against
// hand-written Cypher (p50: <= 1.5 on node+50, the pages and count), and
// the embedded store against its floor (p50: <= 2).
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
	fmt.Fprintf(w, "\n#### %s: ratios\n\n| op | concurrency | ecograph/peer req/s (goal >= 2) | ecograph/peer p99 (goal <= 0.5) | ecograph/Cypher p50 | embedded/floor p50 (goal <= 2) | embedded p50 | floor p50 (http + bfs) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n", size)
	for _, k := range order {
		m := by[k]
		cell := func(ok bool, f func() float64) string {
			if !ok {
				return ""
			}
			return fmt.Sprintf("%.2f", f())
		}
		eco, peer, cy, emb, rtt, bfs := m[sysEco], m[sysPeer], m[sysCypher], m[sysEmbedded], m[sysFloorRTT], m[sysFloorBFS]
		if peer != nil && peer.failed != "" {
			peer = nil
		}
		floor := time.Duration(0)
		if rtt != nil && bfs != nil {
			floor = rtt.quantile(0.5) + bfs.quantile(0.5)
		}
		embP50, floorCell := "", ""
		if emb != nil && floor > 0 {
			embP50, floorCell = ms(emb.quantile(0.5)), fmt.Sprintf("%s (%s + %s)", ms(floor), ms(rtt.quantile(0.5)), ms(bfs.quantile(0.5)))
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s |\n", k.op, k.conc,
			cell(eco != nil && peer != nil, func() float64 { return eco.rate() / peer.rate() }),
			cell(eco != nil && peer != nil, func() float64 { return float64(eco.quantile(0.99)) / float64(peer.quantile(0.99)) }),
			cell(eco != nil && cy != nil, func() float64 { return float64(eco.quantile(0.5)) / float64(cy.quantile(0.5)) }),
			cell(emb != nil && floor > 0, func() float64 { return float64(emb.quantile(0.5)) / float64(floor) }),
			embP50, floorCell)
	}
}
