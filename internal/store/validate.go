package store

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what one actor or relation may hold; a write past them is
// refused with an InvalidError naming the field.
const (
	MaxIDLen    = 100
	MaxNameLen  = 300
	MaxTextLen  = 10000
	MaxListLen  = 100
	MaxExcerpts = 50
)

var (
	isoPattern = regexp.MustCompile(`^[A-Z]{2}$`)
	// A BCP 47 tag, loosely: a primary language subtag and optional subtags.
	langPattern = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)
)

// ValidID checks an id given by a client: lower-case letters, digits, '.',
// '_' and '-', starting with a letter or digit, at most MaxIDLen bytes.
func ValidID(field, id string) error {
	if len(id) > MaxIDLen || !isID(id) {
		return Invalid(field, "%q is not a valid id: use lower-case letters, digits, '.', '_' and '-' (at most %d)", clip(id), MaxIDLen)
	}
	return nil
}

// isID reports whether id is lower-case letters, digits, '.', '_' and
// '-', starting with a letter or digit: the regular expression
// ^[a-z0-9][a-z0-9._-]*$, by hand, since every record of a large import
// passes here more than once.
func isID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// NewID makes a readable id for a new node from its name: a slug of the
// name's ASCII letters and digits and a random suffix, so that two actors
// of the same name never collide ("it-park-3f9a1c2e").
func NewID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			if b.Len() >= 40 {
				break
			}
		} else {
			dash = true
		}
	}
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	if b.Len() == 0 {
		b.WriteString("node")
	}
	return b.String() + "-" + hex.EncodeToString(suffix[:])
}

// ValidateActor checks an actor before it is written: required fields,
// lengths, BCP 47 tags, and the kind-specific fields set only for their kind.
func ValidateActor(a *Actor) error {
	if err := ValidID("id", a.ID); err != nil {
		return err
	}
	if !a.Kind.Valid() {
		return Invalid("kind", "%q is not an actor kind", a.Kind)
	}
	if err := validText("name", a.Name, MaxNameLen, true); err != nil {
		return err
	}
	if len(a.Names) > MaxListLen {
		return Invalid("names", "at most %d names", MaxListLen)
	}
	for _, n := range a.Names {
		if err := validText("names.value", n.Value, MaxNameLen, true); err != nil {
			return err
		}
		if !langPattern.MatchString(n.Lang) {
			return Invalid("names.lang", "%q is not a BCP 47 language tag such as en, uz-Latn or ko", clip(n.Lang))
		}
	}
	if len(a.Aliases) > MaxListLen {
		return Invalid("aliases", "at most %d aliases", MaxListLen)
	}
	for _, s := range a.Aliases {
		if err := validText("aliases", s, MaxNameLen, true); err != nil {
			return err
		}
	}
	if err := validText("description", a.Description, MaxTextLen, false); err != nil {
		return err
	}
	if a.CountryID != "" {
		if err := ValidID("country", a.CountryID); err != nil {
			return err
		}
	}
	if err := validCitations(a.Citations); err != nil {
		return err
	}
	return validKindFields(a)
}

func validKindFields(a *Actor) error {
	only := func(field string, set bool, kind Kind) error {
		if set && a.Kind != kind {
			return Invalid(field, "only a %s has %s, not a %s", kind, field, a.Kind)
		}
		return nil
	}
	if a.Kind == KindCountry && !isoPattern.MatchString(a.IsoCode) {
		return Invalid("isoCode", "a COUNTRY needs an ISO 3166-1 alpha-2 code such as KR, got %q", clip(a.IsoCode))
	}
	for _, c := range []error{
		only("isoCode", a.IsoCode != "", KindCountry),
		only("founded", !a.Founded.IsZero(), KindStartup),
		only("category", a.Category != "", KindOrganization),
		only("startDate", !a.StartDate.IsZero(), KindEvent),
		only("endDate", !a.EndDate.IsZero(), KindEvent),
		only("online", a.Online != nil, KindEvent),
		validText("category", a.Category, MaxNameLen, false),
	} {
		if c != nil {
			return c
		}
	}
	if !a.StartDate.IsZero() && !a.EndDate.IsZero() && a.EndDate.Compare(a.StartDate) < 0 {
		return Invalid("endDate", "%s is before startDate %s", a.EndDate, a.StartDate)
	}
	if a.CountryID == a.ID {
		return Invalid("country", "an actor cannot be located in itself")
	}
	return nil
}

// targets says which kinds of actor each relation type may point to; a type
// not listed may point to any actor.
var targets = map[RelationType][]Kind{
	LocatedIn:      {KindCountry},
	Founded:        {KindStartup, KindOrganization, KindProgram},
	ParticipatedIn: {KindEvent, KindProgram},
	InvitedTo:      {KindEvent, KindProgram},
	Hosted:         {KindEvent, KindProgram},
	Organized:      {KindEvent, KindProgram},
	Offers:         {KindProgram},
}

// ValidateRelation checks a relation before it is written, given the kinds
// of the actors at its two ends.
func ValidateRelation(r *Relation, fromKind, toKind Kind) error {
	if err := ValidID("id", r.ID); err != nil {
		return err
	}
	if !r.Type.Valid() {
		return Invalid("type", "%q is not a relation type", r.Type)
	}
	if r.From == r.To {
		return Invalid("to", "a relation cannot join %q to itself", r.From)
	}
	if allowed, ok := targets[r.Type]; ok && !slices.Contains(allowed, toKind) {
		return Invalid("to", "%s points to a %s, and %q is a %s", r.Type, joinKinds(allowed), r.To, toKind)
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && r.Until.Compare(r.Since) < 0 {
		return Invalid("until", "%s is before since %s", r.Until, r.Since)
	}
	if err := validText("note", r.Note, MaxTextLen, false); err != nil {
		return err
	}
	return validCitations(r.Citations)
}

// ValidateSource checks a source before it is written.
func ValidateSource(s *Source) error {
	if err := ValidID("id", s.ID); err != nil {
		return err
	}
	if err := validText("title", s.Title, MaxNameLen, true); err != nil {
		return err
	}
	if s.Lang != "" && !langPattern.MatchString(s.Lang) {
		return Invalid("lang", "%q is not a BCP 47 language tag", clip(s.Lang))
	}
	return validText("url", s.URL, MaxNameLen, false)
}

func validCitations(cs []Citation) error {
	if len(cs) > MaxExcerpts {
		return Invalid("citations", "at most %d citations", MaxExcerpts)
	}
	for _, c := range cs {
		if err := ValidID("citations.source", c.SourceID); err != nil {
			return err
		}
		if err := validText("citations.excerpt", c.Excerpt, MaxTextLen, false); err != nil {
			return err
		}
	}
	return nil
}

func validText(field, s string, max int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return Invalid(field, "must not be empty")
	case len(s) > max:
		return Invalid(field, "is %d bytes long, at most %d allowed", len(s), max)
	case !utf8.ValidString(s):
		return Invalid(field, "is not valid UTF-8")
	}
	return nil
}

func joinKinds(ks []Kind) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = string(k)
	}
	return strings.Join(parts, " or ")
}

// clip shortens a bad value quoted back in an error.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:57]) + "..."
}
