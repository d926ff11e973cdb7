// Package model holds the GraphQL types of ecograph: those gqlgen
// generates from the schema (models_gen.go) and those written by hand to
// map store types onto the schema (actors, relations, sources, dates).
package model
