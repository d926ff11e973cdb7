package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// langTag checks a BCP 47 tag and writes it in its usual form (uz-Latn
// for uz-latn); field names the argument for the error.
func langTag(field, lang string) (string, error) {
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil || lang == "" {
		return "", store.Invalid(field, "%q is not a BCP 47 language tag such as en, uz-Latn, uz-Cyrl, ko or ru", lang)
	}
	return tag.String(), nil
}

// nameValue checks a name or alias given on its own.
func nameValue(field, value string) (string, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", store.Invalid(field, "must not be empty")
	}
	return v, nil
}

// changeNames changes actor id's Names or Aliases through UpdateActor:
// change works them out from the actor as stored, inside the write's
// transaction (store.ActorPatch.Edit), so that two names added at once
// both stay.
func changeNames(ctx context.Context, s store.Store, id string, change func(a *store.Actor) error) (*store.Actor, error) {
	return s.UpdateActor(ctx, id, store.ActorPatch{Edit: change})
}

func addName(ctx context.Context, s store.Store, id, value, lang string) (*store.Actor, error) {
	value, err := nameValue("name.value", value)
	if err != nil {
		return nil, err
	}
	if lang, err = langTag("name.lang", lang); err != nil {
		return nil, err
	}
	n := store.LocalizedName{Value: value, Lang: lang}
	return changeNames(ctx, s, id, func(a *store.Actor) error {
		if !slices.Contains(a.Names, n) {
			a.Names = append(slices.Clip(a.Names), n)
		}
		return nil
	})
}

func removeName(ctx context.Context, s store.Store, id, value, lang string) (*store.Actor, error) {
	return changeNames(ctx, s, id, func(a *store.Actor) error {
		names := slices.DeleteFunc(slices.Clone(a.Names), func(n store.LocalizedName) bool {
			return n.Value == value && strings.EqualFold(n.Lang, lang)
		})
		if len(names) == len(a.Names) {
			return &store.NotFoundError{What: "name", ID: fmt.Sprintf("%s (%s) of actor %s", value, lang, id)}
		}
		a.Names = names
		return nil
	})
}

func addAlias(ctx context.Context, s store.Store, id, alias string) (*store.Actor, error) {
	alias, err := nameValue("alias", alias)
	if err != nil {
		return nil, err
	}
	return changeNames(ctx, s, id, func(a *store.Actor) error {
		if !slices.Contains(a.Aliases, alias) {
			a.Aliases = append(slices.Clip(a.Aliases), alias)
		}
		return nil
	})
}

func removeAlias(ctx context.Context, s store.Store, id, alias string) (*store.Actor, error) {
	return changeNames(ctx, s, id, func(a *store.Actor) error {
		aliases := slices.DeleteFunc(slices.Clone(a.Aliases), func(x string) bool { return x == alias })
		if len(aliases) == len(a.Aliases) {
			return &store.NotFoundError{What: "alias", ID: fmt.Sprintf("%s of actor %s", alias, id)}
		}
		a.Aliases = aliases
		return nil
	})
}

// actorOrErr is the API's actor for what a names mutation returned.
func actorOrErr(a *store.Actor, err error) (model.Actor, error) {
	if err != nil {
		return nil, err
	}
	return model.NewActor(a), nil
}
