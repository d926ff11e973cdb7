package store

import (
	"math"
	"time"
)

// Day is a calendar day counted from 1970-01-01 (day 0); the network as of
// a day is what the asOf arguments ask about.
type Day int32

// Always and Forever stand for an unknown start and an open end.
const (
	Always  Day = math.MinInt32
	Forever Day = math.MaxInt32
)

// DayOf is the day t falls on, in UTC.
func DayOf(t time.Time) Day {
	return Day(t.UTC().Truncate(24*time.Hour).Unix() / 86400)
}

// FirstDay is the first day the date covers, Always for the zero Date.
func (d Date) FirstDay() Day {
	if d.IsZero() {
		return Always
	}
	return DayOf(d.First())
}

// LastDay is the last day the date covers ("2024-06" ends on 2024-06-30),
// Forever for the zero Date.
func (d Date) LastDay() Day {
	switch d.Precision() {
	case PrecisionNone:
		return Forever
	case PrecisionYear:
		return DayOf(time.Date(d.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)) - 1
	case PrecisionMonth:
		return DayOf(time.Date(d.Year, time.Month(d.Month)+1, 1, 0, 0, 0, 0, time.UTC)) - 1
	}
	return d.FirstDay()
}

// Span is the days from Start to End, both included, that something is in
// the network.
type Span struct {
	Start, End Day
}

// AllTime is the span of what has no dates.
var AllTime = Span{Always, Forever}

// Holds reports whether day is within the span.
func (s Span) Holds(day Day) bool { return s.Start <= day && day <= s.End }

// Begins is the first day an actor is in the network: an event from the
// first day of its start date, a startup from its founding; an actor
// without such a date has always been there.
func Begins(a *Actor) Day {
	switch a.Kind {
	case KindEvent:
		return a.StartDate.FirstDay()
	case KindStartup:
		return a.Founded.FirstDay()
	}
	return Always
}

// RelationSpan is when a relation is in the network: from the first day of
// its since to the last day of its until, and not before both of its
// actors are, which begin on the days from and to (see Begins). So an
// invitation to an event counts from the event's start date, and a
// relation without dates is there for as long as its actors are.
func RelationSpan(since, until Date, from, to Day) Span {
	return Span{Start: max(since.FirstDay(), from, to), End: until.LastDay()}
}

// Present reports whether something with span s is in the network as of
// day, where a nil day means "with everything".
func (s Span) Present(day *Day) bool { return day == nil || s.Holds(*day) }
