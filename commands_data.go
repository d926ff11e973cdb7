package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/export"
	"github.com/ecograph/ecograph/internal/importer"
	"github.com/ecograph/ecograph/internal/progress"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/synth"
)

// The researcher's commands: import, export, generate, stats, validate.
// Each that touches a store takes serve's store settings (BindStore).

// withStore binds the store settings to cmd and runs use with the store
// they name, closing it afterwards. Unless mayCreate (nil: never) says
// this run writes, a missing data file is refused rather than made.
func withStore(cmd *cobra.Command, env config.Env, mayCreate func() bool, use func(ctx context.Context, s store.Store, cmd *cobra.Command, args []string) error) {
	cfg := config.BindStore(cmd.Flags(), env)
	cmd.RunE = func(cmd *cobra.Command, args []string) (err error) {
		if err := cfg.ValidateStore(); err != nil {
			return err
		}
		creating, err := checkDataFile(cfg, mayCreate != nil && mayCreate())
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		s, err := openStore(ctx, cfg)
		if err != nil {
			var busy *store.UnavailableError
			if cfg.Store == config.StoreEmbedded && errors.As(err, &busy) {
				return fmt.Errorf("%s: stop it first, or send the data to the running server with the importGraph mutation", busy.Message)
			}
			return err
		}
		if creating {
			fmt.Fprintln(cmd.ErrOrStderr(), createdMessage(cfg))
		}
		defer func() {
			if cerr := s.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("closing the store: %w", cerr)
			}
		}()
		return withCause(use(ctx, s, cmd, args))
	}
}

// withCause adds to a store's UnavailableError, whose message is written
// for API clients, the cause it keeps for the log: on the command line the
// user runs the store, and "no space left on device" tells them what to
// do where "the write could not be saved" does not.
func withCause(err error) error {
	var unavailable *store.UnavailableError
	if err == nil || !errors.As(err, &unavailable) || unavailable.Err == nil {
		return err
	}
	return fmt.Errorf("%w (%v)", err, unavailable.Err)
}

func newImportCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import [--store embedded|neo4j] [--dry-run] FILE...",
		Short: "Import dataset files (ecograph/v1 JSON, or CSV) into the store",
		Long: `Import upserts the records of dataset files into the store by id: importing the
same files again changes nothing. Files are JSON in the ecograph/v1 format or CSV
(docs/format.md); relations may name actors of other files or of the store.

The files are checked whole before anything is written: one bad record refuses
the import, and every problem is reported with its file, line, column, field and
value. --dry-run stops after the check.`,
		Args: cobra.MinimumNArgs(1),
	}
	dryRun := cmd.Flags().Bool("dry-run", false, "check the files and count their records; write nothing")
	batch := cmd.Flags().Int("batch", importer.DefaultBatch, "records written to the store at a time")
	withStore(cmd, env, func() bool { return !*dryRun }, func(ctx context.Context, s store.Store, cmd *cobra.Command, args []string) error {
		r, err := importer.Import(ctx, s, importer.Paths(args...), importer.Options{
			DryRun: *dryRun, Batch: *batch, Progress: progress.For(cmd.ErrOrStderr()),
		})
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		verb := "imported"
		if *dryRun {
			verb = "checked (dry run, nothing written)"
		}
		fmt.Fprintf(out, "%s %d files: %d sources, %d actors, %d relations; %d of them already in the store\n",
			verb, r.Files, r.Sources, r.Actors, r.Relations, r.Stored)
		return nil
	})
	return cmd
}

func newValidateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check dataset files that stand alone, without a store",
		Long: `Validate checks dataset files as import does, without a store: every reference
must name a record of the files. It reports every problem with its file, line,
column, field and value, or counts the records.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := importer.Validate(cmd.Context(), importer.Paths(args...), progress.For(cmd.ErrOrStderr()))
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "valid: %d files, %d sources, %d actors, %d relations\n", r.Files, r.Sources, r.Actors, r.Relations)
			return nil
		},
	}
}

// Export formats.
const (
	formatJSON    = "json"
	formatCSV     = "csv"
	formatGraphML = "graphml"
	formatGEXF    = "gexf"
	formatCypher  = "cypher"
)

func newExportCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export --format json|csv|graphml|gexf|cypher [--out PATH]",
		Short: "Write the whole network in a file format",
		Long: `Export writes the whole network: json (the ecograph/v1 format import reads), csv
(sources.csv, actors.csv and relations.csv in the directory --out names), graphml
and gexf (for NetworkX, Gephi and other graph tools), or cypher (statements that
rebuild the network in an empty Neo4j). Without --out, it writes to standard
output (not for csv). docs/export.md describes each format.`,
		Args: cobra.NoArgs,
	}
	format := cmd.Flags().String("format", "", "json, csv, graphml, gexf or cypher")
	out := cmd.Flags().String("out", "", "the file to write (for csv: a directory); standard output when empty")
	_ = cmd.MarkFlagRequired("format")
	withStore(cmd, env, nil, func(ctx context.Context, s store.Store, cmd *cobra.Command, _ []string) error {
		return exportTo(ctx, s, *format, *out, cmd.OutOrStdout())
	})
	return cmd
}

// exportTo writes d in format to path, or to stdout when path is empty.
// A file is written beside its final name and renamed into place, so that
// a failed export leaves no half-written file under that name.
func exportTo(ctx context.Context, d store.Dumper, format, path string, stdout io.Writer) error {
	if format == formatCSV {
		if path == "" {
			return fmt.Errorf("--out: a csv export is three files (sources.csv, actors.csv, relations.csv): name the directory to write them to")
		}
		return exportCSV(ctx, d, path)
	}
	write, err := exporter(format)
	if err != nil {
		return err
	}
	if path == "" {
		return write(ctx, stdout, d)
	}
	return writeFile(path, func(w io.Writer) error { return write(ctx, w, d) })
}

func exporter(format string) (func(context.Context, io.Writer, store.Dumper) error, error) {
	switch format {
	case formatJSON:
		return func(ctx context.Context, w io.Writer, d store.Dumper) error {
			e := dataset.NewEncoder(w)
			if err := d.Dump(ctx, e.Visitor()); err != nil {
				return err
			}
			return e.Close()
		}, nil
	case formatGraphML:
		return export.GraphML, nil
	case formatGEXF:
		return export.GEXF, nil
	case formatCypher:
		return neo4j.WriteCypher, nil
	}
	return nil, fmt.Errorf("--format: %q is not an export format; use json, csv, graphml, gexf or cypher", format)
}

func exportCSV(ctx context.Context, d store.Dumper, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	names := []string{"sources.csv", "actors.csv", "relations.csv"}
	files := make([]*os.File, len(names))
	defer func() {
		for _, f := range files {
			if f != nil {
				_ = f.Close()
				_ = os.Remove(f.Name())
			}
		}
	}()
	for i, n := range names {
		f, err := createTemp(dir, n)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		files[i] = f
	}
	e := dataset.NewCSVEncoder(files[0], files[1], files[2])
	if err := d.Dump(ctx, e.Visitor()); err != nil {
		return err
	}
	if err := e.Close(); err != nil {
		return err
	}
	for i, f := range files {
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Rename(f.Name(), filepath.Join(dir, names[i])); err != nil {
			return err
		}
		files[i] = nil
	}
	return nil
}

// createTemp makes the hidden temporary file that becomes dir/name once
// written, readable by others as a file made by os.Create would be
// (os.CreateTemp makes it 0600).
func createTemp(dir, name string) (*os.File, error) {
	f, err := os.CreateTemp(dir, "."+name+".*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// writeFile writes a file through a temporary one beside it.
func writeFile(path string, write func(io.Writer) error) (err error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	f, err := createTemp(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func newGenerateCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "generate --actors N --relations M [--seed S] [--format json|csv] [--out PATH]",
		Short: "Make a synthetic network, to a file or into the store",
		Long: `Generate makes a synthetic network of N actors and M relations in several
countries, scripts and languages; the same --seed gives the same network. With
--out it writes the network as a file (json) or a directory (csv) that import
reads; without --out it loads it into the store.`,
		Args: cobra.NoArgs,
	}
	actors := cmd.Flags().Int("actors", 1000, "how many actors")
	relations := cmd.Flags().Int("relations", 5000, "how many relations")
	seed := cmd.Flags().Int64("seed", 1, "fixes the network: the same seed gives the same network")
	format := cmd.Flags().String("format", formatJSON, "json or csv, with --out")
	out := cmd.Flags().String("out", "", "the file (for csv: the directory) to write; into the store when empty")
	generate := func() (store.Dataset, error) {
		if *actors < 1 || *relations < 0 {
			return store.Dataset{}, fmt.Errorf("--actors must be at least 1 and --relations at least 0")
		}
		return synth.Generate(synth.Config{Actors: *actors, Relations: *relations, Seed: *seed}), nil
	}
	withStore(cmd, env, func() bool { return true }, func(ctx context.Context, s store.Store, cmd *cobra.Command, _ []string) error {
		d, err := generate()
		if err != nil {
			return err
		}
		if err := s.Load(ctx, d); err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "loaded %d sources, %d actors, %d relations\n", len(d.Sources), len(d.Actors), len(d.Relations))
		return nil
	})
	intoStore := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if *out == "" {
			return intoStore(cmd, args)
		}
		if *format != formatJSON && *format != formatCSV {
			return fmt.Errorf("--format: %q is not a generate format; use json or csv", *format)
		}
		d, err := generate()
		if err != nil {
			return err
		}
		return exportTo(cmd.Context(), d, *format, *out, cmd.OutOrStdout())
	}
	return cmd
}

func newStatsCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stats [--store embedded|neo4j]",
		Short: "Count what the store holds: sources, actors by kind, relations by type",
		Args:  cobra.NoArgs,
	}
	withStore(cmd, env, nil, func(ctx context.Context, s store.Store, cmd *cobra.Command, _ []string) error {
		var sources int
		kinds := map[store.Kind]int{}
		types := map[store.RelationType]int{}
		err := s.Dump(ctx, store.Visitor{
			Source:   func(*store.Source) error { sources++; return nil },
			Actor:    func(a *store.Actor) error { kinds[a.Kind]++; return nil },
			Relation: func(r *store.Relation) error { types[r.Type]++; return nil },
		})
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "sources\t%d\t\n", sources)
		fmt.Fprintf(tw, "actors\t%d\t\n", sum(kinds))
		for _, k := range store.Kinds {
			fmt.Fprintf(tw, "  %s\t%d\t\n", k, kinds[k])
		}
		fmt.Fprintf(tw, "relations\t%d\t\n", sum(types))
		for _, t := range store.RelationTypes {
			fmt.Fprintf(tw, "  %s\t%d\t\n", t, types[t])
		}
		return tw.Flush()
	})
	return cmd
}

func sum[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func newReindexCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reindex --store neo4j",
		Short: "Make the search terms of every actor's names again (Neo4j)",
		Long: `Reindex makes the search terms the Neo4j store keeps on every name again: for
data loaded into Neo4j some other way (a Cypher script, another tool), or after
an upgrade changed the folding rules, which ecograph warns of when it starts. The
embedded store builds its search index when it opens and needs no reindex.`,
		Args: cobra.NoArgs,
	}
	withStore(cmd, env, nil, func(ctx context.Context, s store.Store, cmd *cobra.Command, _ []string) error {
		r, ok := s.(interface {
			Reindex(ctx context.Context) (int, error)
		})
		if !ok {
			fmt.Fprintln(cmd.OutOrStdout(), "the embedded store builds its search index when it opens: nothing to do")
			return nil
		}
		n, err := r.Reindex(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "made the search terms of %d actors again\n", n)
		return nil
	})
	return cmd
}
