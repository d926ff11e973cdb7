package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// decoder reads one JSON file, a record at a time. It reads the frame
// itself and finds where each record ends by counting brackets, which is
// several times faster than encoding/json's Decoder; what is wrong it
// hands to encoding/json, to say what and where as encoding/json does.
type decoder struct {
	*scanner
	name string
	in   *tracker
	off  int64 // just past what has been read
	// ctx is JSON that puts a fresh encoding/json scanner where the
	// decoder is in the file's frame, so that a syntax error can be
	// placed and told as encoding/json tells it.
	ctx string
}

// errSyntax is what the decoder finds wrong with JSON before encoding/json
// says what it is.
var errSyntax = errors.New("not valid JSON")

// json reads one JSON file.
func (s *scanner) json(r io.Reader, name string) error {
	s.ids.file(name)
	p := &decoder{scanner: s, name: name, in: newTracker(skipBOM(r))}
	err := p.file()
	var ve visitError
	switch {
	case err == nil, errors.Is(err, errTooMany), errors.Is(err, errStop), errors.As(err, &ve):
		return err
	}
	return readFailure(name, err)
}

// file reads the frame: {"format": "ecograph/v1", "sources": [...], ...}.
func (p *decoder) file() error {
	c, off, err := p.peek()
	if err != nil {
		return p.syntax(err, p.off)
	}
	if c != '{' {
		return p.want(off, "", fmt.Sprintf("a JSON object that starts {\"format\": %q", Format))
	}
	p.off, p.ctx = off+1, "{"
	seen := map[string]bool{}
	for {
		before := p.off
		c, off, err := p.peek()
		if err == nil && c == ',' && len(seen) > 0 {
			p.off = off + 1
			c, off, err = p.peek()
		} else if err == nil && c != '}' && len(seen) > 0 {
			err = errSyntax
		}
		if err == nil && c == '}' && (len(seen) == 0 || p.off == before) {
			p.off = off + 1
			if len(seen) == 0 {
				return p.stop(off, "", fmt.Errorf("missing \"format\": %q", Format))
			}
			break
		}
		if err == nil && c != '"' {
			err = errSyntax
		}
		if err != nil {
			return p.syntax(err, before)
		}
		tok, end, err := p.token(off)
		if err != nil {
			return p.syntax(err, before)
		}
		key := tok.(string)
		switch {
		case len(seen) == 0 && key != "format":
			return p.stop(off, "", fmt.Errorf("the file must start with \"format\": %q, not %q", Format, clip(key)))
		case seen[key]:
			return p.stop(off, key, errors.New("appears twice"))
		}
		seen[key] = true
		p.off, p.ctx = end, `{"k"`
		switch key {
		case "format":
			err = p.format()
		case "sources":
			err = records(p, key, (*wireSource).toStore, validateSource, func(v *store.Source) Record { return Record{Source: v} })
		case "actors":
			err = records(p, key, (*wireActor).toStore, validateActor, func(v *store.Actor) Record { return Record{Actor: v} })
		case "relations":
			err = records(p, key, (*wireRelation).toStore, validateRelation, func(v *store.Relation) Record { return Record{Relation: v} })
		default:
			return p.stop(off, key, errors.New("unknown field: a dataset has format, sources, actors and relations"))
		}
		if err != nil {
			return err
		}
		p.ctx = `{"k":0`
	}
	// Nothing but blanks may follow.
	switch _, off, err := p.peek(); {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	default:
		return p.stop(off, "", errors.New("unexpected data after the end of the dataset"))
	}
}

// colon reads the colon after a key, and returns the offset of the value.
func (p *decoder) colon() (byte, int64, error) {
	c, off, err := p.peek()
	if err == nil && c != ':' {
		err = errSyntax
	}
	if err != nil {
		return 0, 0, p.syntax(err, p.off)
	}
	p.off = off + 1
	c, off, err = p.peek()
	if err != nil {
		return 0, 0, p.syntax(err, p.off)
	}
	return c, off, nil
}

func (p *decoder) format() error {
	_, off, err := p.colon()
	if err != nil {
		return err
	}
	tok, end, err := p.token(off)
	if err != nil {
		return p.syntax(err, p.off)
	}
	if v, _ := tok.(string); v != Format {
		return p.stop(off, "format", fmt.Errorf("%s is not a format this program reads: want %q", describe(tok), Format))
	}
	p.off = end
	return nil
}

// section reads one list of records, handing each to read whole.
func (p *decoder) section(key string, read func(i int, raw []byte, start int64) error) error {
	c, off, err := p.colon()
	if err != nil {
		return err
	}
	if c != '[' {
		return p.want(off, key, "a list of records")
	}
	p.off, p.ctx = off+1, `{"k":[`
	for i := 0; ; i++ {
		before := p.off
		c, off, err := p.peek()
		if err == nil && c == ',' && i > 0 {
			p.off = off + 1
			c, off, err = p.peek()
		} else if err == nil && c != ']' && i > 0 {
			err = errSyntax
		}
		if err == nil && c == ']' && p.off == before {
			p.off = off + 1
			return nil
		}
		if err != nil {
			return p.syntax(err, before)
		}
		end, err := p.valueEnd(off)
		if err != nil {
			return p.syntax(err, before)
		}
		p.in.forget(before)
		if err := read(i, p.in.bytes(off, end), off); err != nil {
			if errors.Is(err, errSyntax) {
				return p.syntax(err, before)
			}
			return err
		}
		p.off, p.ctx = end, `{"k":[0`
	}
}

// peek reads past blanks from p.off, and returns the next byte and its
// offset.
func (p *decoder) peek() (byte, int64, error) {
	for off := p.off; ; off++ {
		c, err := p.in.byteAt(off)
		if err != nil {
			return 0, off, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, off, nil
	}
}

// token reads the JSON token at off with encoding/json, and returns it and
// where it ends. It is used for the few tokens of the frame.
func (p *decoder) token(off int64) (json.Token, int64, error) {
	dec := json.NewDecoder(p.in.readerFrom(off))
	dec.UseNumber()
	tok, err := dec.Token()
	return tok, off + dec.InputOffset(), err
}

// want reports that the value at off is not what it should be.
func (p *decoder) want(off int64, field, want string) error {
	tok, _, err := p.token(off)
	if err != nil {
		return p.syntax(err, p.off)
	}
	return p.stop(off, field, fmt.Errorf("want %s, got %s", want, describe(tok)))
}

// valueEnd finds where the JSON value at off ends. An object, as a record
// should be, is read by counting brackets; anything else, or an object cut
// short, is left to encoding/json, which says what is wrong with it.
func (p *decoder) valueEnd(off int64) (int64, error) {
	if c, err := p.in.byteAt(off); err == nil && c == '{' {
		depth, inString, escaped := 0, false, false
		for i := off; ; {
			b := p.in.bytes(i, p.in.end())
			for j, c := range b {
				switch {
				case escaped:
					escaped = false
				case inString:
					escaped = c == '\\'
					inString = c != '"'
				case c == '"':
					inString = true
				case c == '{' || c == '[':
					depth++
				case c == '}' || c == ']':
					if depth--; depth == 0 {
						return i + int64(j) + 1, nil
					}
				}
			}
			i += int64(len(b))
			if p.in.fill() != nil {
				break
			}
		}
	}
	dec := json.NewDecoder(p.in.readerFrom(off))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, err
	}
	return off + dec.InputOffset(), nil
}

// syntax turns what is wrong with the JSON from offset before on into an
// *Error at the right place, as encoding/json tells it, and passes on a
// failure to read the file.
func (p *decoder) syntax(err error, before int64) error {
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if p.ctx == "" {
			return p.stop(p.in.end(), "", fmt.Errorf("empty file: want a JSON object that starts {\"format\": %q", Format))
		}
		return p.stop(p.in.end(), "", errors.New("unexpected end of file: the JSON is cut short"))
	case err != errSyntax && !isSyntax(err):
		return err
	}
	// Scan again from before with a fresh scanner, put in the same state
	// by ctx, and find the bad byte.
	fresh := json.NewDecoder(io.MultiReader(strings.NewReader(p.ctx), p.in.readerFrom(before)))
	var raw json.RawMessage
	var se *json.SyntaxError
	switch e := fresh.Decode(&raw); {
	case errors.As(e, &se) && se.Offset > int64(len(p.ctx)):
		return p.stop(before+se.Offset-1-int64(len(p.ctx)), "", fmt.Errorf("not valid JSON: %w", se))
	case e == io.ErrUnexpectedEOF:
		return p.syntax(e, before)
	}
	return p.stop(p.in.end(), "", fmt.Errorf("not valid JSON: %w", err))
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// stop records a problem in the file's frame and ends decoding.
func (p *decoder) stop(off int64, field string, err error) error {
	pos := p.in.position(off)
	if p.fail(&Error{File: p.name, Line: pos.line, Column: pos.col, Field: field, Err: err}) != nil {
		return errTooMany
	}
	return errStop
}
