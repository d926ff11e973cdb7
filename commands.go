package main

import (
	"github.com/spf13/cobra"

	"github.com/ecograph/ecograph/internal/config"
)

// newRootCommand builds the command line. With no subcommand, ecograph
// serves: `go run .` is `ecograph serve`.
func newRootCommand(env config.Env) *cobra.Command {
	serveCmd := newServeCommand(env)
	root := &cobra.Command{
		Use:           "ecograph",
		Short:         "A GraphQL knowledge graph of ecosystem actors",
		Long:          "ecograph serves a GraphQL knowledge graph of ecosystem actors and their cited relations.\nWith no command it runs serve.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          serveCmd.RunE,
	}
	root.Flags().AddFlagSet(serveCmd.Flags())
	root.AddCommand(serveCmd, newImportCommand(env), newExportCommand(env), newGenerateCommand(env),
		newStatsCommand(env), newValidateCommand(), newReindexCommand(env))
	return root
}

func newServeCommand(env config.Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API, the home page and health checks",
		Args:  cobra.NoArgs,
	}
	cfg, cfgErr := config.BindServe(cmd.Flags(), env)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if cfgErr != nil {
			return cfgErr
		}
		if err := cfg.Validate(); err != nil {
			return err
		}
		return serve(cmd.Context(), cfg)
	}
	return cmd
}
