"""Bad input that used to crash or corrupt: each gives a clean message, exit 1, and writes nothing.

One test per class of the reproductions of issue 14 (long cells, symbolic link loops, folders,
duplicate columns, unbalanced quotes, absurd dates, hostile geo add input), each through the
command line with its exact message.
"""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from geo._csv import FIELD_LIMIT_CHARS
from geo.cli import cli
from tests.conftest import EditCell, line_of

ARTICLE = (
    "Russian jets leave Hmeimim\n"
    "Russian transport planes flew equipment from Hmeimim to Libya on Tuesday, according to Reuters.\n"
)


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--data", "data", "--seeds", "seeds", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file under data/ and seeds/, to show a refused command wrote nothing."""
    return {
        str(p.relative_to(project)): p.read_bytes()
        for folder in ("data", "seeds")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_a_long_cell_below_the_limit_is_read(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "note", "n" * 200_000)
    code, out, err = run(project, "validate")
    assert (code, err) == (0, "")
    assert out.startswith("ok: 5 sources")


def test_a_cell_over_the_limit_names_file_line_record_and_field(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-02", "note", "n" * (FIELD_LIMIT_CHARS + 1))
    line = line_of(project / "data/claims.csv", "c000-02")
    for command in ("validate", "build"):
        code, out, err = run(project, command)
        assert (code, out) == (1, "")
        assert err == (
            f"error: data/claims.csv:{line}: [c000-02, field 'note'] a cell is longer than the limit of "
            "1,048,576 characters. Fix: shorten it (quote only the words a claim rests on), or check for an "
            "unclosed double quote.\n1 problem found.\n"
        )
    assert not (project / "maps").exists()


def test_a_symlink_loop_is_named_as_one(project: Path) -> None:
    claims = project / "data/claims.csv"
    claims.unlink()
    claims.symlink_to("claims.csv")
    code, _, err = run(project, "validate")
    assert code == 1
    assert err == (
        "error: data/claims.csv: is a symbolic link loop (-> claims.csv). Fix: point the link at the real file, "
        "or replace it.\n1 problem found.\n"
    )


def test_a_seed_that_is_a_symlink_loop(project: Path) -> None:
    seed = project / "seeds/003_dcb91dcee79e9b93.txt"
    seed.unlink()
    seed.symlink_to(seed.name)
    code, _, err = run(project, "build", "--out", "maps")
    assert code == 1
    assert err == (
        "error: seeds/003_dcb91dcee79e9b93.txt: is a symbolic link loop (-> 003_dcb91dcee79e9b93.txt). "
        "Fix: point the link at the real file, or replace it.\n1 problem found.\n"
    )


def test_an_article_that_is_a_symlink_loop(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "loop.txt"
    article.symlink_to("loop.txt")
    before = snapshot(project)
    code, _, err = run(project, "add", str(article), "--published", "2025-01-08")
    assert code == 1
    assert err == (
        f"error: {article} is a symbolic link loop (-> loop.txt). Fix: point the link at the real file, "
        "or replace it.\n"
    )
    assert snapshot(project) == before


def test_a_data_file_or_seed_that_is_a_folder(project: Path) -> None:
    (project / "data/distances.csv").unlink()
    (project / "data/distances.csv").mkdir()
    seed = project / "seeds/000_e8487d99976ac072.txt"
    seed.unlink()
    seed.mkdir()
    code, _, err = run(project, "validate")
    assert code == 1
    assert err == (
        "error: data/distances.csv: is a folder, not a file. Fix: give the file itself (a folder cannot be read "
        "as a table or a text).\n1 problem found.\n"
    )
    (project / "data/distances.csv").rmdir()
    (project / "data/distances.csv").write_text("source_id,quote,place_id,reference,stated_km,direction\n")
    code, _, err = run(project, "build", "--out", "maps")
    assert code == 1
    assert err.startswith("error: seeds/000_e8487d99976ac072.txt: is a folder, not a file.")


def test_a_duplicated_column_is_refused(project: Path) -> None:
    path = project / "data/claims.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            [[*rows[0], "action"], *([*row, "observe"] for row in rows[1:])]
        )
    code, _, err = run(project, "validate")
    assert code == 1
    assert err == (
        "error: data/claims.csv:1: [field 'action'] column 'action' appears 2 times in the header (columns 5, 19). "
        "Fix: keep one of them: which one holds the data cannot be guessed.\n1 problem found.\n"
    )


def test_an_unbalanced_quote_is_named(project: Path) -> None:
    path = project / "data/claims.csv"
    line = line_of(path, "c000-01")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert '"' not in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(",Russia,", ',"Russia,', 1)
    path.write_text("".join(lines), encoding="utf-8")
    # The open quote runs on to the next double quote in the file, and a few cells after it on that line.
    end = next(number for number in range(line + 1, len(lines) + 1) if '"' in lines[number - 1])
    cells = next(csv.reader(["".join(lines[line - 1 : end])]))
    code, _, err = run(project, "validate")
    assert code == 1
    assert err == (
        f"error: data/claims.csv:{line}: a double quote opened in this record is not closed on its line, so the "
        f"record swallows the lines after it up to line {end} and has {len(cells)} cells (the header has 18). "
        'Fix: close the quote; write a double quote inside a quoted cell as two ("").\n1 problem found.\n'
    )


def test_a_stray_quote_on_one_line_is_named(project: Path) -> None:
    path = project / "data/claims.csv"
    line = line_of(path, "c000-03")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(",Russia,", ',"Russia,', 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, _, err = run(project, "validate")
    assert code == 1
    assert err == (
        f"error: data/claims.csv:{line}: has 5 cells (the header has 18): the line has an odd number of double "
        'quotes. Fix: close the quote; write a double quote inside a quoted cell as two ("").\n1 problem found.\n'
    )


def test_dates_out_of_reason(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "start", "0001-01-01")
    edit_cell("claims.csv", "c000-02", "end", "2099-12-31")
    edit_cell("sources.csv", "s001", "published", "2999-01-01")
    claims = project / "data/claims.csv"
    code, _, err = run(project, "validate")
    assert code == 1
    lines = err.splitlines()
    assert lines[-1] == "3 problems found."  # the claims of s001 are not flagged again against its publication
    assert (
        "error: data/sources.csv:3: [s001, field 'published'] the publication date 2999-01-01 is in the future. "
        "Fix: check the year."
    ) in lines
    assert (
        f"error: data/claims.csv:{line_of(claims, 'c000-01')}: [c000-01, field 'start'] start 0001-01-01 is before "
        "1900-01-01. Fix: check the year (a typo such as 0001 for 2001?)."
    ) in lines
    assert (
        f"error: data/claims.csv:{line_of(claims, 'c000-02')}: [c000-02, field 'end'] end 2099-12-31 is more than "
        "10 years after its source's publication (2024-12-15). Fix: check the year; reporting speaks of the "
        "recent past or near future."
    ) in lines


def test_too_many_slices_names_the_options(project: Path) -> None:
    code, out, err = run(project, "slices", "--freq", "D", "--since", "2020-01-01")
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: the window 2020-01-01 to 2025-01-16 makes about 1843 day slices, more than 1000: narrow it with "
        "--since and --until, or use a coarser --freq (W or M)\n"
    )
    code, _, err = run(project, "build", "--out", "maps", "--freq", "D", "--since", "2020-01-01")
    assert code == 2 and "narrow it with --since and --until, or use a coarser --freq (W or M)" in err
    assert not (project / "maps").exists()


def test_add_bounds_the_title_and_the_date_quote(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    first = " ".join(["word"] * 40_000)  # 200,000 characters on the first line
    article.write_text(f"{first}\nPublished 8 January 2025.\n{ARTICLE}", encoding="utf-8")
    code, out, err = run(project, "add", str(article), "--published", "2025-01-08")
    assert code == 0, err
    assert out.startswith("added s005")
    sources = list(csv.DictReader((project / "data/sources.csv").open(encoding="utf-8")))
    assert len(sources[-1]["title"]) <= 300 and first.startswith(sources[-1]["title"])
    assert sources[-1]["published_quote"] == "8 January 2025"
    code, out, _ = run(project, "validate")
    assert code == 0 and out.startswith("ok: 6 sources")


def test_add_refuses_what_the_loader_would_not_read(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    # One sentence longer than the field limit: its candidate's evidence cell could not be read back.
    sentence = "Russian transport planes flew equipment from Hmeimim to Libya " + "and more " * 120_000 + "on Tuesday."
    article.write_text(f"Title\n{sentence}\n", encoding="utf-8")
    before = snapshot(project)
    code, out, err = run(project, "add", str(article), "--published", "2025-01-08")
    assert (code, out) == (1, "")
    assert "error: data/review/s005.csv:2: [s005-x01, field 'quote'] a cell is longer than the limit" in err
    assert "(geo add wrote nothing)" in err
    assert snapshot(project) == before
    assert run(project, "validate")[0] == 0


def test_add_refuses_a_date_in_the_future(project: Path, tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(project)
    code, _, err = run(project, "add", str(article), "--published", "2099-01-01")
    assert code == 1
    assert err.startswith("error: --published 2099-01-01 is in the future (today is ")
    assert err.endswith("Fix: give the date the article was published.\n")
    code, _, err = run(project, "add", str(article), "--published", "1850-01-01")
    assert err == (
        "error: --published 1850-01-01 is before 1900-01-01, the earliest date the data accept. Fix: check the year.\n"
    )
    assert snapshot(project) == before


def test_add_refuses_an_article_that_differs_only_in_white_space(project: Path, tmp_path: Path) -> None:
    seed = project / "seeds/003_dcb91dcee79e9b93.txt"
    article = tmp_path / "again.txt"
    article.write_text(seed.read_text(encoding="utf-8").replace(" ", "\n", 3) + "\n\n", encoding="utf-8")
    before = snapshot(project)
    code, _, err = run(project, "add", str(article), "--published", "2024-12-16")
    assert code == 1
    assert err == (
        "error: again.txt is already in the data set as s003: it differs from seeds/003_dcb91dcee79e9b93.txt "
        "only in white space (spaces, line breaks).\n"
    )
    assert snapshot(project) == before


def test_a_lone_carriage_return_counts_as_a_line_break(project: Path) -> None:
    """Found by tests/test_fuzz.py: a raw \\r before a bad line made locating that line fail with a traceback."""
    path = project / "data/claims.csv"
    first, stray = line_of(path, "c000-01"), line_of(path, "c000-03")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[first - 1] = lines[first - 1].replace(",Russia,", ",Russia\r", 1)
    lines[stray - 1] = lines[stray - 1].replace(",Russia,", ',"Russia,', 1)
    path.write_text("".join(lines), encoding="utf-8", newline="")
    code, _, err = run(project, "validate")
    assert code == 1
    assert err.splitlines() == [
        f"error: data/claims.csv:{first}: has 4 cells, the header has 18. Fix: quote cells that contain commas with "
        "double quotes.",
        f"error: data/claims.csv:{first + 1}: has 14 cells, the header has 18. Fix: quote cells that contain commas "
        "with double quotes.",
        f"error: data/claims.csv:{stray + 1}: has 5 cells (the header has 18): the line has an odd number of double "
        'quotes. Fix: close the quote; write a double quote inside a quoted cell as two ("").',
        "3 problems found.",
    ]
