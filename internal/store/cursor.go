package store

import (
	"encoding/base64"
	"strings"
)

// Cursors are keyset cursors: the sort key of the last item seen, encoded
// so that clients treat them as opaque. A cursor stays valid when its item
// is deleted, and finding the next page costs a seek, not a scan.

const sep = "\x00"

// ActorCursor is the cursor of an actor in the Actors order.
func ActorCursor(a *Actor) string {
	return KeyCursor(SortKey(a.Name), a.ID)
}

// KeyCursor is the cursor of the actor with this sort key and id.
func KeyCursor(key, id string) string {
	return encode("a", key, id)
}

// ParseActorCursor reads an ActorCursor back into its sort key and id.
func ParseActorCursor(c string) (key, id string, err error) {
	parts, err := decode(c, "a", 2)
	if err != nil {
		return "", "", err
	}
	return parts[0], parts[1], nil
}

// RelationKey is the position of a relation in one actor's list.
type RelationKey struct {
	Type       RelationType
	OtherKey   string
	OtherID    string
	RelationID string
}

// Compare orders relation keys: type, far end's sort key, its id, relation id.
func (k RelationKey) Compare(o RelationKey) int {
	for _, c := range [][2]string{
		{string(k.Type), string(o.Type)},
		{k.OtherKey, o.OtherKey},
		{k.OtherID, o.OtherID},
		{k.RelationID, o.RelationID},
	} {
		if n := strings.Compare(c[0], c[1]); n != 0 {
			return n
		}
	}
	return 0
}

// Cursor encodes the key as an opaque cursor.
func (k RelationKey) Cursor() string {
	return encode("r", string(k.Type), k.OtherKey, k.OtherID, k.RelationID)
}

// ParseRelationCursor reads a RelationKey.Cursor back.
func ParseRelationCursor(c string) (RelationKey, error) {
	p, err := decode(c, "r", 4)
	if err != nil {
		return RelationKey{}, err
	}
	return RelationKey{Type: RelationType(p[0]), OtherKey: p[1], OtherID: p[2], RelationID: p[3]}, nil
}

// encode joins tag and parts with sep and encodes them in base64, with
// one allocation for the cursor itself: a page writes one cursor for each
// of its items, read or not.
func encode(tag string, parts ...string) string {
	var rawStack, outStack [256]byte
	raw := append(rawStack[:0], tag...)
	for _, p := range parts {
		raw = append(append(raw, sep...), p...)
	}
	n := base64.RawURLEncoding.EncodedLen(len(raw))
	out := outStack[:0]
	if n > len(outStack) {
		out = make([]byte, 0, n)
	}
	out = out[:n]
	base64.RawURLEncoding.Encode(out, raw)
	return string(out)
}

func decode(c, tag string, n int) ([]string, error) {
	bad := Invalid("after", "%q is not a cursor this list handed out", clip(c))
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, bad
	}
	parts := strings.Split(string(raw), sep)
	if len(parts) != n+1 || parts[0] != tag {
		return nil, bad
	}
	return parts[1:], nil
}
