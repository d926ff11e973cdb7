// Package importer brings dataset files into a store: ecograph import,
// ecograph validate and the importGraph mutation.
//
// An import is all or nothing and goes in two passes over the files:
//
//  1. Check reads every file a record at a time (dataset.ScanFile) and
//     holds each record to the format's rules, each reference to the
//     records of all the files and of the store, and each id to what the
//     store already holds under it. Every problem is reported at its file,
//     line and column; if there is one, nothing is written.
//  2. Write reads the files again and hands the records to the store's
//     Load in batches, each referring only to records written before it
//     or in it. When every reference points back (to an earlier record or
//     to the store), one pass in file order does that. When some point
//     forward, the records go in sweeps over the classes sources,
//     countries, other actors and relations, cut after each class that a
//     reference named ahead of its record: for a file sorted by id, whose
//     actors name countries that come later, sources and countries first,
//     then the rest. A sweep stops reading a file once it has taken that
//     file's records of its classes.
//
// Memory grows with the number of ids in the files, not with their size:
// the check keeps each id with its kind, and the references that were
// not settled when they were read. Load upserts by id, so importing the
// same files again changes nothing, and an import that a failing store
// stopped half-way is finished by running it again.
package importer
