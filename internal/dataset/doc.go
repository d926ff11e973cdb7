// Package dataset reads and writes ecograph dataset files: the versioned
// JSON format ("format": "ecograph/v1") that the seed network is kept in
// and that import and export use, and the same records as CSV files, one
// for sources, one for actors, one for relations. docs/format.md describes
// both.
//
// Scan (JSON), ScanCSV, ScanFile and ScanFiles read a file a record at a
// time, hold each record to the store's rules, refuse an id used twice,
// and hand each good record to a visitor with its Place in the file; they
// keep one record in memory at a time, and the ids. Decode reads a whole
// JSON file into a store.Dataset; Check makes sure the records' references
// (relation ends, countries, cited sources) name something; Read does
// both. An Encoder or a CSVEncoder writes the canonical form as a
// store.Dumper hands it records; Encode writes a store.Dataset so:
// decoding and encoding a canonical file gives it back byte for byte.
package dataset
