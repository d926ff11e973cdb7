package dataset

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A list (names, aliases, citations) takes one cell of a CSV file, in a
// form a person can type into a spreadsheet: items separated by "|",
// blanks around an item dropped; a name as lang:value and a citation as
// source: excerpt, split at the first ":". A backslash keeps the character
// after it as it is: \| is a bar, \\ a backslash, \: a colon, and "\ " a
// space that counts at either end of an item. docs/format.md has examples.

// listItem is one item of a list cell: a, and b after the first colon
// when the list splits its items at one (colon is then true).
type listItem struct {
	a, b  string
	colon bool
}

// badEscape explains a backslash that escapes nothing.
const escapes = `in a list, write \\ for \, \| for |, \: for : and "\ " for a space at either end of an item`

// splitList reads a list cell into its items; with colon, each item is
// split at its first colon that is not escaped. A cell with nothing but
// blanks has no items. On a bad escape it returns the item's index.
func splitList(cell string, colon bool) ([]listItem, int, error) {
	if strings.Trim(cell, " ") == "" {
		return nil, 0, nil
	}
	var items []listItem
	var cur listItem
	var b strings.Builder
	keep := 0 // b's length up to its last character that is not a dropped blank
	part := func() string {
		s := b.String()[:keep]
		b.Reset()
		keep = 0
		return s
	}
	end := func() {
		if cur.colon {
			cur.b = part()
		} else {
			cur.a = part()
		}
		items = append(items, cur)
		cur = listItem{}
	}
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\':
			if i+1 == len(cell) {
				return nil, len(items), fmt.Errorf(`a lone \ ends the cell: %s`, escapes)
			}
			if next := cell[i+1]; strings.IndexByte(`\|: `, next) < 0 {
				r, _ := utf8.DecodeRuneInString(cell[i+1:])
				return nil, len(items), fmt.Errorf(`\%c is not an escape: %s`, r, escapes)
			}
			i++
			b.WriteByte(cell[i])
			keep = b.Len()
		case c == '|':
			end()
		case c == ':' && colon && !cur.colon:
			cur.a = part()
			cur.colon = true
		case c == ' ' && b.Len() == 0:
			// a blank before the item
		default:
			b.WriteByte(c)
			if c != ' ' {
				keep = b.Len()
			}
		}
	}
	end()
	return items, 0, nil
}

// escapeItem writes s as (part of) a list item that reads back as s.
func escapeItem(s string, colon bool) string {
	special := func(i int) bool {
		switch s[i] {
		case '\\', '|':
			return true
		case ':':
			return colon
		case ' ':
			return i == 0 || i == len(s)-1
		}
		return false
	}
	var b strings.Builder
	for i := range len(s) {
		if special(i) {
			if b.Len() == 0 {
				b.Grow(len(s) + 4)
				b.WriteString(s[:i])
			}
			b.WriteByte('\\')
			b.WriteByte(s[i])
		} else if b.Len() > 0 {
			b.WriteByte(s[i])
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}
