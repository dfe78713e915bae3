"""Dated events: "since <event>" in the resolver, the events table, and extraction from a data folder."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from geo.events import event_dates, read_events
from geo.time import EventDates, TimeExpressionError, expressions, resolve
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "other_conflict"
EVENTS = EventDates(
    (("fall of Assad", date(2024, 12, 8)), ("Assad's fall", date(2024, 12, 8)), ("coup", date(2023, 7, 26)))
)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Since the fall of Assad, Russian troops left", date(2024, 12, 8)),
        ("since Assad’s fall, planes flew out", date(2024, 12, 8)),  # curly apostrophe
        ("since the   coup", date(2023, 7, 26)),
    ],
)
def test_since_an_event_runs_from_its_date_to_the_anchor(text: str, start: date) -> None:
    interval = resolve(text, date(2024, 12, 20), events=EVENTS)
    assert (interval.start, interval.end, interval.rule) == (start, date(2024, 12, 20), "since_event")
    assert expressions(text, events=EVENTS)[0].startswith("since")


def test_without_the_events_or_with_an_unknown_one_since_is_refused() -> None:
    with pytest.raises(TimeExpressionError, match="events table"):
        resolve("since the fall of Assad", date(2024, 12, 20))
    with pytest.raises(TimeExpressionError, match="events table"):
        resolve("since the talks", date(2024, 12, 20), events=EVENTS)
    with pytest.raises(TimeExpressionError, match="after the publication date"):
        resolve("since the fall of Assad", date(2024, 12, 1), events=EVENTS)
    # A name inside a longer word is no event: "coups" is not "coup".
    with pytest.raises(TimeExpressionError):
        resolve("since coups", date(2024, 12, 20), events=EVENTS)


def test_the_seed_events_table_reads_and_dates_the_fall_of_assad() -> None:
    dated = event_dates(read_events(ROOT / "data" / "events.csv"))
    assert resolve("since the fall of the Assad regime", date(2024, 12, 16), events=dated).start == date(2024, 12, 8)


def test_bad_events_rows_are_named(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,name,aliases,date,source,note\n"
        "a,the coup,,2023-07-26,javascript:alert(1),\n"
        "b,the putsch,the coup,2023-07-27,https://example.org/b,\n",
        encoding="utf-8",
    )
    from geo._errors import DataError

    with pytest.raises(DataError) as caught:
        read_events(path)
    text = str(caught.value)
    assert "events.csv:2: [a, field 'source']" in text
    assert "events.csv:3: [b, field 'aliases'] 'the coup' also names event a." in text


def test_extraction_dates_since_an_event_of_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "other"
    shutil.copytree(FIXTURE, folder)
    article = folder / "seeds" / "article.txt"
    article.write_text(
        article.read_text(encoding="utf-8") + "Since the coup, French troops have left Ouallam.\n", encoding="utf-8"
    )
    options = ["--data", str(folder / "data"), "--seeds", str(folder / "seeds")]
    command = [*options, "extract", str(article), "--published", "2023-10-10", "--json"]

    def since_claims() -> list[tuple[str | None, str | None]]:
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0, result.output
        claims = json.loads(result.stdout)["claims"]
        return [(c["start"], c["end"]) for c in claims if c["quote"].startswith("Since the coup")]

    assert since_claims() == [(None, "2023-10-10")]  # no events table: an open start
    (folder / "data" / "events.csv").write_text(
        "event_id,name,aliases,date,source,note\ncoup,coup,,2023-07-26,https://example.org/coup,\n", encoding="utf-8"
    )
    # The matcher cache is keyed by the events file too: the new table is read, not a stale parser.
    assert since_claims() == [("2023-07-26", "2023-10-10")]


def test_validate_checks_the_events_table(project: Path) -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    events = project / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",2024-12-08,", ",2024-13-08,"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert "events.csv:2: [fall_of_assad, field 'date']" in result.stderr
    assert "Traceback" not in result.output
