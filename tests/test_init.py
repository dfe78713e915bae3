"""`geo init`: a new project folder that validates, from which the first article can be added."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from geo.cli import cli
from geo.project import TABLES
from geo.schema import column_names
from tests.conftest import ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "other_conflict" / "seeds" / "article.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def on(folder: Path, *args: str) -> tuple[int, str, str]:
    return run("--data", str(folder / "data"), "--seeds", str(folder / "seeds"), *args)


def test_a_new_project_has_every_table_with_its_header_and_validates(tmp_path: Path) -> None:
    folder = tmp_path / "niger-2023"
    code, out, err = run("init", str(folder))
    assert code == 0, err
    assert out.splitlines()[-1] == f"next: geo --data {folder / 'data'} --seeds {folder / 'seeds'} validate"
    for name, columns in TABLES.items():
        rows = list(csv.reader((folder / "data" / name).open(encoding="utf-8", newline="")))
        assert rows == [column_names(columns)], name
    assert (folder / "seeds").is_dir() and not any((folder / "seeds").iterdir())
    assert "geo --data data --seeds seeds add" in (folder / "README.md").read_text(encoding="utf-8")
    code, out, err = on(folder, "validate")
    assert code == 0, err
    assert out.splitlines()[0] == "ok: 0 sources, 0 places, 0 claims."


def test_nothing_to_map_yet_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    run("init", str(folder))
    code, _, err = on(folder, "build", "--out", str(folder / "maps"))
    assert code == 1
    assert err.startswith("error: the data set has no claims yet, so there is nothing to map")
    assert "Traceback" not in err and not (folder / "maps").exists()


def test_the_first_article_goes_into_a_new_project(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    run("init", str(folder))
    code, out, err = on(folder, "add", str(ARTICLE), "--published", "2023-10-10")
    assert code == 0, err
    assert out.splitlines()[0].startswith("added s000: ")
    code, out, _ = on(folder, "validate")
    assert code == 0 and out.splitlines()[0] == "ok: 1 sources, 0 places, 0 claims."


def test_the_example_is_the_seed_data_set(tmp_path: Path) -> None:
    folder = tmp_path / "syria"
    code, _, err = run("init", str(folder), "--example")
    assert code == 0, err
    for name in TABLES:
        assert (folder / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes()
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(p.name for p in (folder / "seeds").iterdir()) == seeds
    code, out, _ = on(folder, "validate")
    assert code == 0 and out.startswith("ok: 5 sources")


def test_an_existing_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("init", str(folder))
    assert code == 1
    assert err == (
        f"error: {folder} already exists and is not an empty folder: geo init starts a new project; "
        "give a new folder's name.\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]  # no temporary folder left behind
