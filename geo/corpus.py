"""Corpus mode: extract from many articles in parallel (Dask) into Parquet datasets.

:func:`extract_corpus` lists the articles of a folder or glob, splits them in
sorted order into partitions of about :data:`PARTITION_BYTES`, and runs
:func:`geo.extract.extract` on every article of every partition
(:func:`geo.extract.extract_file` for a file read in chunks): serially
in this process, on local worker processes it starts (``workers``: Dask's
process scheduler), or on an existing Dask cluster (``scheduler``). Each
partition writes its own Parquet file of each dataset, so the client never
holds the corpus's rows and memory stays bounded by one partition per worker.

Output layout under ``out``::

    articles/part-00000.parquet …   CORPUS_ARTICLES, one row per article read and dated
    mentions/part-00000.parquet …   CORPUS_MENTIONS, sorted by (file, start)
    claims/part-00000.parquet …     CORPUS_CLAIMS, sorted by (file, evidence_start)
    errors.parquet                  CORPUS_ERRORS, articles left out and why, sorted by file
    corpus.json                     counts and the partitioning

Partitions follow the sorted file list, not the scheduling, so every run over
the same corpus writes the same rows in the same files in the same order. The
output is written into a temporary sibling folder and renamed into place.

With a remote ``scheduler`` the workers read the articles and write the parts
themselves, so the corpus and ``out``'s parent must be on a file system they
share with the client.
"""

from __future__ import annotations

import csv
import gc
import glob
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from geo._errors import GeoError
from geo._paths import display_path
from geo.articles import LARGE_FILE_BYTES, ArticleError, read_article, stated_date
from geo.extract import Extraction, Geoparser, extract, extract_file, load_geoparser
from geo.schema import ACTORS_FILE, CORPUS_ARTICLES, CORPUS_CLAIMS, CORPUS_ERRORS, CORPUS_MENTIONS, Column

if TYPE_CHECKING:
    # pandas only for read_table: a run writes Parquet through pyarrow, which imports pandas
    # itself only when it builds its first array.
    import pandas as pd

PARTITION_BYTES = 1_000_000
"""Target size of one partition (sum of its files' sizes).

Small enough that a 20 MB corpus gives twenty tasks, so two workers finish within one
short task of each other (with ten, one worker ran the eleventh alone),
large enough that a 10 GB archive gives thousands of files, not millions."""

MANIFEST_COLUMNS = ("file", "published", "url")
MARKER = "corpus.json"
"""Written last into every output folder: only a folder holding it is replaced by a new run."""

_ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}
_GLOB_CHARS = frozenset("*?[")


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    """The Parquet schema of a table documented as ``columns`` (required columns are not nullable)."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type], nullable=not c.required) for c in columns])


SCHEMAS: dict[str, pa.Schema] = {
    "articles": arrow_schema(CORPUS_ARTICLES),
    "mentions": arrow_schema(CORPUS_MENTIONS),
    "claims": arrow_schema(CORPUS_CLAIMS),
    "errors": arrow_schema(CORPUS_ERRORS),
}
"""The fixed schema of each table of a corpus run."""

DATASETS = ("articles", "mentions", "claims")
"""The partitioned datasets (folders of part files); ``errors`` is one file."""


@dataclass(frozen=True)
class Article:
    """One file of the corpus and what the manifest says about it."""

    path: str
    file: str
    published: str = ""
    url: str = ""
    in_manifest: bool = False
    """Whether the manifest gives the article's date."""


@dataclass
class CorpusResult:
    """What :func:`extract_corpus` wrote."""

    out: Path
    articles: int
    mentions: int
    claims: int
    partitions: int
    errors: list[tuple[str, str]] = field(default_factory=list)


def list_corpus(corpus: str | Path) -> tuple[Path, list[Path]]:
    """The articles of a folder (recursively) or a glob, sorted, and the folder their names are relative to.

    Hidden files and folders (names starting with ``.``) are left out.
    """
    text = str(corpus)
    if _GLOB_CHARS & set(text):
        parts = Path(text).parts
        fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
        root = Path(*parts[:fixed]) if fixed else Path(".")
        found = [Path(p) for p in glob.glob(text, recursive=True)]
        files = [p for p in found if p.is_file() and not _hidden(p.relative_to(root))]
    else:
        root = Path(text)
        if not root.exists():
            raise GeoError(f"{text} not found: give a folder of articles or a glob such as 'articles/*.txt'.")
        if root.is_file():
            raise GeoError(f"{text} is a file: give a folder of articles or a glob; for one article drop --corpus.")
        files = [p for p in root.rglob("*") if p.is_file() and not _hidden(p.relative_to(root))]
    if not files:
        raise GeoError(f"{text}: no article files found; give a folder of articles or a glob such as 'articles/*.txt'.")
    return root, sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_manifest(path: Path) -> dict[str, tuple[str, str]]:
    """``{file: (published, url)}`` from a manifest CSV with the columns ``file,published,url``.

    Dates are checked per article (a bad one sends only that article to ``errors``).
    """
    name = display_path(path)
    if not path.is_file():
        raise GeoError(f"{name} not found: give the manifest CSV (columns file,published,url) with --published-from.")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in MANIFEST_COLUMNS[:2] if c not in (reader.fieldnames or [])]
            if missing:
                raise GeoError(f"{name} has no column {', '.join(missing)}: its header must be file,published,url.")
            entries: dict[str, tuple[str, str]] = {}
            for line, row in enumerate(reader, start=2):
                key = (row.get("file") or "").strip().replace("\\", "/")
                if not key:
                    raise GeoError(f"{name}, line {line}: empty file name; give the article's path in the corpus.")
                if key in entries:
                    raise GeoError(f"{name}, line {line}: {key} is listed twice; keep one row per article.")
                entries[key] = ((row.get("published") or "").strip(), (row.get("url") or "").strip())
    except UnicodeDecodeError as exc:
        raise GeoError(f"{name} is not UTF-8 (byte {exc.start}): convert it to UTF-8 first.") from None
    return entries


def _articles(root: Path, files: list[Path], manifest: dict[str, tuple[str, str]] | None) -> list[Article]:
    by_name: dict[str, list[str]] = {}
    for key in manifest or {}:
        by_name.setdefault(key.rsplit("/", 1)[-1], []).append(key)
    out = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        entry = None
        if manifest is not None:
            # The manifest may name files by their path in the corpus or, where unambiguous, by file name.
            key = rel if rel in manifest else None
            if key is None and len(by_name.get(path.name, [])) == 1:
                key = by_name[path.name][0]
            entry = manifest.get(key) if key else None
        published, url = entry or ("", "")
        # A manifest row with an empty date still gives the url; the text's own date is then used.
        out.append(Article(str(path.resolve()), rel, published, url, bool(published)))
    return out


def partitions(articles: list[Article], target_bytes: int = PARTITION_BYTES) -> list[list[Article]]:
    """Split ``articles`` (in order) into consecutive runs of about ``target_bytes`` each."""
    parts: list[list[Article]] = []
    current: list[Article] = []
    size = 0
    for article in articles:
        try:
            length = os.stat(article.path).st_size
        except OSError:
            length = 0
        if current and size + length > target_bytes:
            parts.append(current)
            current, size = [], 0
        current.append(article)
        size += length
    if current:
        parts.append(current)
    return parts


_PARSERS: dict[tuple[str, str, bool], Geoparser] = {}


def geoparser_for(gazetteer: str | Path, *, use_cache: bool = True) -> Geoparser:
    """The :class:`Geoparser` of a gazetteer file (and the actors beside it), loaded once per process and version.

    Loading one takes a second from the matcher cache and several without; a worker process
    runs many partitions, so it keeps the parser of each gazetteer it has seen. The key holds
    a sha256 of both files' bytes, so a long-lived worker of a remote cluster notices an edit.
    """
    path = Path(gazetteer).resolve()
    digest = hashlib.sha256()
    for part in (path, path.with_name(ACTORS_FILE)):
        try:
            digest.update(part.read_bytes())
        except OSError:
            digest.update(b"unreadable")  # load_geoparser says what is wrong with the file
    key = (str(path), digest.hexdigest(), use_cache)
    if key not in _PARSERS:
        _PARSERS[key] = load_geoparser(path, use_cache=use_cache)
    return _PARSERS[key]


def source_id_of(file: str) -> str:
    """A stable id for the article at ``file`` (relative path): it does not change when files are added."""
    return "a" + hashlib.sha1(file.encode("utf-8")).hexdigest()[:12]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_MENTION_FIELDS = tuple(c.name for c in CORPUS_MENTIONS if c.name not in ("file", "source_id"))
_CLAIM_FIELDS = tuple(c.name for c in CORPUS_CLAIMS if c.name != "file")
_MENTION_ROW = attrgetter(*_MENTION_FIELDS)
_CLAIM_ROW = attrgetter(*_CLAIM_FIELDS)
_MENTION_ORDER = attrgetter("start", "end")
_CLAIM_ORDER = attrgetter("evidence_start", "claim_id")


def _add_rows(tables: dict[str, dict[str, list[Any]]], article: Article, result: Extraction) -> None:
    """Append one article's rows to the column lists of ``tables``.

    Column lists, not row dicts: turning every mention and claim into a dict
    (``dataclasses.asdict`` deep-copies each field) cost more than extracting them.
    """
    source = result.source
    source_id = source["source_id"]
    mentions = sorted(result.mentions, key=_MENTION_ORDER)
    columns = tables["mentions"]
    columns["file"] += [article.file] * len(mentions)
    columns["source_id"] += [source_id] * len(mentions)
    # One attrgetter call per row and one transposition: a getattr per field and row cost more.
    for name, values in zip(_MENTION_FIELDS, zip(*map(_MENTION_ROW, mentions), strict=True), strict=False):
        columns[name] += values
    claims = sorted(result.claims, key=_CLAIM_ORDER)
    columns = tables["claims"]
    columns["file"] += [article.file] * len(claims)
    for name, values in zip(_CLAIM_FIELDS, zip(*map(_CLAIM_ROW, claims), strict=True), strict=False):
        columns[name] += [_date(v) for v in values] if name in ("start", "end") else values
    basis = "manifest" if article.in_manifest else source["published_basis"]
    meta = {
        "file": article.file,
        "source_id": source_id,
        "title": source.get("title", ""),
        "published": date.fromisoformat(source["published"]),
        "published_basis": basis,
        "url": article.url,
        "characters": source.get("characters"),
        "mentions": len(mentions),
        "claims": len(claims),
    }
    for name, value in meta.items():
        tables["articles"][name].append(value)


def _extract_one(article: Article, parser: Geoparser) -> Extraction:
    path = Path(article.path)
    source_id = source_id_of(article.file)
    published = None
    if article.in_manifest:
        try:
            published = date.fromisoformat(article.published)
        except ValueError:
            raise ArticleError(
                f"the manifest's published date {article.published!r} is not YYYY-MM-DD: correct it in the manifest."
            ) from None
    if path.is_file() and path.stat().st_size >= LARGE_FILE_BYTES:
        if published is None:
            raise ArticleError("a file this large is read in chunks: give its date in the manifest (--published-from).")
        return extract_file(path, geoparser=parser, published=published, source_id=source_id)
    text = read_article(path)
    basis = "manifest"
    if published is None:
        stated = stated_date(text)
        if stated is None:
            raise ArticleError("no date stated in the text and none in a manifest: add it to --published-from's CSV.")
        published, basis = stated[0], f"stated in the text: '{stated[1]}'"
    # The same title rule as extract_file, which would read the file a second time to date it.
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    result = extract(text, geoparser=parser, published=published, source_id=source_id, title=title)
    result.source["published_basis"] = basis
    return result


def run_partition(index: int, articles: list[Article], gazetteer: str, use_cache: bool, tmp: str) -> dict[str, Any]:
    """Extract every article of one partition and write its part file of each dataset under ``tmp``.

    Returns the counts and the ``(file, reason)`` of each article left out.
    An article that cannot be read or dated is left out; the others go on.
    """
    parser = geoparser_for(gazetteer, use_cache=use_cache)
    tables: dict[str, dict[str, list[Any]]] = {name: {f.name: [] for f in SCHEMAS[name]} for name in DATASETS}
    errors: list[tuple[str, str]] = []
    for article in articles:
        try:
            result = _extract_one(article, parser)
        except (GeoError, OSError) as exc:
            # OSError: permission denied, a file removed while the run lists it, an unreadable disk sector.
            errors.append((article.file, str(exc)))
            continue
        _add_rows(tables, article, result)
    counts = {}
    for name, columns in tables.items():
        table = pa.Table.from_pydict(columns, schema=SCHEMAS[name])
        pq.write_table(table, Path(tmp) / name / f"part-{index:05d}.parquet")
        counts[name] = table.num_rows
    return {"index": index, **counts, "errors": errors}


def _run_serial(parts: list[list[Article]], gazetteer: str, use_cache: bool, tmp: Path) -> Iterator[dict[str, Any]]:
    for index, articles in enumerate(parts):
        yield run_partition(index, articles, gazetteer, use_cache, str(tmp))


def _import_extraction() -> None:
    """Run by each spawned worker process as it starts: unpickling it imports this module and the extraction."""


START_METHODS = ("fork", "spawn")
"""How local worker processes may start (``start_method`` of :func:`extract_corpus`)."""


def choose_start_method(requested: str | None = None) -> str:
    """How local workers start: ``requested``, else ``"fork"`` where it is safe, else ``"spawn"``.

    Forked workers share this process's loaded Geoparser (its pages are copied only where a
    worker writes to them) and leave without tearing down their interpreter; spawned ones
    import the extraction and load the parser again, each. Forking is safe here only on
    Linux (macOS's system libraries do not survive it) and while this process runs no other
    thread (a forked child would inherit the locks that thread holds): a Jupyter kernel,
    for one, runs several, so a notebook gets spawned workers.
    """
    if requested is not None:
        if requested not in START_METHODS:
            raise ValueError(f"start_method must be one of {', '.join(START_METHODS)}, not {requested!r}.")
        return requested
    forkable = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forkable and threading.active_count() == 1 else "spawn"


def _start_pool(workers: int, method: str) -> ProcessPoolExecutor:
    """``workers`` local processes, started now by ``method`` (see :func:`choose_start_method`)."""
    if method == "spawn":
        # Each imports the extraction as it starts (the initializer's module), while this
        # process loads its own parser.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_import_extraction)
        # The executor starts a process per task submitted while none is idle: one no-op each
        # starts them all now.
        for _ in range(workers):
            pool.submit(int)
        return pool
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    # Objects alive now are moved out of the collector's generations for the fork: a
    # collection in a worker would otherwise walk the whole inherited parser and, by writing
    # to each object's header, copy every page of it. The first task submitted forks every
    # worker (before the executor starts its thread); this process's own collections then
    # go on as before.
    gc.freeze()
    try:
        pool.submit(int)
    finally:
        gc.unfreeze()
    return pool


def _run_local(
    parts: list[list[Article]], gazetteer: str, use_cache: bool, tmp: Path, *, pool: Executor, method: str
) -> list[dict[str, Any]]:
    """Run every partition on the local worker processes of ``pool``, through Dask's process scheduler.

    One partition a task (``chunksize=1``): Dask's default of six tasks a batch left one worker
    with a batch to run alone at the end of the 22-partition benchmark corpus.
    """
    import dask
    import dask.multiprocessing

    tasks = [
        dask.delayed(run_partition, pure=False)(
            i, articles, gazetteer, use_cache, str(tmp), dask_key_name=f"geo-corpus-part-{i:05d}"
        )
        for i, articles in enumerate(parts)
    ]
    try:
        # The scheduler's function, not its name: given a name, Dask imports distributed to look
        # for a client (0.3-0.45 s, while the workers wait).
        return list(dask.compute(*tasks, scheduler=dask.multiprocessing.get, pool=pool, chunksize=1))
    except BrokenProcessPool as exc:
        guard = (
            "; a script that calls extract_corpus with spawned workers must do so under if __name__ == '__main__':"
            if method == "spawn"
            else ""
        )
        raise GeoError(
            f"a local worker process stopped ({exc}): if it ran out of memory, give fewer --workers{guard}."
        ) from None


def _run_dask(
    parts: list[list[Article]], gazetteer: str, use_cache: bool, tmp: Path, scheduler: str, *, connect_timeout: float
) -> list[dict[str, Any]]:
    """Run every partition on the Dask cluster whose scheduler is at ``scheduler``."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise GeoError(
            f"no Dask scheduler answers at {scheduler} ({exc}): start one (dask scheduler) with workers "
            "that see this file system, or use --workers N for local worker processes."
        ) from None
    with client:
        futures = [
            client.submit(
                run_partition,
                i,
                articles,
                gazetteer,
                use_cache,
                str(tmp),
                key=f"geo-corpus-part-{i:05d}-{tmp.name}",
            )
            for i, articles in enumerate(parts)
        ]
        # Results are small (counts and errors): the rows stay in the part files.
        return [future.result() for future in as_completed(futures)]


def extract_corpus(
    corpus: str | Path,
    out: Path,
    *,
    gazetteer: Path,
    use_cache: bool = True,
    workers: int | None = None,
    scheduler: str | None = None,
    published_from: Path | None = None,
    partition_bytes: int = PARTITION_BYTES,
    connect_timeout: float = 10.0,
    start_method: str | None = None,
) -> CorpusResult:
    """Extract places and candidate claims from every article of ``corpus`` into Parquet under ``out``.

    Parameters
    ----------
    corpus
        A folder (read recursively) or a glob (``articles/**/*.txt``).
    out
        The output folder (see the module's layout). A previous output there is replaced; any other
        existing path is refused.
    gazetteer
        The curated gazetteer file (``data/gazetteer.csv``), loaded with :func:`geo.extract.load_geoparser`
        once per process.
    use_cache
        Use the matcher cache (see :func:`geo.extract.load_geoparser`).
    workers
        Run on this many local worker processes, through Dask's process scheduler (a
        ``distributed`` cluster of the same size costs seconds more to start: see the README).
    scheduler
        Address of an existing Dask scheduler (``tcp://host:port``) to run on instead.
    published_from
        A manifest CSV (``file,published,url``); articles it does not list use the date their text states.
    partition_bytes
        Target size of a partition (see :data:`PARTITION_BYTES`); the output depends on it, not on
        the number of workers.
    connect_timeout
        Seconds to wait for ``scheduler`` to answer.
    start_method
        How the ``workers`` start: ``"fork"`` or ``"spawn"``; by default fork where it is safe
        (see :func:`choose_start_method`). Spawned workers import the calling script again, so a script
        must then call this under ``if __name__ == "__main__":``.

    Raises
    ------
    ValueError
        For both ``workers`` and ``scheduler``, ``workers`` below 1, or an unknown ``start_method``.
    GeoError
        For a corpus with no files, an unusable manifest or output path, or an unreachable scheduler.
    """
    if workers is not None and scheduler is not None:
        raise ValueError("give either --workers or --scheduler, not both.")
    if workers is not None and workers < 1:
        raise ValueError("--workers must be at least 1.")
    out = Path(out).resolve()
    if out.exists() and not (out.is_dir() and (out / MARKER).is_file()):
        raise GeoError(
            f"{display_path(out)} exists and is not the output of a corpus run: give a new folder or remove it."
        )
    manifest = read_manifest(published_from) if published_from is not None else None
    root, files = list_corpus(corpus)
    parts = partitions(_articles(root, files, manifest), partition_bytes)
    gazetteer_path = str(Path(gazetteer).resolve())
    method = choose_start_method(start_method) if workers is not None else ""
    # Spawned workers start (and import the extraction) while this process loads the parser.
    pool = _start_pool(workers, method) if workers is not None and method == "spawn" else None
    try:
        # Load the parser here first: a bad gazetteer stops the run with its own message before any
        # worker starts, and spawned workers then find the compiled matcher in the cache.
        if scheduler is None and method != "spawn":
            # Kept in this process: serially it does the work, and forked workers inherit it.
            geoparser_for(gazetteer_path, use_cache=use_cache)
        else:
            load_geoparser(Path(gazetteer_path), use_cache=use_cache)
        if workers is not None:
            # pyarrow imports pandas as it builds its first array from Python objects (0.26 s).
            # Done now, forked workers inherit it rather than each paying it, and this process
            # does not pay it after the last task (while spawned workers are still starting).
            pa.array([], type=pa.string())
            if method == "fork":
                pool = _start_pool(workers, method)

        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
        for name in DATASETS:
            (tmp / name).mkdir(parents=True)
        try:
            if pool is not None:
                results = _run_local(parts, gazetteer_path, use_cache, tmp, pool=pool, method=method)
            elif scheduler is not None:
                results = _run_dask(parts, gazetteer_path, use_cache, tmp, scheduler, connect_timeout=connect_timeout)
            else:
                results = list(_run_serial(parts, gazetteer_path, use_cache, tmp))
            results.sort(key=lambda r: r["index"])
            errors = sorted(e for r in results for e in r["errors"])
            table = pa.Table.from_pylist([{"file": f, "reason": r} for f, r in errors], schema=SCHEMAS["errors"])
            pq.write_table(table, tmp / "errors.parquet")
            result = CorpusResult(
                out,
                articles=sum(r["articles"] for r in results),
                mentions=sum(r["mentions"] for r in results),
                claims=sum(r["claims"] for r in results),
                partitions=len(parts),
                errors=errors,
            )
            summary = {
                "corpus": str(corpus),
                "files": len(files),
                "articles": result.articles,
                "mentions": result.mentions,
                "claims": result.claims,
                "errors": len(errors),
                "partitions": len(parts),
                "partition_bytes": partition_bytes,
            }
            (tmp / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
            _replace_dir(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; a previous ``target`` is moved aside first and removed after.

    A folder cannot be replaced in one rename; readers see the old output or the new one, and only for
    the instant between the two renames neither.
    """
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_table(out: Path, name: str) -> pd.DataFrame:
    """Read one table of a corpus run back, in its documented order (``articles``, ``mentions``, …)."""
    path = Path(out) / (f"{name}.parquet" if name == "errors" else name)
    return pq.read_table(path, schema=SCHEMAS[name]).to_pandas()
