"""Corpus mode: serial, local-process and Dask-cluster runs write the same rows; bad input is listed or refused."""

from __future__ import annotations

import csv
import gc
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from bench.bench_ingest import generate_corpus
from geo._errors import GeoError
from geo.cli import cli
from geo.corpus import DATASETS, SCHEMAS, choose_start_method, extract_corpus, geoparser_for, read_table
from geo.extract import extract_file
from tests.conftest import DATA_OPTIONS, ROOT

TABLES = (*DATASETS, "errors")
GAZETTEER = ROOT / "data" / "gazetteer.csv"
PARTITION_BYTES = 40_000  # several partitions from a small corpus, so the workers really share the work


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds (dated by a manifest), 40 generated articles that state their date, and three bad files."""
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    generate_corpus(folder / "generated", total_bytes=200_000, files=40, seed=7)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "undated.txt").write_text("Russian troops left Tartus for Hmeimim last week.\n", encoding="utf-8")
    (folder / "bad_date.txt").write_text("Russian forces remain at Tartus.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Not an article: hidden files are skipped.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> Path:
    path = corpus.parent / "manifest.csv"
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published", "url"])
        for source in sources:
            writer.writerow([source["seed_file"], source["published"], source["url"]])
        writer.writerow(["bad_date.txt", "16/12/2024", ""])
        writer.writerow(["generated/article_00000.txt", "", "https://example.org/0"])  # no date: the text's own
    return path


@pytest.fixture(scope="module")
def serial(corpus: Path, manifest: Path) -> Path:
    out = corpus.parent / "serial"
    extract_corpus(corpus, out, gazetteer=GAZETTEER, published_from=manifest, partition_bytes=PARTITION_BYTES)
    return out


@pytest.fixture(scope="module")
def distributed_run(corpus: Path, manifest: Path) -> Path:
    out = corpus.parent / "distributed"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        extract_corpus(
            corpus,
            out,
            gazetteer=GAZETTEER,
            scheduler=cluster.scheduler_address,
            published_from=manifest,
            partition_bytes=PARTITION_BYTES,
        )
    return out


def local_run(corpus: Path, manifest: Path, start_method: str) -> Path:
    out = corpus.parent / f"local-{start_method}"
    extract_corpus(
        corpus,
        out,
        gazetteer=GAZETTEER,
        workers=2,
        published_from=manifest,
        partition_bytes=PARTITION_BYTES,
        start_method=start_method,
    )
    # Frozen only for the fork: this process's collector must see its objects again.
    assert gc.get_freeze_count() == 0
    return out


@pytest.fixture(scope="module")
def forked_run(corpus: Path, manifest: Path) -> Path:
    return local_run(corpus, manifest, "fork")


@pytest.fixture(scope="module")
def spawned_run(corpus: Path, manifest: Path) -> Path:
    return local_run(corpus, manifest, "spawn")


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in TABLES}


@pytest.mark.parametrize("parallel", ["distributed_run", "forked_run", "spawned_run"])
def test_two_worker_processes_write_the_rows_of_the_serial_run(
    serial: Path, parallel: str, request: pytest.FixtureRequest
) -> None:
    """On a LocalCluster through its scheduler's address, and on two local worker processes, forked and spawned."""
    out: Path = request.getfixturevalue(parallel)
    expected, got = tables(serial), tables(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
    parts = [sorted(p.name for p in (serial / name).iterdir()) for name in DATASETS]
    assert parts == [sorted(p.name for p in (out / name).iterdir()) for name in DATASETS]
    assert len(parts[0]) >= 4, "the corpus should span several partitions"
    written = sorted(p.relative_to(serial) for p in serial.rglob("*.parquet"))
    assert written == sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    for part in written:
        assert (serial / part).read_bytes() == (out / part).read_bytes(), f"{part} differs"


def test_the_datasets_hold_every_readable_article_sorted_with_their_schemas(serial: Path) -> None:
    got = tables(serial)
    articles = got["articles"]
    assert len(articles) == 45
    assert list(articles["file"]) == sorted(articles["file"])
    seeds = articles[~articles["file"].str.startswith("generated/")]
    assert set(seeds["published_basis"]) == {"manifest"}
    assert seeds["url"].str.startswith("http").any()
    generated = articles[articles["file"].str.startswith("generated/")]
    assert len(generated) == 40
    assert generated["published_basis"].str.startswith("stated in the text: '").all()
    assert generated.set_index("file").loc["generated/article_00000.txt", "url"] == "https://example.org/0"
    mentions, claims = got["mentions"], got["claims"]
    assert list(zip(mentions["file"], mentions["start"], strict=True)) == sorted(
        zip(mentions["file"], mentions["start"], strict=True)
    )
    assert list(zip(claims["file"], claims["evidence_start"], strict=True)) == sorted(
        zip(claims["file"], claims["evidence_start"], strict=True)
    )
    assert len(mentions) > 200 and len(claims) > 20
    assert set(claims["file"]) <= set(articles["file"])
    counts = mentions.groupby("file").size()
    assert (articles.set_index("file")["mentions"][counts.index] == counts).all()
    for name in DATASETS:
        for part in (serial / name).iterdir():
            assert pq.read_schema(part).remove_metadata() == SCHEMAS[name], part


def test_a_seed_gives_the_rows_extract_file_gives(serial: Path) -> None:
    got = read_table(serial, "mentions")
    seed = "003_dcb91dcee79e9b93.txt"
    single = extract_file(ROOT / "seeds" / seed, geoparser=geoparser_for(GAZETTEER), published=None)
    rows = got[got["file"] == seed]
    assert list(zip(rows["start"], rows["place_id"], strict=True)) == [(m.start, m.place_id) for m in single.mentions]
    claims = read_table(serial, "claims")
    assert list(claims[claims["file"] == seed]["action"]) == [c.action for c in single.claims]


def test_articles_that_cannot_be_read_or_dated_are_listed_and_the_rest_go_on(serial: Path) -> None:
    errors = read_table(serial, "errors")
    assert list(errors["file"]) == ["bad_date.txt", "binary.txt", "undated.txt"]
    reasons = dict(zip(errors["file"], errors["reason"], strict=True))
    assert "not YYYY-MM-DD" in reasons["bad_date.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "no date stated" in reasons["undated.txt"]


def test_the_geoparser_is_loaded_once_per_process_and_gazetteer(tmp_path: Path) -> None:
    first = geoparser_for(GAZETTEER)
    assert geoparser_for(str(GAZETTEER)) is first
    edited = tmp_path / "gazetteer.csv"
    edited.write_bytes(GAZETTEER.read_bytes())
    actors = tmp_path / "actors.csv"
    actors.write_bytes(GAZETTEER.with_name("actors.csv").read_bytes())
    copy = geoparser_for(edited)
    assert copy is not first and geoparser_for(edited) is copy
    edited.write_bytes(GAZETTEER.read_bytes().replace(b"Tartus", b"Tartous", 1))
    assert geoparser_for(edited) is not copy, "an edited gazetteer must be loaded afresh"
    again = geoparser_for(edited)
    actors.write_bytes(actors.read_bytes().replace(b"Kremlin", b"Kremlin; Russian Federation", 1))
    assert geoparser_for(edited) is not again, "edited actors must be loaded afresh"


def test_the_command_with_two_workers_writes_the_datasets(corpus: Path, manifest: Path, serial: Path) -> None:
    out = corpus.parent / "cli"
    command = [str(Path(sys.executable).with_name("geo")), "extract", "--corpus", str(corpus), "--out", str(out)]
    command += ["--workers", "2", "--published-from", str(manifest)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "45 articles" in done.stdout and "3 articles left out" in done.stdout
    assert "left out binary.txt" in done.stderr and "Traceback" not in done.stderr
    got = tables(out)
    # Default partitions are larger than the fixture's: the same rows, split into other part files.
    for name, frame in tables(serial).items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


def test_a_second_run_replaces_its_own_output_and_leaves_no_temporary_folder(
    corpus: Path, manifest: Path, serial: Path
) -> None:
    out = corpus.parent / "again"
    shutil.copytree(serial, out)
    (out / "mentions" / "part-09999.parquet").write_bytes(b"stale")
    extract_corpus(corpus, out, gazetteer=GAZETTEER, published_from=manifest, partition_bytes=PARTITION_BYTES)
    assert not (out / "mentions" / "part-09999.parquet").exists()
    for name, frame in tables(serial).items():
        pd.testing.assert_frame_equal(read_table(out, name), frame, obj=name)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".again.")], "temporary folders left behind"


def unguarded_script(corpus: Path, manifest: Path, folder: Path, start_method: str) -> subprocess.CompletedProcess[str]:
    """Run a script that calls extract_corpus with two workers at its top level, without a main guard."""
    script = folder / "unguarded.py"
    script.write_text(
        "from pathlib import Path\n"
        "from geo.corpus import extract_corpus\n"
        f"extract_corpus(Path({str(corpus)!r}), Path({str(folder / 'out')!r}), "
        f"gazetteer=Path({str(GAZETTEER)!r}), workers=2, start_method={start_method!r}, "
        f"published_from=Path({str(manifest)!r}))\n",
        encoding="utf-8",
    )
    return subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_script_that_starts_spawned_workers_without_a_main_guard_is_told_so(
    corpus: Path, manifest: Path, tmp_path: Path
) -> None:
    # Spawned workers import the calling script again: unguarded, each would start workers of its own.
    done = unguarded_script(corpus, manifest, tmp_path, "spawn")
    assert done.returncode != 0
    assert "a local worker process stopped" in done.stderr
    assert "must do so under if __name__ == '__main__':" in done.stderr
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "temporary folder left behind"


def test_forked_workers_need_no_main_guard(corpus: Path, manifest: Path, tmp_path: Path, serial: Path) -> None:
    done = unguarded_script(corpus, manifest, tmp_path, "fork")
    assert done.returncode == 0, done.stderr
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(tmp_path / "out", name), read_table(serial, name), obj=name)


def test_workers_fork_only_on_linux_and_while_no_other_thread_runs() -> None:
    assert choose_start_method("spawn") == "spawn" and choose_start_method("fork") == "fork"
    with pytest.raises(ValueError, match="start_method must be one of fork, spawn, not 'thread'"):
        choose_start_method("thread")
    fresh = [sys.executable, "-c", "from geo.corpus import choose_start_method; print(choose_start_method())"]
    chosen = subprocess.run(fresh, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    assert chosen == ("fork" if sys.platform == "linux" else "spawn")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert choose_start_method() == "spawn", "a forked child would inherit the other thread's locks"
    finally:
        stop.set()
        other.join()


def test_an_unreachable_scheduler_is_named(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(GeoError, match=r"no Dask scheduler answers at tcp://127\.0\.0\.1:9 .*--workers N"):
        extract_corpus(corpus, tmp_path / "out", gazetteer=GAZETTEER, scheduler="tcp://127.0.0.1:9", connect_timeout=1)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], 2, "either --workers or --scheduler"),
        (["--no-out"], 2, "--corpus needs --out"),
        (["--workers", "0"], 2, "--workers"),
        (["--start-method", "fork"], 2, "--start-method is how local --workers start: give --workers N with it."),
        (["--workers", "2", "--start-method", "thread"], 2, "'thread' is not one of 'fork', 'spawn'"),
        (["--empty"], 1, "no article files found"),
        (["--missing"], 1, "not found"),
        (["--not-output"], 1, "is not the output of a corpus run"),
    ],
)
def test_bad_options_give_a_clean_message(
    arguments: list[str], code: int, message: str, corpus: Path, tmp_path: Path
) -> None:
    args = [*DATA_OPTIONS, "extract", "--corpus", str(corpus), "--out", str(tmp_path / "out")]
    if arguments == ["--no-out"]:
        args = args[:-2]
    elif arguments == ["--empty"]:
        (tmp_path / "empty").mkdir()
        args[args.index(str(corpus))] = str(tmp_path / "empty")
    elif arguments == ["--missing"]:
        args[args.index(str(corpus))] = str(tmp_path / "nowhere")
    elif arguments == ["--not-output"]:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "mine.txt").write_text("keep me", encoding="utf-8")
    else:
        args += arguments
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if arguments == ["--not-output"]:
        assert (tmp_path / "out" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_without_articles_or_corpus_the_command_says_what_to_give() -> None:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "extract"])
    assert result.exit_code == 2
    assert "give one or more articles, or --corpus" in result.output


def test_a_manifest_without_its_columns_is_refused(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "manifest.csv"
    bad.write_text("name,date\nx.txt,2024-12-16\n", encoding="utf-8")
    with pytest.raises(GeoError, match="no column file, published"):
        extract_corpus(corpus, tmp_path / "out", gazetteer=GAZETTEER, published_from=bad)
    assert not (tmp_path / "out").exists()
