// Package analytics works out network measures over an in-memory copy of
// the store's network (store.Network): degree, betweenness and PageRank
// for each actor, communities, brokers, counts and the timeline of events,
// as of any day.
//
// A View is the network as of a day, reduced to an undirected simple
// graph in compact arrays; each measure is worked out on a View the first
// time it is asked for and kept with it. An Engine keeps the current
// network and the Views asked for until the store's network version
// changes.
//
// # Size
//
// It is meant for networks of up to about 100,000 actors and 500,000
// relations. On synth's network of that size, on a 2-core machine (see
// bench_test.go), each measure the first time a View is asked for it:
//
//	store.Network             70 MB kept
//	View                      75 ms,  5 MB kept (11 MB allocated)
//	Degree                    0.6 ms, 0.8 MB
//	Betweenness (estimated)   2.9 s,  0.8 MB kept (25 MB allocated)
//	PageRank                  0.1 s,  0.8 MB kept (12 MB allocated)
//	Communities               0.8 s,  1 MB kept (42 MB allocated)
//	Brokers                   60 ms
//	Stats                     0.1 s
//	Timeline                  0.05 ms a call
//
// Each measure is worked out once per View, shared by the requests that
// ask for it meanwhile; a request waits only until its deadline, and the
// work stops when no request waits for it any more (see lazy).
//
// Betweenness is exact up to ExactBetweennessLimit actors and estimated
// from BetweennessPivots sources past it (View.BetweennessSample says
// which). The rest is worked out in full at any size; communities, by
// the Louvain method, are as good a partition as it finds, not the best
// there is.
//
// Past that size everything still works, in time and memory that grow
// with the relations a little faster than in proportion: at 300,000
// actors and 1.5 million relations the network keeps 215 MB, a View takes
// 0.3 s, betweenness 14 s, PageRank 4 s (gonum's, measured before
// issue 12 replaced it with a faster iteration of our own) and
// communities 2 s. An Engine
// keeps up to 17 Views (16 as of a day and the one with everything), each
// with the measures asked of it, so the memory to plan for is the network
// and about 17 times a View with its measures.
package analytics
