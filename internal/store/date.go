package store

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date the source gave.
type Precision int

// The precisions a Date can have; the zero Date has PrecisionNone.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// String names the precision as the API shows it.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "YEAR"
	case PrecisionMonth:
		return "MONTH"
	case PrecisionDay:
		return "DAY"
	}
	return "NONE"
}

// Date is a calendar date as vague as its source: a year, a month or a day.
// Month and Day are zero when unknown. The zero Date means "no date".
type Date struct {
	Year, Month, Day int
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" and nothing else.
func ParseDate(s string) (Date, error) {
	digits := func(part string, n int) (int, bool) {
		if len(part) != n {
			return 0, false
		}
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		v, _ := strconv.Atoi(part)
		return v, true
	}
	var d Date
	var ok bool
	switch len(s) {
	case 4:
		d.Year, ok = digits(s, 4)
	case 7:
		if s[4] == '-' {
			if d.Year, ok = digits(s[:4], 4); ok {
				d.Month, ok = digits(s[5:], 2)
			}
		}
	case 10:
		if s[4] == '-' && s[7] == '-' {
			if d.Year, ok = digits(s[:4], 4); ok {
				if d.Month, ok = digits(s[5:7], 2); ok {
					d.Day, ok = digits(s[8:], 2)
				}
			}
		}
	}
	if !ok || d.Year == 0 {
		// Made here, not up front: stores read dates by the hundred
		// thousand, and formatting an error for each was a sixth of a
		// Neo4j walk's time.
		return Date{}, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	if len(s) > 4 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("%q is not a date: month %d is out of range", s, d.Month)
	}
	if len(s) == 10 {
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q is not a date: day %d is out of range", s, d.Day)
		}
	}
	return d, nil
}

// MustDate is ParseDate for literals in tests and fixtures; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision says whether d is a year, a month or a day.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// String writes the date back at its own precision: "2024", "2024-06" or "2024-06-13".
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// First is the first day the date covers ("2024-06" starts on 2024-06-01).
// Partial dates sort by it.
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Compare orders dates by their first day, then the vaguer first; it returns
// -1, 0 or +1.
func (d Date) Compare(e Date) int {
	if c := d.First().Compare(e.First()); c != 0 {
		return c
	}
	switch {
	case d.Precision() < e.Precision():
		return -1
	case d.Precision() > e.Precision():
		return 1
	}
	return 0
}

// MarshalText writes the date as String does; the zero Date writes as "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText writes; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
