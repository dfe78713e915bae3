"""Tests for :mod:`geo.time`: every rule at calendar boundaries, the seed phrases, refusals and properties.

Expected dates in the tables are worked out by hand from a calendar, not by
running the code.  Anchors used throughout:

* ``A`` 2025-01-02, a Thursday just after a year boundary;
* ``B`` 2024-03-01, a Friday just after the leap day 2024-02-29;
* ``C`` 2024-12-31, a Tuesday on the last day of a year;
* ``S`` 2024-12-22, a Sunday, the publication date used for the seed reports.
"""

import calendar
import pickle
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.time as geotime
from geo.time import RULES, TimeExpressionError, TimeInterval, resolve

A = date(2025, 1, 2)
B = date(2024, 3, 1)
C = date(2024, 12, 31)
S = date(2024, 12, 22)


def d(iso: str) -> date:
    """Shorthand for a date written in ISO form."""
    return date.fromisoformat(iso)


class Case(NamedTuple):
    """One row of the rule table."""

    text: str
    anchor: date
    start: date | None
    end: date | None
    precision: str
    rule: str


def day(text: str, anchor: date, iso: str, rule: str) -> Case:
    """A case resolving to the single day ``iso``."""
    return Case(text, anchor, d(iso), d(iso), "day", rule)


def span(text: str, anchor: date, start: str | None, end: str, precision: str, rule: str) -> Case:
    """A case resolving to ``start .. end`` (``None`` for an open start)."""
    return Case(text, anchor, None if start is None else d(start), d(end), precision, rule)


CASES: list[Case] = [
    # Ranges: both ends, a missing year as for dates, across New Year.
    span("between December 8 and December 15", S, "2024-12-08", "2024-12-15", "week", "date_range"),
    span("December 8 to 15", S, "2024-12-08", "2024-12-15", "week", "date_range"),
    span("December 8\u201315", S, "2024-12-08", "2024-12-15", "week", "date_range"),
    span("from 10 to 14 December", S, "2024-12-10", "2024-12-14", "week", "date_range"),
    span("between the 1st and the 20th of December", S, "2024-12-01", "2024-12-20", "month", "date_range"),
    span("from December 28 to January 3", d("2025-01-10"), "2024-12-28", "2025-01-03", "week", "date_range"),
    # The end as "3 January" alone: one day after the anchor, so the year before (and the start with it).
    span("from December 28 to January 3", A, "2023-12-28", "2024-01-03", "week", "date_range"),
    span("December 30, 2024 until January 14, 2025", A, "2024-12-30", "2025-01-14", "month", "date_range"),
    span("between 2 and 3 December", S, "2024-12-02", "2024-12-03", "day", "date_range"),
    # Parts of a month: the most recent that has begun by the anchor.
    span("in early December", S, "2024-12-01", "2024-12-10", "week", "month_part"),
    span("mid-December", S, "2024-12-11", "2024-12-20", "week", "month_part"),
    span("in the middle of November", S, "2024-11-11", "2024-11-20", "week", "month_part"),
    span("late December", S, "2024-12-21", "2024-12-31", "week", "month_part"),
    span("late December", d("2024-12-20"), "2023-12-21", "2023-12-31", "week", "month_part"),  # not begun
    span("late February 2024", S, "2024-02-21", "2024-02-29", "week", "month_part"),
    # Explicit dates.
    day("2025-01-01", A, "2025-01-01", "iso_date"),
    day("2024-02-29", B, "2024-02-29", "iso_date"),
    day("reported 2024-12-31", C, "2024-12-31", "iso_date"),
    day("8 December 2024", A, "2024-12-08", "date_with_year"),
    day("February 29, 2024", B, "2024-02-29", "date_with_year"),
    day("Dec. 31, 2024", C, "2024-12-31", "date_with_year"),
    day("on January 5, 2025", C, "2025-01-05", "date_with_year"),  # after the anchor: kept as written
    day("December 15th", A, "2024-12-15", "date_without_year"),
    day("January 2", A, "2025-01-02", "date_without_year"),  # the anchor itself
    day("3 January", A, "2024-01-03", "date_without_year"),  # one day after the anchor -> previous year
    day("February 29", A, "2024-02-29", "date_without_year"),
    day("29 Feb", B, "2024-02-29", "date_without_year"),
    day("March 1st", B, "2024-03-01", "date_without_year"),
    day("the 2nd of March", B, "2023-03-02", "date_without_year"),
    day("Dec. 8", C, "2024-12-08", "date_without_year"),
    day("31 December", C, "2024-12-31", "date_without_year"),
    day("February 29", date(2024, 2, 28), "2020-02-29", "date_without_year"),
    span("since December 8", A, "2024-12-08", "2025-01-02", "month", "since_date"),
    span("since February 29", B, "2024-02-29", "2024-03-01", "day", "since_date"),
    span("since 2024-12-24", C, "2024-12-24", "2024-12-31", "week", "since_date"),
    # A weekday after "since" reads back as the weekday rules do; the anchor is a Thursday.
    span("since last Thursday", A, "2024-12-26", "2025-01-02", "week", "since_weekday"),
    span("since Thursday", A, "2025-01-02", "2025-01-02", "day", "since_weekday"),
    span("since Monday", S, "2024-12-16", "2024-12-22", "week", "since_weekday"),
    # "as of" a date: a state reached by then.
    span("as of December 20", S, None, "2024-12-20", "open", "as_of_date"),
    span("As of 2024-12-31, the convoy had arrived", C, None, "2024-12-31", "open", "as_of_date"),
    # Days and weekdays.
    day("today", A, "2025-01-02", "today"),
    day("earlier today", B, "2024-03-01", "today"),
    day("Today", C, "2024-12-31", "today"),
    day("yesterday", A, "2025-01-01", "yesterday"),
    day("yesterday", B, "2024-02-29", "yesterday"),
    day("reported yesterday", C, "2024-12-30", "yesterday"),
    day("the day before yesterday", A, "2024-12-31", "day_before_yesterday"),
    day("the day before yesterday", B, "2024-02-28", "day_before_yesterday"),
    day("day before yesterday", C, "2024-12-29", "day_before_yesterday"),
    day("last Tuesday", A, "2024-12-31", "last_weekday"),
    day("last Thursday", A, "2024-12-26", "last_weekday"),  # anchor is a Thursday
    day("last Thursday", B, "2024-02-29", "last_weekday"),
    day("last Friday", B, "2024-02-23", "last_weekday"),  # anchor is a Friday
    day("last Tuesday", C, "2024-12-24", "last_weekday"),  # anchor is a Tuesday
    day("last Wednesday", C, "2024-12-25", "last_weekday"),
    day("last Sunday", S, "2024-12-15", "last_weekday"),  # anchor is a Sunday
    day("on Tuesday", A, "2024-12-31", "weekday"),
    day("on Thursday", A, "2025-01-02", "weekday"),  # anchor is a Thursday: the anchor itself
    day("Thursday", B, "2024-02-29", "weekday"),
    day("on Friday", B, "2024-03-01", "weekday"),
    day("on Monday", C, "2024-12-30", "weekday"),
    day("Wednesday", C, "2024-12-25", "weekday"),
    day("on Sunday", S, "2024-12-22", "weekday"),
    # Weeks and months.
    span("this week", A, "2024-12-30", "2025-01-02", "week", "this_week"),
    span("earlier this week", B, "2024-02-26", "2024-03-01", "week", "this_week"),
    span("this week", C, "2024-12-30", "2024-12-31", "week", "this_week"),
    span("this week", date(2024, 12, 30), "2024-12-30", "2024-12-30", "week", "this_week"),  # a Monday
    span("later this week", A, "2025-01-02", "2025-01-05", "week", "later_this_week"),
    span("later this week", B, "2024-03-01", "2024-03-03", "week", "later_this_week"),
    span("later this week", C, "2024-12-31", "2025-01-05", "week", "later_this_week"),
    span("later this week", S, "2024-12-22", "2024-12-22", "week", "later_this_week"),
    span("last week", A, "2024-12-23", "2024-12-29", "week", "last_week"),
    span("last week", B, "2024-02-19", "2024-02-25", "week", "last_week"),
    span("last week", C, "2024-12-23", "2024-12-29", "week", "last_week"),
    span("next week", A, "2025-01-06", "2025-01-12", "week", "next_week"),
    span("next week", B, "2024-03-04", "2024-03-10", "week", "next_week"),
    span("next week", C, "2025-01-06", "2025-01-12", "week", "next_week"),
    span("next week", S, "2024-12-23", "2024-12-29", "week", "next_week"),
    span("earlier this month", A, "2025-01-01", "2025-01-02", "month", "this_month"),
    span("this month", B, "2024-03-01", "2024-03-01", "month", "this_month"),
    span("earlier this month", C, "2024-12-01", "2024-12-31", "month", "this_month"),
    span("later this month", A, "2025-01-02", "2025-01-31", "month", "later_this_month"),
    span("later this month", B, "2024-03-01", "2024-03-31", "month", "later_this_month"),
    span("later this month", C, "2024-12-31", "2024-12-31", "month", "later_this_month"),
    span("last month", A, "2024-12-01", "2024-12-31", "month", "last_month"),
    span("last month", B, "2024-02-01", "2024-02-29", "month", "last_month"),
    span("last month", C, "2024-11-01", "2024-11-30", "month", "last_month"),
    span("next month", A, "2025-02-01", "2025-02-28", "month", "next_month"),
    span("next month", B, "2024-04-01", "2024-04-30", "month", "next_month"),
    span("next month", C, "2025-01-01", "2025-01-31", "month", "next_month"),
    # Counts back from the anchor.
    day("3 days ago", A, "2024-12-30", "days_ago"),
    day("two days ago", B, "2024-02-28", "days_ago"),
    day("a day ago", B, "2024-02-29", "days_ago"),
    day("twelve days ago", C, "2024-12-19", "days_ago"),
    span("a week ago", A, "2024-12-23", "2024-12-29", "week", "weeks_ago"),
    span("two weeks ago", B, "2024-02-13", "2024-02-19", "week", "weeks_ago"),
    span("3 weeks ago", C, "2024-12-07", "2024-12-13", "week", "weeks_ago"),
    span("a few days ago", A, "2024-12-28", "2024-12-31", "week", "few_days_ago"),
    span("a few days ago", B, "2024-02-25", "2024-02-28", "week", "few_days_ago"),
    span("few days ago", C, "2024-12-26", "2024-12-29", "week", "few_days_ago"),
    span("a few weeks ago", A, "2024-11-28", "2024-12-19", "month", "few_weeks_ago"),
    span("a few weeks ago", B, "2024-01-26", "2024-02-16", "month", "few_weeks_ago"),
    span("a few weeks ago", C, "2024-11-26", "2024-12-17", "month", "few_weeks_ago"),
    span("over the past few days", A, "2024-12-28", "2025-01-02", "week", "past_few_days"),
    span("in recent days", B, "2024-02-25", "2024-03-01", "week", "past_few_days"),
    span("in the last few days", C, "2024-12-26", "2024-12-31", "week", "past_few_days"),
    span("in recent weeks", A, "2024-11-28", "2025-01-02", "month", "past_few_weeks"),
    span("over the past few weeks", B, "2024-01-26", "2024-03-01", "month", "past_few_weeks"),
    span("in recent weeks", C, "2024-11-26", "2024-12-31", "month", "past_few_weeks"),
    span("over the past 3 days", A, "2024-12-30", "2025-01-02", "week", "past_days"),
    span("in the past day", B, "2024-02-29", "2024-03-01", "day", "past_days"),
    span("over the last ten days", C, "2024-12-21", "2024-12-31", "week", "past_days"),
    span("over the past week", A, "2024-12-26", "2025-01-02", "week", "past_weeks"),
    span("the last two weeks", B, "2024-02-16", "2024-03-01", "week", "past_weeks"),
    span("past 3 weeks", C, "2024-12-10", "2024-12-31", "month", "past_weeks"),
    span("over the past month", A, "2024-12-02", "2025-01-02", "month", "past_months"),
    span("in the past month", B, "2024-02-01", "2024-03-01", "month", "past_months"),
    span("over the last two months", C, "2024-10-31", "2024-12-31", "month", "past_months"),
    span("over the past month", date(2024, 3, 31), "2024-02-29", "2024-03-31", "month", "past_months"),
    span("recently", A, None, "2025-01-02", "open", "recently"),
    span("has already begun", B, None, "2024-03-01", "open", "recently"),
    span("Already", C, None, "2024-12-31", "open", "recently"),
    span("troops have started", C, None, "2024-12-31", "open", "recently"),
    # Deadlines and plans.
    span("in the coming days", A, "2025-01-02", "2025-01-07", "week", "next_few_days"),
    span("within the next few days", B, "2024-03-01", "2024-03-06", "week", "next_few_days"),
    span("within days", C, "2024-12-31", "2025-01-05", "week", "next_few_days"),
    span("in the coming weeks", A, "2025-01-02", "2025-02-06", "month", "next_few_weeks"),
    span("within a few weeks", B, "2024-03-01", "2024-04-05", "month", "next_few_weeks"),
    span("in the next few weeks", C, "2024-12-31", "2025-02-04", "month", "next_few_weeks"),
    span("within 10 days", A, "2025-01-02", "2025-01-12", "week", "within_days"),
    span("within a day", B, "2024-03-01", "2024-03-02", "day", "within_days"),
    span("in the next three days", C, "2024-12-31", "2025-01-03", "week", "within_days"),
    span("within two weeks", A, "2025-01-02", "2025-01-16", "week", "within_weeks"),
    span("within a week", B, "2024-03-01", "2024-03-08", "week", "within_weeks"),
    span("within the next 3 weeks", C, "2024-12-31", "2025-01-21", "month", "within_weeks"),
    span("within a month", A, "2025-01-02", "2025-02-02", "month", "within_months"),
    span("within one month", B, "2024-03-01", "2024-04-01", "month", "within_months"),
    span("within the next month", C, "2024-12-31", "2025-01-31", "month", "within_months"),
    span("within two months", C, "2024-12-31", "2025-02-28", "month", "within_months"),  # day clamped
    span("within a month", date(2024, 1, 31), "2024-01-31", "2024-02-29", "month", "within_months"),
    span("by 15 January", A, "2025-01-02", "2025-01-15", "day", "by_date"),
    span("by January 1", A, "2025-01-02", "2026-01-01", "day", "by_date"),
    span("by March 1", B, "2024-03-01", "2024-03-01", "day", "by_date"),
    span("by 15 March", B, "2024-03-01", "2024-03-15", "day", "by_date"),
    span("by February 29", B, "2024-03-01", "2028-02-29", "day", "by_date"),
    span("by January 15", C, "2024-12-31", "2025-01-15", "day", "by_date"),
    span("by December 31", C, "2024-12-31", "2024-12-31", "day", "by_date"),
    span("by January 15, 2025", C, "2024-12-31", "2025-01-15", "day", "by_date"),
    span("by February", A, "2025-01-02", "2025-02-28", "month", "by_month"),
    span("by January", A, "2025-01-02", "2025-01-31", "month", "by_month"),
    span("by the end of February", B, "2024-03-01", "2025-02-28", "month", "by_month"),
    span("by March", B, "2024-03-01", "2024-03-31", "month", "by_month"),
    span("by February 2028", B, "2024-03-01", "2028-02-29", "month", "by_month"),
    span("by February", C, "2024-12-31", "2025-02-28", "month", "by_month"),
    span("by December", C, "2024-12-31", "2024-12-31", "month", "by_month"),
    span("by the end of the week", A, "2025-01-02", "2025-01-05", "week", "by_end_of_week"),
    span("by the end of this week", B, "2024-03-01", "2024-03-03", "week", "by_end_of_week"),
    span("by the end of next week", C, "2024-12-31", "2025-01-12", "week", "by_end_of_week"),
    span("by the end of the week", S, "2024-12-22", "2024-12-22", "week", "by_end_of_week"),
    span("by the end of the month", A, "2025-01-02", "2025-01-31", "month", "by_end_of_month"),
    span("by the end of next month", B, "2024-03-01", "2024-04-30", "month", "by_end_of_month"),
    span("by the end of the month", C, "2024-12-31", "2024-12-31", "month", "by_end_of_month"),
    span("by end of next month", C, "2024-12-31", "2025-01-31", "month", "by_end_of_month"),
    span("by Friday", A, "2025-01-02", "2025-01-03", "day", "by_weekday"),
    span("by Thursday", A, "2025-01-02", "2025-01-02", "day", "by_weekday"),  # anchor is a Thursday
    span("by Monday", B, "2024-03-01", "2024-03-04", "day", "by_weekday"),
    span("by Sunday", C, "2024-12-31", "2025-01-05", "day", "by_weekday"),
]

# Phrases from the seed reports, all published on Sunday 2024-12-22.
SEED_CASES: list[Case] = [
    day("last Tuesday", S, "2024-12-17", "last_weekday"),
    day("Last Tuesday, Russian planes were spotted at Qamishli airport", S, "2024-12-17", "last_weekday"),
    span("last week", S, "2024-12-09", "2024-12-15", "week", "last_week"),
    span("was reported last week by the Syrian Observatory", S, "2024-12-09", "2024-12-15", "week", "last_week"),
    span("Last week, Russian troops left seven observation posts", S, "2024-12-09", "2024-12-15", "week", "last_week"),
    span("two weeks ago", S, "2024-12-05", "2024-12-11", "week", "weeks_ago"),
    span(
        "After Assad’s fall to insurgent groups just two weeks ago", S, "2024-12-05", "2024-12-11", "week", "weeks_ago"
    ),
    span("within one month", S, "2024-12-22", "2025-01-22", "month", "within_months"),
    span(
        "Russia to Withdraw All Troops from Syria Within a Month",
        S,
        "2024-12-22",
        "2025-01-22",
        "month",
        "within_months",
    ),
    span("all within the one-month timeframe", S, "2024-12-22", "2025-01-22", "month", "within_months"),
    span("expected within the next month", S, "2024-12-22", "2025-01-22", "month", "within_months"),
    day("December 15th", S, "2024-12-15", "date_without_year"),
    day("departed from the Hmeimim air base on December 15th.", S, "2024-12-15", "date_without_year"),
    day("On December 14, 2023, reports emerged", S, "2023-12-14", "date_with_year"),
    day("The Assad regime's sudden downfall on December 8, 2024, marked", S, "2024-12-08", "date_with_year"),
    span("over the past few days", S, "2024-12-17", "2024-12-22", "week", "past_few_days"),
    span(
        "Over the past few days, two planes have been observed", S, "2024-12-17", "2024-12-22", "week", "past_few_days"
    ),
    span("some Russian combat troops have already been pulled out", S, None, "2024-12-22", "open", "recently"),
    span("since December 8", S, "2024-12-08", "2024-12-22", "week", "since_date"),
    span("two weeks ago", S, "2024-12-05", "2024-12-11", "week", "weeks_ago"),
    # A weak cue loses to a real expression; agreeing expressions are accepted.
    span("troops had already left last week", S, "2024-12-09", "2024-12-15", "week", "last_week"),
    day("Tuesday, December 17", S, "2024-12-17", "date_without_year"),
]


def _case_id(case: Case) -> str:
    return f"{case.rule}@{case.anchor}:{case.text}"


@pytest.mark.parametrize("case", CASES + SEED_CASES, ids=_case_id)
def test_rule_table(case: Case) -> None:
    result = resolve(case.text, case.anchor)
    assert (result.start, result.end, result.precision, result.rule) == (
        case.start,
        case.end,
        case.precision,
        case.rule,
    )
    assert result.text == case.text
    assert result.anchor == case.anchor


def test_table_covers_every_rule() -> None:
    # since_event needs the caller's event dates: its cases are in tests/test_events.py.
    assert {case.rule for case in CASES} | {"since_event"} == {doc.id for doc in RULES}


# --------------------------------------------------------------------------
# RULES and the module documentation.


def test_rule_ids_are_unique_and_documented_in_the_module_docstring() -> None:
    ids = [doc.id for doc in RULES]
    assert len(ids) == len(set(ids))
    doc = geotime.__doc__ or ""
    missing = [rule_id for rule_id in ids if f"``{rule_id}``" not in doc]
    assert missing == []


@pytest.mark.parametrize("doc", RULES, ids=lambda doc: doc.id)
def test_every_rule_example_resolves_with_its_own_rule(doc: geotime.Rule) -> None:
    assert all((doc.id, doc.form, doc.example, doc.meaning, doc.handler)) and doc.section in geotime.SECTIONS
    assert doc.pattern or doc.id == "since_event"  # its pattern is the caller's EventDates
    # The event of since_event's example, dated as a data set's events table would date it.
    events = geotime.EventDates((("fall of Assad", date(2024, 12, 8)),))
    assert resolve(doc.example, S, events=events).rule == doc.id


# --------------------------------------------------------------------------
# Refusals.


class Refusal(NamedTuple):
    """A phrase that must be refused, and a fragment of the reason given."""

    text: str
    anchor: date
    reason: str


REFUSALS: list[Refusal] = [
    Refusal("", S, "empty"),
    Refusal("   ", S, "empty"),
    Refusal("the fall of Assad", S, "no supported time expression"),
    Refusal("last year", S, "no supported time expression"),
    Refusal("December 2024", S, "no supported time expression"),
    Refusal("Since the fall of the Assad government", S, "'since' must be followed by an explicit date"),
    Refusal("since last week", S, "'since' must be followed by an explicit date"),
    Refusal("as of December 30, 2024", S, "lies after the publication date"),
    Refusal("next Tuesday", S, "qualified"),
    Refusal("this Friday", S, "qualified"),
    Refusal("by next week", S, "qualified"),
    Refusal("last December 15", S, "qualified"),
    Refusal("more than two weeks ago", S, "qualified"),
    Refusal("two days after December 8", S, "qualified"),
    Refusal("a week before December 8", S, "qualified"),
    Refusal("the last week of November", S, "qualified"),
    Refusal("the week of December 8", S, "qualified"),
    Refusal("until recently", S, "qualified"),
    Refusal("December 14 to 10", S, "ends before it starts"),
    Refusal("between 2024-12-14 and 2024-12-10", S, "ends before it starts"),
    Refusal("February 29 to March 2, 2025", S, "no calendar date"),
    Refusal("yesterday and last week", S, "conflicting"),
    Refusal("Sunday, December 15", S, "conflicting"),  # S is itself a Sunday: "Sunday" means the 22nd
    Refusal("February 30", S, "not a calendar date"),
    Refusal("31 April 2024", S, "not a calendar date"),
    Refusal("February 29, 2023", S, "not a calendar date"),
    Refusal("2024-13-01", S, "no month 13"),
    Refusal("0 days ago", S, "at least 1"),
    Refusal("within months", S, "no count"),
    Refusal("since 2025-01-05", C, "after the publication date"),
    Refusal("by December 1, 2024", C, "before the publication date"),
    Refusal("by February 2024", C, "before the publication date"),
    Refusal("9999 days ago", date(1, 1, 5), "outside the supported range"),
    Refusal("next week", date(9999, 12, 31), "outside the supported range"),
    Refusal("by February", date(9999, 12, 31), "outside the supported range"),
]


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda r: f"{r.reason}:{r.text!r}")
def test_unsupported_phrases_are_refused_with_the_phrase_quoted(refusal: Refusal) -> None:
    with pytest.raises(TimeExpressionError) as excinfo:
        resolve(refusal.text, refusal.anchor)
    message = str(excinfo.value)
    assert repr(refusal.text) in message
    assert refusal.reason in excinfo.value.reason
    assert excinfo.value.text == refusal.text
    assert "'last Tuesday'" in message  # the list of supported forms


def test_time_expression_error_is_a_value_error_and_pickles() -> None:
    error = TimeExpressionError("next Tuesday", "ambiguous")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.text, copy.reason, str(copy)) == (
        TimeExpressionError,
        "next Tuesday",
        "ambiguous",
        str(error),
    )


def test_wrong_argument_types_raise_type_error() -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        resolve(None, S)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"anchor must be a datetime\.date"):
        resolve("today", datetime(2024, 12, 22, 10, 30))
    with pytest.raises(TypeError, match=r"anchor must be a datetime\.date"):
        resolve("today", "2024-12-22")  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# TimeInterval.


def _interval(start: date | None, end: date | None) -> TimeInterval:
    precision: geotime.Precision = "open" if start is None or end is None else "week"
    return TimeInterval(start, end, precision, "test", S, "test")


@pytest.mark.parametrize(
    ("start", "end", "query_start", "query_end", "expected"),
    [
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-15"), d("2024-12-20"), True),  # touching ends
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-16"), d("2024-12-20"), False),
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-01"), d("2024-12-08"), False),
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-10"), d("2024-12-11"), True),  # contained
        (d("2024-12-09"), d("2024-12-15"), None, d("2024-12-08"), False),
        (d("2024-12-09"), d("2024-12-15"), None, d("2024-12-09"), True),
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-16"), None, False),
        (d("2024-12-09"), d("2024-12-15"), d("2024-12-01"), None, True),
        (d("2024-12-09"), d("2024-12-15"), None, None, True),
        (None, d("2024-12-22"), d("2024-12-23"), None, False),
        (None, d("2024-12-22"), d("2024-12-22"), None, True),
        (None, d("2024-12-22"), None, d("1999-01-01"), True),
    ],
)
def test_overlaps(
    start: date | None, end: date | None, query_start: date | None, query_end: date | None, expected: bool
) -> None:
    assert _interval(start, end).overlaps(query_start, query_end) is expected


def test_overlaps_rejects_a_reversed_query() -> None:
    with pytest.raises(ValueError, match="after end"):
        _interval(d("2024-12-09"), d("2024-12-15")).overlaps(d("2024-12-20"), d("2024-12-10"))


@pytest.mark.parametrize(
    ("start", "end", "precision", "message"),
    [
        (d("2024-12-15"), d("2024-12-09"), "week", "after its end"),
        (d("2024-12-09"), d("2024-12-15"), "year", "unknown precision"),
        (d("2024-12-09"), d("2024-12-15"), "open", "exactly when a bound is missing"),
        (None, d("2024-12-15"), "day", "exactly when a bound is missing"),
    ],
)
def test_time_interval_rejects_inconsistent_fields(
    start: date | None, end: date | None, precision: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        TimeInterval(start, end, precision, "x", S, "x")  # type: ignore[arg-type]


def test_time_interval_is_frozen() -> None:
    interval = resolve("last week", S)
    with pytest.raises(FrozenInstanceError):
        interval.start = S  # type: ignore[misc]


# --------------------------------------------------------------------------
# Properties.

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    month: (calendar.month_name[month], calendar.month_abbr[month], calendar.month_abbr[month] + ".")
    for month in range(1, 13)
}
MONTH_FORMS[9] += ("Sept.",)

PAST_TEMPLATES = (
    "today",
    "yesterday",
    "the day before yesterday",
    "{n} days ago",
    "{n} weeks ago",
    "a week ago",
    "a few days ago",
    "a few weeks ago",
    "over the past few days",
    "in recent days",
    "in recent weeks",
    "over the past {n} days",
    "in the past {n} weeks",
    "over the last {n} months",
    "the past week",
    "this week",
    "earlier this week",
    "this month",
    "earlier this month",
    "last week",
    "last month",
    "last {wd}",
    "on {wd}",
    "{wd}",
    "{mon} {day}",
    "{day} {mon}",
    "{mon} {ord}",
    "the {ord} of {mon}",
    "since {mon} {day}",
    "since {day} {mon}",
    "recently",
    "already",
    "has begun",
)
FUTURE_TEMPLATES = (
    "within {n} days",
    "within {n} weeks",
    "within {n} months",
    "within a month",
    "within the next month",
    "within the one-month timeframe",
    "in the next {n} days",
    "in the coming days",
    "in the coming weeks",
    "within a few days",
    "by {mon} {day}",
    "by {day} {mon}",
    "by the {ord} of {mon}",
    "by {month}",
    "by the end of {month}",
    "by the end of the week",
    "by the end of next week",
    "by the end of the month",
    "by the end of next month",
    "by {wd}",
    "next week",
    "next month",
    "later this week",
    "later this month",
)
# Explicit dates with a year are neither: they are the day as written.
DATED_TEMPLATES = ("{mon} {day}, {year}", "{day} {mon} {year}", "{iso}")

PAST_RULES = {
    "date_without_year", "since_date", "since_weekday", "as_of_date", "today", "yesterday", "day_before_yesterday",
    "last_weekday", "weekday",
    "this_week", "last_week", "this_month", "last_month", "days_ago", "weeks_ago", "few_days_ago",
    "few_weeks_ago", "past_few_days", "past_few_weeks", "past_days", "past_weeks", "past_months", "recently",
}  # fmt: skip
FUTURE_RULES = {
    "later_this_week", "next_week", "later_this_month", "next_month", "next_few_days", "next_few_weeks",
    "within_days", "within_weeks", "within_months", "by_date", "by_month", "by_end_of_week",
    "by_end_of_month", "by_weekday",
}  # fmt: skip

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def ordinal(n: int) -> str:
    """Write ``n`` as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@st.composite
def phrases(draw: st.DrawFn, templates: tuple[str, ...]) -> str:
    """A phrase from one of ``templates`` with random counts, weekdays, months and days."""
    n = draw(st.integers(1, 12))
    month = draw(st.integers(1, 12))
    month_day = draw(st.integers(1, calendar.monthrange(2024, month)[1]))  # 2024: a leap year
    year = draw(st.integers(1990, 2040).filter(lambda y: calendar.isleap(y) or (month, month_day) != (2, 29)))
    return draw(st.sampled_from(templates)).format(
        n=draw(st.sampled_from((str(n), NUMBER_WORDS[n - 1]))),
        wd=draw(st.sampled_from(WEEKDAYS)),
        mon=draw(st.sampled_from(MONTH_FORMS[month])),
        month=calendar.month_name[month],
        day=month_day,
        ord=ordinal(month_day),
        year=year,
        iso=date(year, month, month_day).isoformat(),
    )


def _check_invariants(result: TimeInterval, text: str, anchor: date) -> None:
    assert (result.text, result.anchor) == (text, anchor)
    if result.start is not None and result.end is not None:
        assert result.start <= result.end
    assert (result.precision == "open") == (result.start is None or result.end is None)


@settings(deadline=None, max_examples=300)
@given(phrases(PAST_TEMPLATES + FUTURE_TEMPLATES + DATED_TEMPLATES), anchors)
def test_any_supported_phrase_gives_an_ordered_interval(text: str, anchor: date) -> None:
    _check_invariants(resolve(text, anchor), text, anchor)


@settings(deadline=None, max_examples=300)
@given(phrases(PAST_TEMPLATES), anchors)
def test_past_expressions_never_end_after_the_anchor(text: str, anchor: date) -> None:
    result = resolve(text, anchor)
    assert result.end is not None
    assert result.end <= anchor
    assert result.rule in PAST_RULES


@settings(deadline=None, max_examples=300)
@given(phrases(FUTURE_TEMPLATES), anchors)
def test_future_expressions_never_start_before_the_anchor(text: str, anchor: date) -> None:
    result = resolve(text, anchor)
    assert result.start is not None
    assert result.end is not None
    assert anchor <= result.start <= result.end
    assert result.rule in FUTURE_RULES


@settings(deadline=None)
@given(
    phrases(PAST_TEMPLATES + FUTURE_TEMPLATES + DATED_TEMPLATES),
    anchors,
    st.sampled_from(("", "reported ", "Sources said that ")),
    st.sampled_from(("", ".", ", sources said")),
    st.sampled_from((str.lower, str.upper, str.title)),
)
def test_case_and_surrounding_words_do_not_matter(
    text: str, anchor: date, prefix: str, suffix: str, case: Callable[[str], str]
) -> None:
    plain = resolve(text, anchor)
    decorated = resolve(prefix + case(text) + suffix, anchor)
    assert (decorated.start, decorated.end, decorated.precision, decorated.rule) == (
        plain.start,
        plain.end,
        plain.precision,
        plain.rule,
    )


VOCABULARY = (
    "last", "next", "this", "the", "a", "few", "past", "over", "within", "by", "since", "on", "ago",
    "day", "days", "week", "weeks", "month", "months", "end", "of", "earlier", "later", "recent",
    "recently", "already", "has", "begun", "today", "yesterday", "before", "after", "and", "to", "-",
    "tuesday", "sunday", "december", "feb.", "jan", "two", "twelve", "0", "3", "15th", "29", "31", "2024",
    "2024-02-29", "2023-02-29", ",", "more", "than", "coming", "one-month", "timeframe",
)  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join), anchors)
def test_word_salad_resolves_honestly_or_is_refused(text: str, anchor: date) -> None:
    try:
        result = resolve(text, anchor)
    except TimeExpressionError as error:
        assert repr(text) in str(error)
        return
    _check_invariants(result, text, anchor)
    if result.rule in PAST_RULES:
        assert result.end is not None
        assert result.end <= anchor
    if result.rule in FUTURE_RULES:
        assert result.start is not None
        assert result.start >= anchor


@settings(deadline=None)
@given(st.text(max_size=40), anchors)
def test_arbitrary_text_never_crashes(text: str, anchor: date) -> None:
    try:
        result = resolve(text, anchor)
    except TimeExpressionError:
        return
    _check_invariants(result, text, anchor)


@given(st.sampled_from(WEEKDAYS), anchors)
def test_last_weekday_is_one_to_seven_days_before(weekday: str, anchor: date) -> None:
    result = resolve(f"last {weekday}", anchor)
    assert result.start == result.end
    assert result.start is not None
    assert result.start.strftime("%A") == weekday
    assert 1 <= (anchor - result.start).days <= 7


@given(st.sampled_from(WEEKDAYS), anchors)
def test_plain_weekday_is_zero_to_six_days_before(weekday: str, anchor: date) -> None:
    result = resolve(f"on {weekday}", anchor)
    assert result.start == result.end
    assert result.start is not None
    assert result.start.strftime("%A") == weekday
    assert 0 <= (anchor - result.start).days <= 6


@given(st.sampled_from(WEEKDAYS), anchors)
def test_a_planned_weekday_is_zero_to_six_days_after(weekday: str, anchor: date) -> None:
    result = resolve(f"on {weekday}", anchor, future=True)
    assert result.start == result.end
    assert result.start is not None
    assert result.start.strftime("%A") == weekday
    assert 0 <= (result.start - anchor).days <= 6


@given(st.integers(1, 12), st.integers(1, 29), anchors)
def test_a_planned_yearless_date_is_its_nearer_occurrence(month: int, month_day: int, anchor: date) -> None:
    """ "Russia will withdraw on December 28", published on 20 December: this December, not the last;
    "said on December 13 that it will withdraw", published on 14 December: the day before."""
    result = resolve(f"{calendar.month_name[month]} {month_day}", anchor, future=True)
    assert result.start is not None and result.start == result.end
    assert (result.start.month, result.start.day) == (month, month_day)
    days = [_same_day_in_year(month, month_day, year) for year in range(anchor.year - 8, anchor.year + 9)]
    before = max(day for day in days if day is not None and day <= anchor)
    after = min(day for day in days if day is not None and day >= anchor)
    # The occurrence nearer the anchor, the later one on a tie: a plan is more likely ahead.
    assert result.start == (after if (after - anchor) <= (anchor - before) else before)


@pytest.mark.parametrize(
    ("text", "anchor", "day"),
    [
        ("December 28", date(2024, 12, 20), "2024-12-28"),
        ("December 13", date(2024, 12, 14), "2024-12-13"),
        ("January 5", date(2024, 12, 14), "2025-01-05"),
        ("June 20", date(2024, 12, 20), "2025-06-20"),  # 182 days ahead against 183 back
        ("August 1", date(2024, 12, 20), "2024-08-01"),  # 141 days back against 224 ahead
        ("August 15", date(2024, 2, 14), "2024-08-15"),  # 183 days either way (a leap year): ahead
    ],
)
def test_planned_yearless_dates(text: str, anchor: date, day: str) -> None:
    result = resolve(text, anchor, future=True)
    assert (result.start, result.end) == (d(day), d(day))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("between January 5 and 10", "2025-01-05", "2025-01-10"),
        ("in late December", "2024-12-21", "2024-12-31"),
        ("in early January", "2025-01-01", "2025-01-10"),
        ("on Friday", "2024-12-20", "2024-12-20"),  # the anchor's own weekday: that day
        ("December 28, 2023", "2023-12-28", "2023-12-28"),  # a year as written stays
        ("last week", "2024-12-09", "2024-12-15"),  # no tense to read: as written
    ],
)
def test_planned_phrases_read_forward(text: str, start: str, end: str) -> None:
    result = resolve(text, date(2024, 12, 20), future=True)
    assert (result.start, result.end) == (d(start), d(end))


def _same_day_in_year(month: int, month_day: int, year: int) -> date | None:
    try:
        return date(year, month, month_day)
    except ValueError:
        return None


@given(st.integers(1, 12), st.integers(1, 31), anchors)
def test_yearless_date_is_the_latest_occurrence_not_after_the_anchor(month: int, month_day: int, anchor: date) -> None:
    if month_day > calendar.monthrange(2024, month)[1]:
        with pytest.raises(TimeExpressionError, match="not a calendar date"):
            resolve(f"{calendar.month_name[month]} {month_day}", anchor)
        return
    result = resolve(f"{calendar.month_name[month]} {month_day}", anchor)
    found = result.start
    assert found is not None
    assert (found.month, found.day, found <= anchor) == (month, month_day, True)
    later = [_same_day_in_year(month, month_day, y) for y in range(found.year + 1, found.year + 9)]
    next_occurrence = next(x for x in later if x is not None)
    assert next_occurrence > anchor


@given(st.integers(1, 12), st.integers(1, 29), anchors)
def test_by_date_is_the_earliest_occurrence_not_before_the_anchor(month: int, month_day: int, anchor: date) -> None:
    result = resolve(f"by {month_day} {calendar.month_name[month]}", anchor)
    deadline = result.end
    assert deadline is not None
    assert (result.start, deadline.month, deadline.day, deadline >= anchor) == (anchor, month, month_day, True)
    earlier = [_same_day_in_year(month, month_day, y) for y in range(deadline.year - 1, deadline.year - 9, -1)]
    previous_occurrence = next(x for x in earlier if x is not None)
    assert previous_occurrence < anchor


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), anchors)
def test_iso_dates_round_trip(value: date, anchor: date) -> None:
    result = resolve(value.isoformat(), anchor)
    assert (result.start, result.end, result.rule) == (value, value, "iso_date")


@given(anchors)
def test_week_rules_follow_iso_weeks(anchor: date) -> None:
    def iso_week(value: date) -> tuple[int, int]:
        year, week, _ = value.isocalendar()
        return year, week

    for text, week_of, end in (
        ("this week", anchor, anchor),
        ("last week", anchor - timedelta(days=7), None),
        ("next week", anchor + timedelta(days=7), None),
    ):
        result = resolve(text, anchor)
        assert result.start is not None
        assert result.end is not None
        assert result.start.isoweekday() == 1
        assert iso_week(result.start) == iso_week(week_of)
        assert result.end == (end or result.start + timedelta(days=6))


@given(anchors)
def test_month_rules_follow_calendar_months(anchor: date) -> None:
    first = anchor.replace(day=1)
    last_month = resolve("last month", anchor)
    next_month = resolve("next month", anchor)
    this_month = resolve("this month", anchor)
    assert last_month.start is not None
    assert last_month.end is not None
    assert next_month.start is not None
    assert next_month.end is not None
    assert (last_month.start.day, last_month.end + timedelta(days=1)) == (1, first)
    assert last_month.start.month == last_month.end.month
    assert next_month.start.day == 1
    assert next_month.start - timedelta(days=1) == first.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    assert (next_month.end + timedelta(days=1)).day == 1
    assert next_month.start.month == next_month.end.month
    assert (this_month.start, this_month.end) == (first, anchor)


@given(st.integers(1, 12), anchors)
def test_weeks_ago_is_a_week_wide_window_around_the_day(n: int, anchor: date) -> None:
    result = resolve(f"{n} weeks ago", anchor)
    target = anchor - timedelta(weeks=n)
    assert result.start is not None
    assert result.end is not None
    assert (result.end - result.start).days == 6
    assert result.start <= target <= result.end
    assert result.precision == "week"


@given(st.integers(1, 60), st.sampled_from(("day", "week")), anchors)
def test_counted_spans_reach_exactly_n_units(n: int, unit: str, anchor: date) -> None:
    length = timedelta(days=n * (7 if unit == "week" else 1))
    past = resolve(f"over the past {n} {unit}s", anchor)
    future = resolve(f"within {n} {unit}s", anchor)
    assert (past.start, past.end) == (anchor - length, anchor)
    assert (future.start, future.end) == (anchor, anchor + length)
    expected = "day" if length.days <= 1 else "week" if length.days <= 14 else "month"
    assert (past.precision, future.precision) == (expected, expected)


WINDOW = [date(2023, 12, 1) + timedelta(days=i) for i in range(130)]  # 2023-12-01 .. 2024-04-08
bounds = st.one_of(st.none(), st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 1)))


@given(bounds, bounds, bounds, bounds)
def test_overlaps_agrees_with_a_day_by_day_check(
    start: date | None, end: date | None, query_start: date | None, query_end: date | None
) -> None:
    if start is not None and end is not None and start > end:
        start, end = end, start
    if query_start is not None and query_end is not None and query_start > query_end:
        query_start, query_end = query_end, query_start

    def contains(lo: date | None, hi: date | None, value: date) -> bool:
        return (lo is None or lo <= value) and (hi is None or value <= hi)

    shared = any(contains(start, end, x) and contains(query_start, query_end, x) for x in WINDOW)
    assert _interval(start, end).overlaps(query_start, query_end) is shared


def test_every_rule_has_the_substrings_it_is_gated_on() -> None:
    """A rule is only tried on a phrase holding one of its RULE_NEEDS: every match must hold one.

    Checked on every rule's example and every sentence of the seed articles, each match of each
    pattern (gate or no gate), so a rule whose entry misses a word it can match on fails here.
    """
    import re
    from pathlib import Path

    patterns = {rule.id: re.compile(rule.pattern) for rule in RULES if rule.pattern is not None}
    assert set(geotime.RULE_NEEDS) == set(patterns)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    phrases = [rule.example for rule in RULES] + [
        line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
    ]
    matched = set()
    for phrase in map(geotime._normalize, phrases):
        for rule_id, pattern in patterns.items():
            for match in pattern.finditer(phrase):
                matched.add(rule_id)
                assert any(needed in match[0] for needed in geotime.RULE_NEEDS[rule_id]), (rule_id, match[0])
    assert matched == set(patterns)


@given(st.text(alphabet="0123456789 dayweekmonthbyrecntlsogpiafuv-", max_size=40))
@settings(max_examples=300, deadline=None)
def test_gated_matching_finds_what_every_pattern_finds(phrase: str) -> None:
    """The gate never hides a match: with or without it, the same matches in the same order."""
    phrase = geotime._normalize(phrase)
    geotime._find_matches.cache_clear()
    gated = [(m.span(), x.rule) for m, x in geotime._find_matches(phrase)]
    ungated: list[tuple[tuple[int, int], str]] = []
    if geotime._TRIGGER.search(phrase):
        spans: list[tuple[int, int]] = []
        for matcher in geotime._MATCHERS:
            for match in matcher.pattern.finditer(phrase):
                if not any(match.start() < b and a < match.end() for a, b in spans):
                    spans.append(match.span())
                    ungated.append((match.span(), matcher.rule))
    assert gated == ungated


_NORMALIZE_ALPHABET = "aB 1\t\n\u00a0\u2003\u2028\u2010\u2014\u2019\u2018'-\u0130\u03a3x"


@given(st.text(alphabet=st.sampled_from(_NORMALIZE_ALPHABET), max_size=30))
@settings(max_examples=300, deadline=None)
def test_normalize_collapses_whitespace_as_the_regex_did(text: str) -> None:
    """_normalize splits on str.isspace; the same as collapsing each run of \\s and stripping."""
    import re

    lowered = re.sub(r"[\u2010-\u2015]", "-", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    assert geotime._normalize(text) == re.sub(r"\s+", " ", lowered).strip()
