package importer

import (
	"strings"

	"github.com/ecograph/ecograph/internal/dataset"
)

// File is one file to import: its name as errors show it, and how to read
// it a record at a time. An import reads each file twice.
type File struct {
	Name string
	Scan func(visit func(dataset.Record) error) error
}

// Paths are files on disk, JSON or CSV as dataset.ScanFile tells.
func Paths(paths ...string) []File {
	files := make([]File, len(paths))
	for i, p := range paths {
		files[i] = File{Name: p, Scan: func(visit func(dataset.Record) error) error { return dataset.ScanFile(p, visit) }}
	}
	return files
}

// JSON is a dataset in the ecograph/v1 JSON format held in memory, as the
// importGraph mutation receives it.
func JSON(name, text string) File {
	return File{Name: name, Scan: func(visit func(dataset.Record) error) error {
		return dataset.Scan(strings.NewReader(text), name, visit)
	}}
}
