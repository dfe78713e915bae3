"""`geo add`: a new article becomes a seed, a source record and candidate claims for review."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

import geo
from geo.cli import cli

ARTICLE = (
    "Russian jets leave Hmeimim\n"
    "Russian transport planes flew equipment from Hmeimim to Libya on Tuesday, according to Reuters. "
    "Rebels dismantled a checkpoint near Latakia.\n"
)


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data", str(project / "data"), "--seeds", str(project / "seeds"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_add_then_validate(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(project, "add", str(article), "--published", "2025-01-08", "--publisher", "Test Wire")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"added s005: {project / 'seeds'}/005_")
    assert lines[1] == f"wrote 2 candidate claims to {project / 'data/review/s005.csv'}"
    seed = next((project / "seeds").glob("005_*.txt"))
    assert seed.read_bytes() == article.read_bytes()
    sources = list(csv.DictReader((project / "data/sources.csv").open(encoding="utf-8")))
    assert sources[-1]["source_id"] == "s005" and sources[-1]["published"] == "2025-01-08"
    assert sources[-1]["publisher"] == "Test Wire"
    review = list(csv.DictReader((project / "data/review/s005.csv").open(encoding="utf-8")))
    # The headline is a sentence of its own (a line break ends it), and a claim.
    assert [(r["action"], r["origin"], r["destination"], r["places"], r["start"]) for r in review] == [
        ("withdraw", "hmeimim_air_base", "", "", ""),
        ("transport", "hmeimim_air_base", "libya", "", "2025-01-07"),
    ]
    code, out, _ = run(project, "validate")
    assert code == 0
    assert (
        out.splitlines()[1]
        == f"review: 2 candidate claims in {project / 'data/review'} wait for a person to accept them."
    )
    # the new source is part of the data at once; its candidates are not claims until accepted
    data = geo.load(project / "data", project / "seeds")
    assert "s005" in data.sources.index
    assert not data.claims["source_id"].eq("s005").any()


def test_accepting_a_candidate_is_moving_its_row(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run(project, "add", str(article), "--published", "2025-01-08")[0] == 0
    review = project / "data/review/s005.csv"
    rows = list(csv.reader(review.open(encoding="utf-8", newline="")))
    claims_path = project / "data/claims.csv"
    with claims_path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(rows[2][:-4])  # the transport, after the headline
    review.write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    assert run(project, "validate")[0] == 0
    data = geo.load(project / "data", project / "seeds")
    assert data.claims.loc["s005-x02", "destination"] == "libya"


def test_adding_the_same_article_twice_is_refused(project: Path) -> None:
    code, _, err = run(project, "add", str(project / "seeds/003_dcb91dcee79e9b93.txt"), "--published", "2024-12-16")
    assert code == 1
    assert err.endswith("is already in the data set as s003.\n")


def test_a_broken_review_file_fails_validation(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run(project, "add", str(article), "--published", "2025-01-08")
    review = project / "data/review/s005.csv"
    review.write_text(
        review.read_text(encoding="utf-8").replace("according to Reuters", "per Reuters"), encoding="utf-8"
    )
    code, _, err = run(project, "validate")
    assert code == 1
    assert "data/review/s005.csv:3: [s005-x02, field 'quote'] the quote is not verbatim" in err


def test_bad_article_writes_nothing(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(b"\x00\x01binary")
    before = (project / "data/sources.csv").read_bytes()
    code, _, err = run(project, "add", str(article), "--published", "2025-01-08")
    assert code == 1 and "looks binary" in err
    assert (project / "data/sources.csv").read_bytes() == before
    assert not list((project / "seeds").glob("005_*"))


def test_add_records_the_article_addresses(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    url, archive = "https://example.org/2025/01/08/jets", "https://web.archive.org/web/20250108/https://example.org/x"
    code, _, err = run(
        project, "add", str(article), "--published", "2025-01-08", "--url", url, "--archive-url", archive
    )
    assert code == 0, err
    sources = list(csv.DictReader((project / "data/sources.csv").open(encoding="utf-8")))
    assert (sources[-1]["source_id"], sources[-1]["url"], sources[-1]["archive_url"]) == ("s005", url, archive)
    assert run(project, "validate")[0] == 0
    assert geo.load(project / "data", project / "seeds").sources.at["s005", "url"] == url


def test_bad_url_writes_nothing(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = (project / "data/sources.csv").read_bytes()
    for option, value, reason in (
        ("--url", "javascript:alert(1)", "uses the scheme 'javascript:'; only http:// and https:// are allowed."),
        ("--archive-url", "web.archive.org/x", "is not an absolute address (it has no http:// or https://)."),
    ):
        code, out, err = run(project, "add", str(article), "--published", "2025-01-08", option, value)
        assert (code, out) == (1, "")
        assert err == (
            f"error: {option} '{value}' {reason} "
            "Fix: give the page's full address, starting with https:// (or http://), or leave the option out.\n"
        )
    assert (project / "data/sources.csv").read_bytes() == before
    assert not list((project / "seeds").glob("005_*"))
    assert not (project / "data/review/s005.csv").exists()
