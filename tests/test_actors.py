"""Actors as data: who acts comes from data/actors.csv, so another conflict needs no code."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.actors import Actor, Actors, read_actors
from geo.cli import cli
from geo.extract import Geoparser, extract, read_gazetteer, sentences

FIXTURE = Path(__file__).parent / "fixtures" / "other_conflict"


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A copy of the second conflict's data set (French forces leaving Niger), to edit."""
    shutil.copytree(FIXTURE, tmp_path / "other")
    return tmp_path / "other"


def extract_json(folder: Path) -> dict:
    article = folder / "seeds" / "article.txt"
    options = ["--data", str(folder / "data"), "--seeds", str(folder / "seeds")]
    result = CliRunner().invoke(cli, [*options, "extract", str(article), "--published", "2023-10-10", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_another_conflict_is_new_data(other: Path) -> None:
    """The same code proposes the claims of another party from that data set's own tables."""
    found = extract_json(other)
    claims = [(c["actor"], c["action"], c["origin"], c["destination"], c["places"]) for c in found["claims"]]
    assert claims == [
        ("France", "withdraw", "ouallam", "", []),  # the headline: "leave Ouallam"
        # "left the base in Ouallam on Tuesday, heading to Niamey": the base is where they left.
        ("France", "withdraw", "ouallam", "niamey_air_base", []),
        ("France", "transport", "ouallam", "niamey_air_base", []),
        ("France", "depart", "niamey_air_base", "ndjamena", []),
    ]
    quotes = " ".join(c["quote"] for c in found["claims"])
    # An untracked party's sentence and a question are no claims; the actor's capital is no site.
    assert "junta" not in quotes and "Wagner" not in quotes
    paris = [m for m in found["mentions"] if m["surface"] == "Paris"]
    assert paris and all(m["place_id"] not in str(found["claims"]) for m in paris)


def test_the_tracked_column_decides_whose_claims_are_proposed(other: Path) -> None:
    actors = other / "data" / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace(
            "France,French; Paris; Barkhane,state,France,true", "France,French; Paris; Barkhane,state,France,false"
        ).replace("Niger,false", "Niger,true"),
        encoding="utf-8",
    )
    found = extract_json(other)  # the matcher cache is keyed by the actors file too: no stale parser
    assert [(c["actor"], c["action"], c["places"]) for c in found["claims"]] == [
        ("Niger's junta", "redeploy", ["ouallam"])
    ]


def test_a_broken_actors_table_is_named(other: Path) -> None:
    actors = other / "data" / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace(",state,France,", ",nation,France,"), encoding="utf-8")
    options = ["--data", str(other / "data"), "--seeds", str(other / "seeds")]
    article = str(other / "seeds" / "article.txt")
    result = CliRunner().invoke(cli, [*options, "extract", article, "--published", "2023-10-10"])
    assert result.exit_code == 1
    assert "actors.csv:2: [france, field 'kind']" in result.stderr
    assert "Traceback" not in result.output


def test_acronyms_match_in_capitals_only_and_other_aliases_in_any_case() -> None:
    actors = Actors(
        [
            Actor("hts", "Hayat Tahrir al-Sham", ("HTS", "rebels"), "armed_group", "Syria", True),
            Actor("us", "United States", ("US", "American"), "state", "United States", False),
        ]
    )
    text = "HTS moved. The hts moved. Rebels moved. Give us a call. American jets flew. US jets flew."
    spans = sentences(text)
    acting = [actors.acting(mask) for mask in actors.scan(text, spans)]
    others = [actors.names_others(mask) for mask in actors.scan(text, spans)]
    assert [a.actor_id if a else None for a in acting] == ["hts", None, "hts", None, None, None]
    assert others == [False, False, False, False, True, True]


def test_the_first_tracked_actor_in_the_table_acts_when_a_sentence_names_two() -> None:
    places = read_gazetteer(FIXTURE / "data" / "gazetteer.csv")
    actors = Actors(
        [
            Actor("france", "France", ("French",), "state", "France", True),
            Actor("chad", "Chad", ("Chadian",), "state", "Chad", True),
        ]
    )
    parser = Geoparser(places, actors=actors, use_fallback=False)
    found = extract("Chadian and French troops left Ouallam.", geoparser=parser, published=date(2023, 10, 10))
    assert [c.actor for c in found.claims] == ["France"]


def test_the_seed_actors_table_reads_cleanly() -> None:
    table = read_actors(Path(__file__).parent.parent / "data" / "actors.csv")
    assert table["tracked"].sum() == 1 and table.loc[table["tracked"], "name"].tolist() == ["Russia"]
