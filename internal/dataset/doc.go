// Package dataset reads and writes ecograph dataset files: the versioned
// JSON format ("format": "ecograph/v1") that the seed network is kept in
// and that import and export use. docs/format.md describes the format.
//
// Decode reads a file record by record and holds each record to the
// store's rules; Check makes sure the records' references (relation ends,
// countries, cited sources) name something; Read does both. Encode writes a
// dataset in the canonical form: records sorted by id, two-space indent, so
// that decoding and encoding a canonical file gives it back byte for byte.
package dataset
