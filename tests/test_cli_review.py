"""`geo accept` and `geo reject`: the shell's twin of the review page (geo.curate), through the CLI runner."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from geo import curate
from geo._errors import GeoError
from geo.cli import cli

ARTICLE = (
    "Russian jets leave Hmeimim\n"
    "Russian transport planes flew equipment from Hmeimim to Libya on Tuesday, according to Reuters. "
    "Russian troops withdrew from Tartus, a source said. Rebels dismantled a checkpoint near Latakia.\n"
)


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data", str(project / "data"), "--seeds", str(project / "seeds"), *args])
    return result.exit_code, result.stdout, result.stderr


def _add(project: Path) -> None:
    article = project / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(project, "add", str(article), "--published", "2025-01-08")[0] == 0


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_accept_and_reject(project: Path) -> None:
    _add(project)
    review = project / "data/review/s005.csv"
    candidates = {r["claim_id"]: r for r in _rows(review)}
    code, out, err = run(project, "accept", "s005", "s005-x02", "s005-x01")
    assert (code, err) == (0, "")
    assert out == f"accepted s005-x02 as c005-01\naccepted s005-x01 as c005-02\n1 candidate left in {review}\n"
    claims = {r["claim_id"]: r for r in _rows(project / "data/claims.csv")}
    assert claims["c005-01"]["quote"] == candidates["s005-x02"]["quote"]
    assert claims["c005-01"]["note"] == "Proposed by geo extract as s005-x02; accepted in review."
    code, out, err = run(project, "reject", "s005", "s005-x03")
    assert (code, out, err) == (0, f"rejected s005-x03\n0 candidates left in {review}\n", "")
    assert [r["claim_id"] for r in _rows(project / "data/rejected.csv")] == ["s005-x03"]
    assert run(project, "validate")[0] == 0


def test_unknown_candidate_or_source_is_a_clean_error(project: Path) -> None:
    _add(project)
    before = (project / "data/claims.csv").read_bytes()
    code, out, err = run(project, "accept", "s005", "s005-x09")
    assert (code, out) == (1, "")
    assert err == (
        "error: data/review/s005.csv has no candidate s005-x09 "
        "(candidates: s005-x01, s005-x02, s005-x03). Fix: use a claim_id from the review file.\n"
    )
    code, _, err = run(project, "reject", "s004", "s004-x01")
    assert code == 1
    assert err == (
        "error: data/review/s004.csv does not exist: s004 has no candidates to review "
        "(sources with candidates: s005). Fix: run geo add first, or check the source id.\n"
    )
    assert (project / "data/claims.csv").read_bytes() == before


def test_a_claim_that_would_break_the_data_is_refused_with_the_validators_message(project: Path) -> None:
    _add(project)
    before = {p.name: p.read_bytes() for p in (project / "data").rglob("*.csv")}
    try:
        curate.accept(
            project / "data", project / "seeds", "s005", ["s005-x01"], edits={"s005-x01": {"places": "moskow"}}
        )
    except GeoError as exc:
        message = str(exc)
    else:
        raise AssertionError("accepted a claim at an unknown place")
    assert "[c005-01, field 'places'] unknown place 'moskow'" in message and "(geo accept wrote nothing)" in message
    code, _, err = run(project, "accept", "s005", "s005-x01")
    assert code == 0, err  # the refused edit was not kept
    after = {p.name: p.read_bytes() for p in (project / "data").rglob("*.csv")}
    assert after["gazetteer.csv"] == before["gazetteer.csv"]


def test_a_quote_edit_must_stay_verbatim(project: Path) -> None:
    _add(project)
    before = (project / "data/review/s005.csv").read_bytes()
    try:
        curate.save_edits(project / "data", project / "seeds", "s005", "s005-x02", {"quote": "planes flew to Paris"})
    except GeoError as exc:
        assert "the quote is not verbatim" in str(exc) and "(save edits wrote nothing)" in str(exc)
    else:
        raise AssertionError("saved a quote that is not in the article")
    assert (project / "data/review/s005.csv").read_bytes() == before
    row = curate.save_edits(
        project / "data", project / "seeds", "s005", "s005-x02", {"quote": "flew equipment from Hmeimim to Libya"}
    )
    text = next((project / "seeds").glob("005_*.txt")).read_text(encoding="utf-8")
    start = int(row["evidence_start"])
    assert text[start : int(row["evidence_end"])] == "flew equipment from Hmeimim to Libya"


def test_a_rejected_candidate_is_not_proposed_again(project: Path) -> None:
    _add(project)
    assert run(project, "reject", "s005", "s005-x03")[0] == 0
    # The article is extracted anew: its source record, seed and review file removed, then geo add again.
    sources = project / "data/sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    sources.write_text("".join(lines[:-1]), encoding="utf-8")
    for seed in (project / "seeds").glob("005_*.txt"):
        seed.unlink()
    (project / "data/review/s005.csv").unlink()
    _add(project)
    assert [r["claim_id"] for r in _rows(project / "data/review/s005.csv")] == ["s005-x01", "s005-x02"]


def test_new_candidate_and_new_place(project: Path) -> None:
    _add(project)
    row = curate.new_candidate(
        project / "data",
        project / "seeds",
        "s005",
        {"quote": "Rebels dismantled a checkpoint", "places": "latakia_city"},
    )
    assert (row["claim_id"], row["actor"], row["action"]) == ("s005-x04", "Russia", "observe")
    try:
        curate.add_place(project / "data", project / "seeds", {"name": "X", "kind": "town", "lat": "35", "lon": "36",
                                                               "coord_source": "javascript:alert(1)"})  # fmt: skip
    except GeoError as exc:
        assert str(exc).startswith("coord_source 'javascript:alert(1)' uses the scheme 'javascript:'")
    else:
        raise AssertionError("accepted a javascript: source")
    place = curate.add_place(
        project / "data",
        project / "seeds",
        {"name": "Test Hill", "kind": "region", "lat": "35.2", "lon": "36.1", "coord_source": "https://example.org/h"},
    )
    assert (place["place_id"], place["country"], place["coord_text"]) == ("test_hill", "Syria", "35.2, 36.1")
    assert run(project, "validate")[0] == 0
