"""Resolve English time expressions in news reports to honest date intervals.

News reports about military movements date events relative to their own
publication date ("last Tuesday", "two weeks ago", "within one month").
:func:`resolve` turns one such phrase plus the publication date (the
*anchor*) into a :class:`TimeInterval`: an inclusive range of calendar days
that contains every day the phrase can reasonably mean.  Vague phrases give
wide intervals, and phrases that cannot be dated from the text alone (for
example "since the fall of Assad") raise :class:`TimeExpressionError`
instead of being guessed.

Matching is case-insensitive and tolerates surrounding words, so
"reported on December 15th" and "Last week, Russian troops left" both
resolve.  The resolver refuses rather than guesses when

* the phrase contains no supported expression;
* it contains several expressions that resolve to different intervals
  ("yesterday and last week"; agreeing ones such as "Tuesday, December 17"
  are accepted);
* an expression is shifted or bounded by a word it does not understand:
  "two days after December 8", "more than two weeks ago", "next Tuesday",
  "this Friday", "by next week", "the last week of November";
* "since" is followed by anything other than an explicit date, a weekday or an event
  whose date the caller gives (:class:`EventDates`).

A date without a year, a weekday, a range and a part of a month are read
back from the anchor, as reports of past events; a caller that knows the
phrase dates a plan passes ``future=True`` and gets the next such days.

Rules
-----
All intervals are inclusive at both ends.  ``A`` is the anchor (publication
date), ``N`` a count written in digits (1-9999) or as a word ("a", "an",
"one" ... "twelve"), and weeks are ISO weeks (Monday to Sunday).
The list below is generated from :data:`RULES`, the one table of rules: each with
its id, pattern, handler, example and meaning.

{rules}
Precision
---------
``"day"``, ``"week"`` and ``"month"`` give the scale of the uncertainty,
``"open"`` marks a missing bound.  Fixed calendar units use their own unit
(``last_week`` is ``"week"``, ``last_month`` is ``"month"``).  Rules whose
width depends on a count (``since_date``, ``past_*``, ``within_*``) derive
it from the interval's length: at most one day apart is ``"day"``, at most
14 days is ``"week"``, anything longer is ``"month"``.

Examples
--------
>>> from datetime import date
>>> resolve("last Tuesday", date(2024, 12, 22)).start
datetime.date(2024, 12, 17)
>>> iv = resolve("within one month", date(2024, 12, 22))
>>> (iv.start, iv.end, iv.precision)
(datetime.date(2024, 12, 22), datetime.date(2025, 1, 22), 'month')
"""

import calendar
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Literal, NamedTuple, get_args

__all__ = [
    "RULES",
    "SECTIONS",
    "WEEKDAYS",
    "EventDates",
    "Precision",
    "Rule",
    "TimeExpressionError",
    "TimeInterval",
    "resolve",
]

Precision = Literal["day", "week", "month", "open"]
_PRECISIONS: tuple[str, ...] = get_args(Precision)


@dataclass(frozen=True)
class TimeInterval:
    """An inclusive range of calendar days resolved from a time expression.

    Attributes
    ----------
    start : datetime.date or None
        First day of the interval, or ``None`` for an open start.
    end : datetime.date or None
        Last day of the interval (inclusive), or ``None`` for an open end.
    precision : {"day", "week", "month", "open"}
        Scale of the uncertainty; ``"open"`` exactly when a bound is missing.
    text : str
        The phrase as written.
    anchor : datetime.date
        Publication date the phrase was resolved against.
    rule : str
        Id of the rule that fired (see :data:`RULES`).

    Raises
    ------
    ValueError
        If ``start`` is after ``end``, the precision is unknown, or the
        precision is ``"open"`` for a closed interval (or vice versa).
    """

    start: date | None
    end: date | None
    precision: Precision
    text: str
    anchor: date
    rule: str

    def __post_init__(self) -> None:
        """Check the invariants every resolved interval must satisfy."""
        if self.precision not in _PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"interval start {self.start} is after its end {self.end}")
        is_open = self.start is None or self.end is None
        if is_open != (self.precision == "open"):
            raise ValueError(
                "precision must be 'open' exactly when a bound is missing, "
                f"got {self.precision!r} for {self.start}..{self.end}"
            )

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Tell whether this interval shares at least one day with another.

        Parameters
        ----------
        start : datetime.date or None
            First day of the other interval, ``None`` for an open start.
        end : datetime.date or None
            Last day of the other interval (inclusive), ``None`` for an
            open end.

        Returns
        -------
        bool
            ``True`` if some day lies in both intervals.  Both intervals are
            inclusive, so touching ends (one ends on the day the other
            starts) overlap.

        Raises
        ------
        ValueError
            If ``start`` is after ``end``.
        """
        if start is not None and end is not None and start > end:
            raise ValueError(f"start {start} is after end {end}")
        starts_in_time = self.start is None or end is None or self.start <= end
        ends_in_time = self.end is None or start is None or start <= self.end
        return starts_in_time and ends_in_time


class TimeExpressionError(ValueError):
    """A phrase that cannot be resolved to an honest interval.

    Parameters
    ----------
    text : str
        The phrase as given to :func:`resolve`.
    reason : str
        Why it was refused.

    Attributes
    ----------
    text : str
        The phrase as given to :func:`resolve`.
    reason : str
        Why it was refused.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(
            f"cannot resolve time expression {text!r}: {reason}. Supported forms include: {_supported_forms()}"
        )

    def __reduce__(self) -> tuple[type["TimeExpressionError"], tuple[str, str]]:
        """Pickle with the constructor arguments rather than the message."""
        return (type(self), (self.text, self.reason))


def _supported_forms() -> str:
    """List the example phrase of every rule, for error messages."""
    return "; ".join(repr(doc.example) for doc in RULES)


# --------------------------------------------------------------------------
# Regular-expression building blocks (applied to lower-cased text).

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = _WEEKDAYS
"""The weekday names the rules read, in lower case, Monday first."""
_WEEKDAY = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")\b"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUM = r"(?:[0-9]{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_DAY = r"\b[0-9]{1,2}(?:st|nd|rd|th)?\b"
_YEAR_SUFFIX = r"(?:(?:\s*,\s*|\s+)[0-9]{4}\b)?"
_ISO = r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"
_MONTH_DAY = rf"\b{_MONTH}(?:\.\s*|\s+)(?:the\s+)?{_DAY}{_YEAR_SUFFIX}"
_DAY_MONTH = rf"(?:\bthe\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?{_YEAR_SUFFIX}"
_DATE = rf"(?:{_ISO}|{_MONTH_DAY}|{_DAY_MONTH})"
_YEAR = r"(?:\s*,\s*|\s+)[0-9]{4}\b"
_MONTH_DAY_WITH_YEAR = rf"\b{_MONTH}(?:\.\s*|\s+)(?:the\s+)?{_DAY}{_YEAR}"
_DAY_MONTH_WITH_YEAR = rf"(?:\bthe\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?{_YEAR}"

_ISO_PARTS = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
_MONTH_DAY_PARTS = re.compile(
    rf"(?P<month>{_MONTH})(?:\.\s*|\s+)(?:the\s+)?(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?"
    r"(?:(?:\s*,\s*|\s+)(?P<year>[0-9]{4}))?"
)
_DAY_MONTH_PARTS = re.compile(
    rf"(?:the\s+)?(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?"
    r"(?:(?:\s*,\s*|\s+)(?P<year>[0-9]{4}))?"
)

# A matched expression immediately preceded or followed by one of these is
# shifted or bounded in a way the rules do not model, so it is refused.
_BLOCK_BEFORE = re.compile(
    r"\b(?:this|next|coming|later|last|by|until|till|before|after|following|from"
    r"|than|over|under|least|most|prior\s+to|up\s+to|end\s+of|start\s+of"
    r"|beginning\s+of|week\s+of|month\s+of)[\s,]*$"
)
_DATE_LIKE = rf"(?:[0-9]|{_MONTH}\b|{_WEEKDAY}|today|yesterday|now|the\s+present)"
_BLOCK_AFTER = re.compile(
    r"^[\s,]*(?:onwards?\b|or\b|of\b|before\s+last\b|after\s+next\b|-\s*[0-9]"
    rf"|(?:to|through|thru|until|till|and)\s+{_DATE_LIKE})"
)
_SINCE = re.compile(r"\bsince\b")


@dataclass(frozen=True)
class EventDates:
    """Named events with a known date, for "since <event>" (rule ``since_event``).

    Parameters
    ----------
    names
        ``(name, date)`` pairs; a name is matched whole and case-insensitively after "since" or
        "since the" ("the fall of Assad", "Assad's fall"). Several names may share a date.
    """

    names: tuple[tuple[str, date], ...]

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """``since [the] <name>`` over every name, longest first; ``None`` without names.

        Each name is its own group, named after its event's date (``e<index>_<YYYYMMDD>``), which
        is how the rule's handler knows the date from the match alone.
        """
        names = sorted({(_normalize(n), d) for n, d in self.names if _normalize(n)}, key=lambda x: (-len(x[0]), x))
        if not names:
            return None
        groups = "|".join(
            f"(?P<e{i}_{d:%Y%m%d}>{re.escape(n).replace(chr(92) + ' ', chr(92) + 's+')})"
            for i, (n, d) in enumerate(names)
        )
        return re.compile(rf"\bsince\s+(?:the\s+)?(?:{groups})(?!\w)")

    def find(self, phrase: str) -> list[re.Match[str]]:
        """The "since <event>" matches in a normalised phrase."""
        return [] if self.pattern is None else list(self.pattern.finditer(phrase))


class _Unresolvable(Exception):
    """Raised inside a rule handler; becomes a :class:`TimeExpressionError`."""


class _Resolved(NamedTuple):
    """What a rule handler returns: an interval (the rule's id is its row's in :data:`RULES`)."""

    start: date | None
    end: date | None
    precision: Precision


_Handler = Callable[[re.Match[str], date], _Resolved]


@dataclass(frozen=True)
class _Matcher:
    """A rule's compiled pattern, the handler resolving its matches, its weight and its id."""

    pattern: re.Pattern[str]
    handler: _Handler
    weak: bool
    rule: str
    needs: frozenset[str] = frozenset()
    """Substrings of which every match holds one (:data:`RULE_NEEDS`); empty: always tried."""


# --------------------------------------------------------------------------
# Calendar helpers.


def _days(n: int) -> timedelta:
    """Return a timedelta of ``n`` days."""
    return timedelta(days=n)


def _month_end(year: int, month: int) -> date:
    """Return the last day of a calendar month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """Shift a date by whole calendar months, clamping the day of month.

    Raises
    ------
    OverflowError
        If the result is outside the range of :class:`datetime.date`.
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("date value out of range")
    month = month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _monday(day: date) -> date:
    """Return the Monday of the ISO week containing ``day``."""
    return day - _days(day.weekday())


def _span_precision(start: date, end: date) -> Precision:
    """Precision of a count-based interval, from its length in days."""
    length = (end - start).days
    if length <= 1:
        return "day"
    if length <= 14:
        return "week"
    return "month"


def _count(word: str) -> int:
    """Parse a count written in digits or as a word, refusing zero."""
    value = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    if value < 1:
        raise _Unresolvable(f"the count {word!r} must be at least 1")
    return value


def _check_month_day(month: int, day: int) -> None:
    """Refuse a month/day pair that exists in no year (e.g. 30 February)."""
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise _Unresolvable(f"{calendar.month_name[month]} {day} is not a calendar date")


def _on_or_before(month: int, day: int, anchor: date) -> date:
    """Most recent occurrence of a month and day on or before ``anchor``."""
    _check_month_day(month, day)
    # Leap days can be eight years apart (1896 -> 1904).
    for year in range(anchor.year, max(anchor.year - 9, 0), -1):
        if calendar.isleap(year) or (month, day) != (2, 29):
            candidate = date(year, month, day)
            if candidate <= anchor:
                return candidate
    raise OverflowError("date value out of range")


def _on_or_after(month: int, day: int, anchor: date) -> date:
    """Next occurrence of a month and day on or after ``anchor``."""
    _check_month_day(month, day)
    for year in range(anchor.year, min(anchor.year + 9, 10000)):
        if calendar.isleap(year) or (month, day) != (2, 29):
            candidate = date(year, month, day)
            if candidate >= anchor:
                return candidate
    raise OverflowError("date value out of range")


def _parse_date(text: str) -> tuple[int, int, int | None]:
    """Split an explicit date matched by ``_DATE`` into month, day and year."""
    for parts in (_ISO_PARTS, _MONTH_DAY_PARTS, _DAY_MONTH_PARTS):
        found = parts.fullmatch(text)
        if found is not None:
            break
    else:  # pragma: no cover - _DATE and the *_PARTS patterns agree
        raise _Unresolvable(f"cannot read the date {text!r}")
    raw_month = found["month"]
    month = int(raw_month) if raw_month.isdigit() else _MONTH_NUMBERS[raw_month[:3]]
    if not 1 <= month <= 12:
        raise _Unresolvable(f"{text!r} has no month {month}")
    year = found["year"]
    return month, int(found["day"]), None if year is None else int(year)


def _explicit_date(text: str, anchor: date) -> date:
    """Resolve an explicit date; a missing year means on or before ``anchor``."""
    month, day, year = _parse_date(text)
    if year is None:
        return _on_or_before(month, day, anchor)
    _check_month_day(month, day)
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unresolvable(f"{text!r} is not a calendar date") from None


# --------------------------------------------------------------------------
# Rule handlers.  Each receives the match and the anchor.


def _h_date(match: re.Match[str], anchor: date) -> _Resolved:
    day = _explicit_date(match["date"], anchor)
    return _Resolved(day, day, "day")


def _bare_day(text: str) -> int | None:
    """The day of a range's end written as a day alone ("15", "15th"), else ``None``."""
    digits = text.rstrip("stndrh")
    return int(digits) if digits.isdigit() else None


def _range_end(text: str, month: int, year: int | None) -> tuple[int, int, int | None]:
    """Month, day and year of one end of a range: a bare day takes the other end's month and year."""
    day = _bare_day(text)
    if day is not None:
        return month, day, year
    found_month, found_day, found_year = _parse_date(text)
    return found_month, found_day, found_year if found_year is not None else year


def _h_range(match: re.Match[str], anchor: date) -> _Resolved:
    first, last = next((match[a], match[b]) for a, b in (("a", "b"), ("c", "d"), ("e", "f")) if match[a])
    # The end carries the month and year a bare first day leaves out ("10 to 14 December").
    if _bare_day(last) is not None:
        month, day, year = _parse_date(first)
        end_month, end_day, end_year = _range_end(last, month, year)
    else:
        end_month, end_day, end_year = _parse_date(last)
        month, day, year = _range_end(first, end_month, end_year)
    if end_year is None:
        end = _on_or_before(end_month, end_day, anchor)
    else:
        _check_month_day(end_month, end_day)
        end = date(end_year, end_month, end_day)
    _check_month_day(month, day)
    if year is None:
        # In the end's year, or the year before when the range crosses New Year ("December 28 to
        # January 3"); "December 14 to 10" ends before it starts.
        year = end.year - 1 if month > end_month else end.year
    try:
        start = date(year, month, day)
    except ValueError:
        raise _Unresolvable(f"'{match[0]}' starts on no calendar date") from None
    if start > end:
        raise _Unresolvable(f"'{match[0]}' ends before it starts")
    return _Resolved(start, end, _span_precision(start, end))


_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31)}


def _h_month_part(match: re.Match[str], anchor: date) -> _Resolved:
    month = _MONTH_NUMBERS[match["month"][:3]]
    first, last = _MONTH_PARTS[match["part"]]
    year = int(match["year"]) if match["year"] else None
    if year is None:
        # The most recent such part of the month that has begun by the anchor, as for dates.
        year = anchor.year if date(anchor.year, month, first) <= anchor else anchor.year - 1
    end = _month_end(year, month) if last == 31 else date(year, month, last)
    return _Resolved(date(year, month, first), end, "week")


def _h_since(match: re.Match[str], anchor: date) -> _Resolved:
    start = _explicit_date(match["date"], anchor)
    if start > anchor:
        raise _Unresolvable(f"'since {match['date']}' lies after the publication date {anchor}")
    return _Resolved(start, anchor, _span_precision(start, anchor))


def _h_since_weekday(match: re.Match[str], anchor: date) -> _Resolved:
    start = (_h_last_weekday if match["last"] else _h_weekday)(match, anchor).start
    assert start is not None
    return _Resolved(start, anchor, _span_precision(start, anchor))


def _h_as_of(match: re.Match[str], anchor: date) -> _Resolved:
    end = _explicit_date(match["date"], anchor)
    if end > anchor:
        raise _Unresolvable(f"'as of {match['date']}' lies after the publication date {anchor}")
    return _Resolved(None, end, "open")


def _since_event(match: re.Match[str], anchor: date) -> _Resolved:
    # EventDates.pattern names each event's group after its date, so the match carries it.
    assert match.lastgroup is not None
    day = match.lastgroup.split("_")[1]
    start = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    if start > anchor:
        raise _Unresolvable(f"'{match[0]}' starts on {start}, after the publication date {anchor}")
    return _Resolved(start, anchor, _span_precision(start, anchor))


def _h_by_date(match: re.Match[str], anchor: date) -> _Resolved:
    month, day, year = _parse_date(match["date"])
    if year is None:
        end = _on_or_after(month, day, anchor)
    else:
        end = _explicit_date(match["date"], anchor)
        if end < anchor:
            raise _Unresolvable(f"the deadline {end} is before the publication date {anchor}")
    return _Resolved(anchor, end, "day")


def _h_by_month(match: re.Match[str], anchor: date) -> _Resolved:
    month = _MONTH_NUMBERS[match["month"][:3]]
    if match["year"] is not None:
        year = int(match["year"])
        if (year, month) < (anchor.year, anchor.month):
            raise _Unresolvable(f"the deadline month is before the publication date {anchor}")
    else:
        year = anchor.year if month >= anchor.month else anchor.year + 1
    return _Resolved(anchor, _month_end(year, month), "month")


def _h_by_end(match: re.Match[str], anchor: date) -> _Resolved:
    shift = 1 if match["next"] else 0
    if match["unit"] == "week":
        end = _monday(anchor) + _days(6 + 7 * shift)
        return _Resolved(anchor, end, "week")
    first = _add_months(anchor.replace(day=1), shift)
    return _Resolved(anchor, _month_end(first.year, first.month), "month")


def _h_by_weekday(match: re.Match[str], anchor: date) -> _Resolved:
    delta = (_WEEKDAYS.index(match["wd"]) - anchor.weekday()) % 7
    end = anchor + _days(delta)
    return _Resolved(anchor, end, "day")


def _fixed_day(offset: int) -> _Handler:
    """Handler for a single day ``offset`` days before the anchor."""

    def handler(match: re.Match[str], anchor: date) -> _Resolved:
        day = anchor - _days(offset)
        return _Resolved(day, day, "day")

    return handler


def _offsets(first: int, last: int, precision: Precision) -> _Handler:
    """Handler for ``anchor + first .. anchor + last`` (offsets in days)."""

    def handler(match: re.Match[str], anchor: date) -> _Resolved:
        return _Resolved(anchor + _days(first), anchor + _days(last), precision)

    return handler


def _h_past_span(match: re.Match[str], anchor: date) -> _Resolved:
    raw = match["n"] or match["n2"]
    if raw is None and match["plural"]:
        raise _Unresolvable(f"'{match[0]}' gives no count")
    n = 1 if raw is None else _count(raw)
    unit = match["unit"]
    start = _add_months(anchor, -n) if unit == "month" else anchor - _days(n * (7 if unit == "week" else 1))
    return _Resolved(start, anchor, _span_precision(start, anchor))


def _h_within(match: re.Match[str], anchor: date) -> _Resolved:
    raw = match["n"]
    if raw is None and match["plural"]:
        raise _Unresolvable(f"'{match[0]}' gives no count")
    n = 1 if raw is None else _count(raw)
    unit = match["unit"]
    end = _add_months(anchor, n) if unit == "month" else anchor + _days(n * (7 if unit == "week" else 1))
    return _Resolved(anchor, end, _span_precision(anchor, end))


def _h_days_ago(match: re.Match[str], anchor: date) -> _Resolved:
    day = anchor - _days(_count(match["n"]))
    return _Resolved(day, day, "day")


def _h_weeks_ago(match: re.Match[str], anchor: date) -> _Resolved:
    centre = anchor - _days(7 * _count(match["n"]))
    end = min(centre + _days(3), anchor)
    return _Resolved(centre - _days(3), end, "week")


def _h_this_week(match: re.Match[str], anchor: date) -> _Resolved:
    return _Resolved(_monday(anchor), anchor, "week")


def _h_later_this_week(match: re.Match[str], anchor: date) -> _Resolved:
    return _Resolved(anchor, _monday(anchor) + _days(6), "week")


def _iso_week(shift: int) -> _Handler:
    """Handler for the whole ISO week ``shift`` weeks from the anchor's."""

    def handler(match: re.Match[str], anchor: date) -> _Resolved:
        monday = _monday(anchor) + _days(7 * shift)
        return _Resolved(monday, monday + _days(6), "week")

    return handler


def _h_this_month(match: re.Match[str], anchor: date) -> _Resolved:
    return _Resolved(anchor.replace(day=1), anchor, "month")


def _h_later_this_month(match: re.Match[str], anchor: date) -> _Resolved:
    return _Resolved(anchor, _month_end(anchor.year, anchor.month), "month")


def _calendar_month(shift: int) -> _Handler:
    """Handler for the whole calendar month ``shift`` months from the anchor's."""

    def handler(match: re.Match[str], anchor: date) -> _Resolved:
        first = _add_months(anchor.replace(day=1), shift)
        return _Resolved(first, _month_end(first.year, first.month), "month")

    return handler


def _h_last_weekday(match: re.Match[str], anchor: date) -> _Resolved:
    delta = (anchor.weekday() - _WEEKDAYS.index(match["wd"])) % 7 or 7
    day = anchor - _days(delta)
    return _Resolved(day, day, "day")


def _h_weekday(match: re.Match[str], anchor: date) -> _Resolved:
    delta = (anchor.weekday() - _WEEKDAYS.index(match["wd"])) % 7
    day = anchor - _days(delta)
    return _Resolved(day, day, "day")


def _h_recently(match: re.Match[str], anchor: date) -> _Resolved:
    return _Resolved(None, anchor, "open")


# Matchers in priority order: when two matches overlap, the earlier matcher
# wins (so "since December 8" is not also read as "December 8").
class Rule(NamedTuple):
    """One resolution rule: how it is found, how it resolves, and what it means.

    Attributes
    ----------
    id : str
        Value of :attr:`TimeInterval.rule` when this rule fires.
    section : str
        Where the module documentation lists it (a key of :data:`SECTIONS`).
    pattern : str or None
        The regular expression, over the normalised (lower-cased) phrase, that finds it;
        ``None`` for ``since_event``, whose pattern is the caller's :class:`EventDates`.
    handler : callable
        Turns a match and the anchor into the interval.
    form : str
        The forms the rule recognises, in words.
    example : str
        A phrase the rule resolves.
    meaning : str
        The interval it gives, with examples; ``A`` is the anchor.
    weak : bool
        A weak cue yields to any other expression in the phrase.
    """

    id: str
    section: str
    pattern: str | None
    handler: _Handler
    form: str
    example: str
    meaning: str
    weak: bool = False


SECTIONS: dict[str, str] = {
    "dates": "Explicit dates",
    "days": "Days and weekdays",
    "weeks": "Weeks and months",
    "counts": "Counts back from the anchor",
    "deadlines": "Deadlines and plans (never start before the anchor)",
}
"""Headings of the module documentation's list of rules, in order."""


_PREP = r"(?:(?:over|in|during|for)\s+)?"
_DATE_WITH_YEAR = rf"(?:{_MONTH_DAY_WITH_YEAR}|{_DAY_MONTH_WITH_YEAR})"

RULES: tuple[Rule, ...] = (
    Rule(
        "since_event",
        "dates",
        None,
        _since_event,
        "since [the] <event of the events table>",
        "since the fall of Assad",
        (
            '"since the fall of Assad": from the date of a named event to ``A``, when the caller passes the'
            " event's date (:class:`EventDates`, from a data set's ``events.csv``).  \"since\" followed by "
            'anything else ("since the talks", "since last week") is refused.'
        ),
    ),
    Rule(
        "since_date",
        "dates",
        rf"\bsince\s+(?:the\s+)?(?P<date>{_DATE})",
        _h_since,
        "since <explicit date>",
        "since December 8",
        '"since December 8", "since 2024-12-08": from that date (resolved as the explicit dates below) to ``A``.',
    ),
    Rule(
        "since_weekday",
        "dates",
        rf"\bsince\s+(?:(?P<last>last)\s+)?{_WEEKDAY}",
        _h_since_weekday,
        "since [last] <weekday>",
        "since last Thursday",
        (
            '"since last Thursday", "since Thursday": from that day (read as "last <weekday>" and "<weekday>"'
            " below) to ``A``."
        ),
    ),
    Rule(
        "as_of_date",
        "dates",
        rf"\bas\s+of\s+(?:the\s+)?(?P<date>{_DATE})",
        _h_as_of,
        "as of <explicit date>",
        "as of March 24",
        (
            '"as of March 24" (a state reached by then: "as of March 24, the convoy had arrived"): an open'
            " start to that date, which must not lie after ``A`` (precision open)."
        ),
    ),
    Rule(
        "by_end_of_week",
        "deadlines",
        r"\bby\s+(?:the\s+)?end\s+of\s+(?:(?P<next>next)\s+|(?:the|this)\s+)?(?P<unit>week)\b",
        _h_by_end,
        "by the end of the/this/next week",
        "by the end of the week",
        ('"by the end of the week", "by the end of next week": ``A`` to Sunday of ``A``\'s (or the next) ISO week.'),
    ),
    Rule(
        "by_end_of_month",
        "deadlines",
        r"\bby\s+(?:the\s+)?end\s+of\s+(?:(?P<next>next)\s+|(?:the|this)\s+)?(?P<unit>month)\b",
        _h_by_end,
        "by the end of the/this/next month",
        "by the end of the month",
        (
            '"by the end of the month", "by the end of next month": ``A`` to the last day of ``A``\'s (or '
            "the next) month."
        ),
    ),
    Rule(
        "by_date",
        "deadlines",
        rf"\bby\s+(?:the\s+)?(?P<date>{_DATE})",
        _h_by_date,
        "by <explicit date>",
        "by 15 January",
        (
            '"by 15 January", "by January 15, 2025": ``A`` to the next such date on or after ``A`` (with a '
            "year: that date, which must not be before ``A``) (precision day)."
        ),
    ),
    Rule(
        "by_month",
        "deadlines",
        rf"\bby\s+(?:(?:the\s+)?end\s+of\s+)?(?P<month>{_MONTH})\b\.?" r"(?:\s+(?P<year>[0-9]{4})\b)?",
        _h_by_month,
        "by [the end of] <month> [<year>]",
        "by February",
        (
            '"by February", "by the end of February", "by February 2025": ``A`` to the last day of the next'
            ' such month, counting ``A``\'s own month (precision month).  "By February" is read generously '
            'as "by the end of February".'
        ),
    ),
    Rule(
        "by_weekday",
        "deadlines",
        rf"\bby\s+{_WEEKDAY}",
        _h_by_weekday,
        "by <weekday>",
        "by Friday",
        '"by Friday": ``A`` to the next Friday on or after ``A`` (precision day).',
    ),
    Rule(
        "date_range",
        "dates",
        rf"\bbetween\s+(?:the\s+)?(?P<a>{_DATE})\s+and\s+(?:the\s+)?(?P<b>{_DATE}|{_DAY})"
        rf"|(?:\bfrom\s+)?(?:the\s+)?(?P<c>{_DATE})\s*(?:-|to|through|thru|until|till)\s*(?:the\s+)?"
        rf"(?P<d>{_DATE}|{_DAY})"
        rf"|\b(?:(?:between|from)\s+(?:the\s+)?)?(?P<e>[0-9]{{1,2}}(?:st|nd|rd|th)?)\s*(?:-|to|and|through|until)\s*"
        rf"(?P<f>{_DAY_MONTH})",
        _h_range,
        "between <date> and <date> | [from] <date> to/until/- <date or day> | <day>-<day> <month>",
        "between December 10 and December 14",
        (
            '"between December 10 and December 14", "December 8 to 15", "December 8-15", "from 10 to 14'
            ' December": from the first day to the last; a missing year is read as for the dates below (the'
            " end on or before ``A``, the start the latest such day on or before the end), and a range that"
            " ends before it starts is refused (precision from its length)."
        ),
    ),
    Rule(
        "month_part",
        "dates",
        rf"\b(?:in\s+)?(?:the\s+)?(?P<part>early|mid|middle|late)(?:\s*-\s*|\s+)(?:of\s+)?(?P<month>{_MONTH})\b\.?"
        r"(?:\s+(?P<year>[0-9]{4})\b)?",
        _h_month_part,
        "[in] early / mid / late <month> [<year>]",
        "in early December",
        (
            '"in early December", "mid-December", "late December 2024": days 1-10, 11-20 or 21 to the end'
            " of the month; without a year, the most recent such part of the month that has begun by ``A``"
            " (precision week)."
        ),
    ),
    Rule(
        "iso_date",
        "dates",
        rf"(?P<date>{_ISO})",
        _h_date,
        "YYYY-MM-DD",
        "2024-12-08",
        '"2024-12-08": that day (precision day).',
    ),
    Rule(
        "date_with_year",
        "dates",
        rf"(?P<date>{_DATE_WITH_YEAR})",
        _h_date,
        "<day> <month> <year> | <month> <day>, <year>",
        "December 8, 2024",
        (
            '"8 December 2024", "December 8, 2024", "Dec. 8 2024": that day, even if it is after the anchor'
            " (precision day)."
        ),
    ),
    Rule(
        "date_without_year",
        "dates",
        rf"(?P<date>{_DATE})",
        _h_date,
        "<month> <day> | <day> <month> | the <day> of <month>",
        "December 15th",
        (
            '"December 15th", "15 December", "Dec. 8", "the 15th of December": the most recent such date on'
            ' or before ``A``, because news reports past events; on 2025-01-02 "December 15th" is '
            '2024-12-15, and "February 29" is the most recent leap day (precision day).'
        ),
    ),
    Rule(
        "day_before_yesterday",
        "days",
        r"\b(?:the\s+)?day\s+before\s+yesterday\b",
        _fixed_day(2),
        "the day before yesterday",
        "the day before yesterday",
        '"the day before yesterday": ``A-2``.',
    ),
    Rule(
        "yesterday",
        "days",
        r"\byesterday\b",
        _fixed_day(1),
        "yesterday",
        "yesterday",
        '"yesterday": ``A-1``.',
    ),
    Rule(
        "today",
        "days",
        r"\btoday\b",
        _fixed_day(0),
        "today",
        "today",
        '"today": ``A``.',
    ),
    Rule(
        "past_few_days",
        "counts",
        rf"\b{_PREP}(?:(?:the\s+)?(?:past|last)\s+few|the\s+(?:past|last)|recent)\s+days\b",
        _offsets(-5, 0, "week"),
        "over the past few days | in recent days",
        "over the past few days",
        '"over the past few days", "in recent days": ``A-5 .. A``.',
    ),
    Rule(
        "past_few_weeks",
        "counts",
        rf"\b{_PREP}(?:(?:the\s+)?(?:past|last)\s+few|the\s+(?:past|last)|recent)\s+weeks\b",
        _offsets(-35, 0, "month"),
        "over the past few weeks | in recent weeks",
        "in recent weeks",
        '"over the past few weeks", "in recent weeks": ``A-35 .. A``.',
    ),
    Rule(
        "past_days",
        "counts",
        rf"\b{_PREP}(?:the\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+)?|(?:past|last)\s+(?P<n2>{_NUM})\s+)(?P<unit>day)(?P<plural>s)?\b",
        _h_past_span,
        "over the past N days",
        "over the past 3 days",
        '"over the past 3 days", "in the past day": ``A-N .. A``.',
    ),
    Rule(
        "past_weeks",
        "counts",
        rf"\b{_PREP}(?:the\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+)?|(?:past|last)\s+(?P<n2>{_NUM})\s+)(?P<unit>week)(?P<plural>s)?\b",
        _h_past_span,
        "over the past N weeks | the past week | the last week",
        "over the past two weeks",
        '"over the past two weeks", "the past week", "the last week": ``A-7N .. A``.',
    ),
    Rule(
        "past_months",
        "counts",
        rf"\b{_PREP}(?:the\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+)?|(?:past|last)\s+(?P<n2>{_NUM})\s+)(?P<unit>month)(?P<plural>s)?\b",
        _h_past_span,
        "over the past N months | the past month",
        "over the past month",
        ('"over the past month": ``A`` minus N calendar months (day clamped to the month\'s length) to ``A``.'),
    ),
    Rule(
        "next_few_days",
        "deadlines",
        r"\b(?:(?:within|in|over|during)\s+(?:the\s+)?(?:next|coming)\s+(?:few\s+)?days"
        r"|within\s+(?:a\s+)?few\s+days|within\s+days)\b",
        _offsets(0, 5, "week"),
        "in the coming days | within the next few days | within days",
        "in the coming days",
        '"in the coming days", "within the next few days", "within days": ``A .. A+5``.',
    ),
    Rule(
        "next_few_weeks",
        "deadlines",
        r"\b(?:(?:within|in|over|during)\s+(?:the\s+)?(?:next|coming)\s+(?:few\s+)?weeks"
        r"|within\s+(?:a\s+)?few\s+weeks|within\s+weeks)\b",
        _offsets(0, 35, "month"),
        "in the coming weeks | within a few weeks | within weeks",
        "in the coming weeks",
        '"in the coming weeks", "within a few weeks": ``A .. A+35``.',
    ),
    Rule(
        "within_days",
        "deadlines",
        r"\b(?:within\s+(?:the\s+)?(?:(?:next|coming)\s+)?|(?:in|over|during)\s+the\s+(?:next|coming)\s+)"
        rf"(?:(?P<n>{_NUM})[\s-]+)?(?P<unit>day)(?P<plural>s)?\b",
        _h_within,
        "within [the next] N days | in the next N days",
        "within 10 days",
        '"within 10 days", "in the next 3 days": ``A .. A+N``.',
    ),
    Rule(
        "within_weeks",
        "deadlines",
        r"\b(?:within\s+(?:the\s+)?(?:(?:next|coming)\s+)?|(?:in|over|during)\s+the\s+(?:next|coming)\s+)"
        rf"(?:(?P<n>{_NUM})[\s-]+)?(?P<unit>week)(?P<plural>s)?\b",
        _h_within,
        "within [the next] N weeks | within a week",
        "within two weeks",
        '"within two weeks", "within a week": ``A .. A+7N``.',
    ),
    Rule(
        "within_months",
        "deadlines",
        r"\b(?:within\s+(?:the\s+)?(?:(?:next|coming)\s+)?|(?:in|over|during)\s+the\s+(?:next|coming)\s+)"
        rf"(?:(?P<n>{_NUM})[\s-]+)?(?P<unit>month)(?P<plural>s)?\b",
        _h_within,
        "within a/one/the next month | within the one-month timeframe",
        "within one month",
        (
            '"within a month", "within one month", "within the next month", "within the one-month '
            'timeframe": ``A`` to ``A`` plus N calendar months (day clamped: 2025-01-31 + 1 month = '
            "2025-02-28)."
        ),
    ),
    Rule(
        "few_days_ago",
        "counts",
        r"\b(?:a\s+)?few\s+days\s+ago\b",
        _offsets(-5, -2, "week"),
        "a few days ago",
        "a few days ago",
        '"a few days ago": ``A-5 .. A-2``; "few" is read as two to five.',
    ),
    Rule(
        "few_weeks_ago",
        "counts",
        r"\b(?:a\s+)?few\s+weeks\s+ago\b",
        _offsets(-35, -14, "month"),
        "a few weeks ago",
        "a few weeks ago",
        '"a few weeks ago": ``A-35 .. A-14``.',
    ),
    Rule(
        "days_ago",
        "counts",
        rf"\b(?P<n>{_NUM})\s+days?\s+ago\b",
        _h_days_ago,
        "N days ago",
        "3 days ago",
        '"3 days ago", "a day ago": the day ``A-N`` (precision day).',
    ),
    Rule(
        "weeks_ago",
        "counts",
        rf"\b(?P<n>{_NUM})\s+weeks?\s+ago\b",
        _h_weeks_ago,
        "N weeks ago",
        "two weeks ago",
        (
            '"two weeks ago", "a week ago": a seven-day window centred on ``A-7N``, i.e. ``A-7N-3 .. '
            'A-7N+3``, clipped so it never ends after ``A`` (precision week).  "Two weeks ago" is rarely '
            "exactly 14 days."
        ),
    ),
    Rule(
        "later_this_week",
        "weeks",
        r"\blater\s+this\s+week\b",
        _h_later_this_week,
        "later this week",
        "later this week",
        '"later this week": ``A`` to Sunday of ``A``\'s week.',
    ),
    Rule(
        "this_week",
        "weeks",
        r"\b(?:earlier\s+)?this\s+week\b",
        _h_this_week,
        "[earlier] this week",
        "earlier this week",
        '"this week", "earlier this week": Monday of ``A``\'s ISO week to ``A`` (never after ``A``).',
    ),
    Rule(
        "later_this_month",
        "weeks",
        r"\blater\s+this\s+month\b",
        _h_later_this_month,
        "later this month",
        "later this month",
        '"later this month": ``A`` to the last day of ``A``\'s month.',
    ),
    Rule(
        "this_month",
        "weeks",
        r"\b(?:earlier\s+)?this\s+month\b",
        _h_this_month,
        "[earlier] this month",
        "earlier this month",
        '"this month", "earlier this month": the 1st of ``A``\'s month to ``A`` (never after ``A``).',
    ),
    Rule(
        "last_week",
        "weeks",
        r"\blast\s+week\b",
        _iso_week(-1),
        "last week",
        "last week",
        (
            '"last week": the full Monday-Sunday ISO week before ``A``\'s week; on Sunday 2024-12-22 that is'
            ' 2024-12-09 .. 2024-12-15. "the last week"/"the past week" mean the last seven days instead '
            "(see ``past_weeks``)."
        ),
    ),
    Rule(
        "next_week",
        "weeks",
        r"\bnext\s+week\b",
        _iso_week(1),
        "next week",
        "next week",
        '"next week": the full ISO week after ``A``\'s week.',
    ),
    Rule(
        "last_month",
        "weeks",
        r"\blast\s+month\b",
        _calendar_month(-1),
        "last month",
        "last month",
        '"last month": the whole previous calendar month.',
    ),
    Rule(
        "next_month",
        "weeks",
        r"\bnext\s+month\b",
        _calendar_month(1),
        "next month",
        "next month",
        '"next month": the whole following calendar month.',
    ),
    Rule(
        "last_weekday",
        "days",
        rf"\blast\s+{_WEEKDAY}",
        _h_last_weekday,
        "last <weekday>",
        "last Tuesday",
        (
            '"last Tuesday": the most recent such weekday strictly before ``A``; if ``A`` is itself a '
            "Tuesday, that is ``A-7``."
        ),
    ),
    Rule(
        "weekday",
        "days",
        rf"\b(?:on\s+)?{_WEEKDAY}",
        _h_weekday,
        "[on] <weekday>",
        "on Tuesday",
        (
            '"on Tuesday", "Tuesday": the most recent such weekday on or before ``A``; if ``A`` is a '
            'Tuesday, that is ``A`` itself, because wire copy names the current day by its weekday ("On '
            'Tuesday, ..."). "this/next/coming Tuesday" are refused as ambiguous.'
        ),
    ),
    Rule(
        "recently",
        "counts",
        r"\b(?:recently|already|(?:has|have)\s+(?:already\s+)?(?:begun|started))\b",
        _h_recently,
        "recently | already | has/have [already] begun/started",
        "has already begun",
        (
            '"recently", "already", "has begun", "have started": open start, ending at ``A`` (precision '
            "open).  These are weak cues: if the phrase also holds any other expression, that one wins."
        ),
        weak=True,
    ),
)
"""Every rule, in the order they are tried: where two rules' matches overlap, the earlier rule's
wins. The module documentation's list of rules is generated from this table."""

_DIGITS = tuple("0123456789")
_NEEDS_DAY, _NEEDS_WEEK, _NEEDS_MONTH = ("day",), ("week",), ("month",)

RULE_NEEDS: dict[str, tuple[str, ...]] = {
    # Every date form holds the day's or the year's digits.
    "since_date": _DIGITS,
    "since_weekday": _NEEDS_DAY,
    "as_of_date": _DIGITS,
    "date_range": _DIGITS,
    "month_part": ("early", "mid", "late"),
    "by_date": _DIGITS,
    "iso_date": _DIGITS,
    "date_with_year": _DIGITS,
    "date_without_year": _DIGITS,
    "by_end_of_week": _NEEDS_WEEK,
    "by_end_of_month": _NEEDS_MONTH,
    # "by <month>": the phrase is normalised, so one space follows "by".
    "by_month": ("by ",),
    # Every weekday's name ends in "day", as do "today" and "yesterday".
    "by_weekday": _NEEDS_DAY,
    "day_before_yesterday": _NEEDS_DAY,
    "yesterday": _NEEDS_DAY,
    "today": _NEEDS_DAY,
    "past_few_days": _NEEDS_DAY,
    "past_few_weeks": _NEEDS_WEEK,
    "past_days": _NEEDS_DAY,
    "past_weeks": _NEEDS_WEEK,
    "past_months": _NEEDS_MONTH,
    "next_few_days": _NEEDS_DAY,
    "next_few_weeks": _NEEDS_WEEK,
    "within_days": _NEEDS_DAY,
    "within_weeks": _NEEDS_WEEK,
    "within_months": _NEEDS_MONTH,
    "few_days_ago": _NEEDS_DAY,
    "few_weeks_ago": _NEEDS_WEEK,
    "days_ago": _NEEDS_DAY,
    "weeks_ago": _NEEDS_WEEK,
    "later_this_week": _NEEDS_WEEK,
    "this_week": _NEEDS_WEEK,
    "later_this_month": _NEEDS_MONTH,
    "this_month": _NEEDS_MONTH,
    "last_week": _NEEDS_WEEK,
    "next_week": _NEEDS_WEEK,
    "last_month": _NEEDS_MONTH,
    "next_month": _NEEDS_MONTH,
    "last_weekday": _NEEDS_DAY,
    "weekday": _NEEDS_DAY,
    "recently": ("recently", "already", "begun", "started"),
}
"""For each rule, substrings of the normalised phrase of which every match of its pattern holds one.

A phrase holding none of them cannot match the rule, so its pattern is not tried: most phrases
hold a digit or "day" and nothing else a rule needs, and trying all the patterns on every
sentence was the largest cost of reading times in a corpus. A rule missing here is always tried;
tests/test_time.py checks that every rule's own cases pass its entry."""

_MATCHERS: tuple[_Matcher, ...] = tuple(
    _Matcher(re.compile(rule.pattern), rule.handler, rule.weak, rule.id, frozenset(RULE_NEEDS.get(rule.id, ())))
    for rule in RULES
    if rule.pattern is not None
)
_NEEDED = tuple(sorted({needed for needs in RULE_NEEDS.values() for needed in needs}))
"""Every substring some rule needs: each is looked for once per phrase, not once per rule."""
_SINCE_EVENT = next(rule for rule in RULES if rule.pattern is None)


def _rules_doc() -> str:
    """The module documentation's list of rules, by section, from :data:`RULES`."""
    out = []
    for key, heading in SECTIONS.items():
        out += [heading, ""]
        for rule in RULES:
            if rule.section == key:
                text = textwrap.fill(f"``{rule.id}`` -- {rule.meaning}", width=76, break_on_hyphens=False)
                out.append(textwrap.indent(text, "  ").replace("  ", "* ", 1))
        out.append("")
    return "\n".join(out)


_DASHES = re.compile(r"[\u2010-\u2015]")


def _normalize(text: str) -> str:
    """Lower-case, unify apostrophes and dashes, and collapse whitespace."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if not lowered.isascii():  # the dashes are not
        lowered = _DASHES.sub("-", lowered)
    # str.split() splits at the characters re's \s matches (both ask Py_UNICODE_ISSPACE) and
    # drops the ends: the same as collapsing each run to a space and stripping, at less cost.
    return " ".join(lowered.split())


# Every matcher needs a digit or one of these words (dates, weekdays, day/week/month with or
# without the plural, today, yesterday, and the words of "recently"), so a phrase with none of
# them is settled by one search instead of thirty. tests/test_time.py's cases of every rule go
# through this gate, so a rule with a word missing here fails them.
_TRIGGER_WORDS = r"days?|weeks?|months?|today|yesterday|recently|already|begun|started"
_TRIGGER = re.compile(rf"[0-9]|\b(?:{_MONTH}|{_WEEKDAY.replace('(?P<wd>', '(?:')}|{_TRIGGER_WORDS})\b")


@lru_cache(maxsize=64)
def _find_matches(phrase: str) -> tuple[tuple[re.Match[str], _Matcher], ...]:
    """All non-overlapping matches, higher-priority matchers first.

    Cached: extraction asks :func:`expressions` and then :func:`resolve` about the same
    sentence, and trying every matcher is most of the cost of either.
    """
    if not _TRIGGER.search(phrase):
        return ()
    found: list[tuple[re.Match[str], _Matcher]] = []
    present = {needed for needed in _NEEDED if needed in phrase}
    for matcher in _MATCHERS:
        if matcher.needs and matcher.needs.isdisjoint(present):
            continue
        for match in matcher.pattern.finditer(phrase):
            if not any(match.start() < other.end() and other.start() < match.end() for other, _ in found):
                found.append((match, matcher))
    return tuple(found)


_YEAR_DIGITS = re.compile(r"\b[0-9]{4}\b")
"""A year as written: a phrase that states one is not shifted to another year."""

_FORWARD_RULES = frozenset({"date_without_year", "date_range", "month_part", "weekday"})
"""Rules whose reading depends on the tense: read back from the anchor, or forward with ``future``."""


def _forward(start: date | None, end: date | None, rule: str) -> tuple[date | None, date | None]:
    """The next occurrence on or after a day of an interval found before it: a week or a year later."""
    if start is None or end is None:  # pragma: no cover - every forward rule gives both ends
        return start, end
    if rule == "weekday":
        return start + _days(7), end + _days(7)
    for years in range(1, 9):  # a leap day may be eight years away
        try:
            return start.replace(year=start.year + years), end.replace(year=end.year + years)
        except ValueError:
            continue
    raise OverflowError("date value out of range")  # pragma: no cover - a leap day recurs within eight years


def resolve(text: str, anchor: date, *, events: EventDates | None = None, future: bool = False) -> TimeInterval:
    """Resolve a time expression against a publication date.

    Parameters
    ----------
    text : str
        The phrase, e.g. ``"last Tuesday"`` or ``"reported on December
        15th"``.  Case and surrounding words do not matter.
    anchor : datetime.date
        Publication date of the report the phrase comes from.
    events : EventDates, optional
        Dated events that "since <event>" may name (rule ``since_event``).
    future : bool
        The phrase dates a plan or an intention ("Russia will withdraw on December 28"): a date
        without a year, a range or a part of a month without one, and a weekday are then the
        next such days on or after ``anchor`` rather than the most recent on or before it, for
        a plan cannot lie in the past; but a date, range or part of a month without a year is
        read forward only where the next such days lie no farther from ``anchor`` than the
        last ones, since a plan's sentence may date the statement ("said on December 13 that
        it will leave", written on December 14, is December 13). Days that include the
        anchor, or an explicit year, stay.

    Returns
    -------
    TimeInterval
        The inclusive interval of days the phrase can mean, with the rule
        that produced it.  See the module docstring or :data:`RULES` for
        every supported form.

    Raises
    ------
    TimeExpressionError
        If the phrase is empty, holds no supported expression, holds
        conflicting expressions, uses an unsupported modifier ("next
        Tuesday", "two days after December 8", "since the fall of ..."),
        names an impossible date, or resolves outside the range of
        :class:`datetime.date`.
    TypeError
        If ``text`` is not a string or ``anchor`` is not a
        :class:`datetime.date` (a :class:`datetime.datetime` is refused so
        that time zones are settled by the caller).

    Examples
    --------
    >>> from datetime import date
    >>> iv = resolve("Last week, Russian troops left", date(2024, 12, 22))
    >>> (iv.start, iv.end, iv.rule)
    (datetime.date(2024, 12, 9), datetime.date(2024, 12, 15), 'last_week')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if isinstance(anchor, datetime) or not isinstance(anchor, date):
        raise TypeError(f"anchor must be a datetime.date, not {type(anchor).__name__}")
    phrase = _normalize(text)
    if not phrase:
        raise TimeExpressionError(text, "the phrase is empty")

    found = list(_find_matches(phrase))
    if events is not None:
        for match in events.find(phrase):
            found = [(m, x) for m, x in found if not (m.start() < match.end() and match.start() < m.end())]
            found.append((match, _Matcher(match.re, _SINCE_EVENT.handler, False, _SINCE_EVENT.id)))
    uncovered = phrase
    for match, _ in found:
        uncovered = uncovered[: match.start()] + " " * len(match[0]) + uncovered[match.end() :]
    if _SINCE.search(uncovered):
        raise TimeExpressionError(
            text,
            "'since' must be followed by an explicit date such as 'since December 8', a weekday ('since last "
            "Thursday'), or by an event of the "
            "data's events table (events.csv); other event-relative or vague starts cannot be dated",
        )

    strong = [(m, matcher) for m, matcher in found if not matcher.weak]
    chosen = strong or found[:1]
    if not chosen:
        raise TimeExpressionError(text, "no supported time expression found")

    results: list[tuple[str, _Resolved]] = []
    for match, matcher in chosen:
        before, after = phrase[: match.start()], phrase[match.end() :]
        if _BLOCK_BEFORE.search(before) or _BLOCK_AFTER.match(after):
            raise TimeExpressionError(text, f"'{match[0].strip()}' is qualified by a word the rules do not model")
        try:
            results.append((matcher.rule, matcher.handler(match, anchor)))
        except _Unresolvable as exc:
            raise TimeExpressionError(text, str(exc)) from None
        except (OverflowError, ValueError):
            raise TimeExpressionError(text, "the date falls outside the supported range") from None

    if len({(r.start, r.end) for _, r in results}) > 1:
        described = ", ".join(f"{rule}: {r.start}..{r.end}" for rule, r in results)
        raise TimeExpressionError(text, f"it holds conflicting expressions ({described})")
    rule, best = results[0]
    start, end = best.start, best.end
    if (
        future
        and rule in _FORWARD_RULES
        and end is not None
        and end < anchor
        and not _YEAR_DIGITS.search(chosen[0][0][0])
    ):
        try:
            ahead = _forward(start, end, rule)
        except (OverflowError, ValueError):
            raise TimeExpressionError(text, "the date falls outside the supported range") from None
        # A plan cannot lie in the past, but its sentence may date the statement instead ("said on
        # December 13 that it will leave", written on the 14th): a yearless date is the nearer of
        # its two readings. A weekday is always the next: "will leave on Friday".
        if rule == "weekday" or (ahead[0] is not None and (ahead[0] - anchor) <= (anchor - end)):
            start, end = ahead
    return TimeInterval(start, end, best.precision, text, anchor, rule)


def expressions(text: str, *, events: EventDates | None = None) -> list[str]:
    """The supported time expressions in ``text`` (normalised), strong ones first.

    :func:`resolve` uses the same matchers; this tells a caller which words
    of a sentence it would read as a time ("since <event>" only with ``events``).
    """
    phrase = _normalize(text)
    found = _find_matches(phrase)
    since = [m[0] for m in events.find(phrase)] if events is not None and "since" in phrase else []
    return since + [m[0] for m, matcher in found if not matcher.weak] + [m[0] for m, matcher in found if matcher.weak]


__doc__ = (__doc__ or "").replace("{rules}", _rules_doc())
