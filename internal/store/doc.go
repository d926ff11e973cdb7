// Package store defines what ecograph keeps and asks of a graph store: the
// actors and relations of an ecosystem network, the sources they cite, the
// queries the API needs, and the typed errors a store returns. It holds no
// database code; the embedded and Neo4j stores implement Store, and
// storetest checks that they answer alike.
package store
