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

// changeNames reads actor id, lets change work out its new Names or
// Aliases, and writes them with UpdateActor. change returns nil to leave
// the actor as it is.
func changeNames(ctx context.Context, s store.Store, id string, change func(a *store.Actor) (*store.ActorPatch, error)) (*store.Actor, error) {
	a, err := s.Actor(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := change(a)
	if err != nil || p == nil {
		return a, err
	}
	return s.UpdateActor(ctx, id, *p)
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
	return changeNames(ctx, s, id, func(a *store.Actor) (*store.ActorPatch, error) {
		if slices.Contains(a.Names, n) {
			return nil, nil
		}
		names := append(slices.Clip(a.Names), n)
		return &store.ActorPatch{Names: &names}, nil
	})
}

func removeName(ctx context.Context, s store.Store, id, value, lang string) (*store.Actor, error) {
	return changeNames(ctx, s, id, func(a *store.Actor) (*store.ActorPatch, error) {
		names := slices.DeleteFunc(slices.Clone(a.Names), func(n store.LocalizedName) bool {
			return n.Value == value && strings.EqualFold(n.Lang, lang)
		})
		if len(names) == len(a.Names) {
			return nil, &store.NotFoundError{What: "name", ID: fmt.Sprintf("%s (%s) of actor %s", value, lang, id)}
		}
		return &store.ActorPatch{Names: &names}, nil
	})
}

func addAlias(ctx context.Context, s store.Store, id, alias string) (*store.Actor, error) {
	alias, err := nameValue("alias", alias)
	if err != nil {
		return nil, err
	}
	return changeNames(ctx, s, id, func(a *store.Actor) (*store.ActorPatch, error) {
		if slices.Contains(a.Aliases, alias) {
			return nil, nil
		}
		aliases := append(slices.Clip(a.Aliases), alias)
		return &store.ActorPatch{Aliases: &aliases}, nil
	})
}

func removeAlias(ctx context.Context, s store.Store, id, alias string) (*store.Actor, error) {
	return changeNames(ctx, s, id, func(a *store.Actor) (*store.ActorPatch, error) {
		aliases := slices.DeleteFunc(slices.Clone(a.Aliases), func(x string) bool { return x == alias })
		if len(aliases) == len(a.Aliases) {
			return nil, &store.NotFoundError{What: "alias", ID: fmt.Sprintf("%s of actor %s", alias, id)}
		}
		return &store.ActorPatch{Aliases: &aliases}, nil
	})
}

// actorOrErr is the API's actor for what a names mutation returned.
func actorOrErr(a *store.Actor, err error) (model.Actor, error) {
	if err != nil {
		return nil, err
	}
	return model.NewActor(a), nil
}
