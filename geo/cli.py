"""The ``geo`` command: a thin layer over the library.

Each command parses its options, calls one library function and turns
library errors into clean messages (exit code 1 for bad data, 2 for bad
usage). No command prints a traceback for bad input.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from geo import DISTRIBUTION
from geo._errors import DataError, GeoError
from geo._io import write_text_atomic
from geo._records import records
from geo.schema import (
    CLAIMS,
    CONTRADICTIONS,
    CORROBORATION,
    DISPUTES,
    DISTANCE_CHECKS,
    KNOWN_STATUS,
    MOVEMENTS,
    PLACES,
    SLICES,
    STATUS,
    TIME_CHECKS,
    Column,
)

if TYPE_CHECKING:
    from geo import dataset as _dataset
    from geo.extract import Geoparser


def _fail_cleanly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into a message on stderr and exit code 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            count = len(exc.problems)
            click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
            raise SystemExit(1) from None
        except GeoError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(1) from None

    return wrapper


def _load(ctx: click.Context, *, validate: bool = True) -> _dataset.Dataset:
    from geo.validate import load  # imported here: it brings geopandas, which geo extract does without

    return load(ctx.obj["data"], ctx.obj["seeds"], validate=validate)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _echo_table(rows: list[dict[str, Any]], fields: list[str]) -> None:
    """Print ``fields`` of ``rows`` as aligned text columns (lists joined with commas)."""

    def cell(value: Any) -> str:
        if value is None:
            return "…"
        if isinstance(value, list):
            return ",".join(str(v) for v in value)
        if isinstance(value, float):
            return f"{value:.1f}"
        return str(value)

    cells = [[cell(row[f]) for f in fields] for row in rows]
    widths = [max([len(f)] + [len(r[i]) for r in cells]) for i, f in enumerate(fields)]
    click.echo("  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _emit(frame: Any, columns: tuple[Column, ...], as_json: bool, fields: list[str]) -> None:
    rows = records(frame, columns)
    if as_json:
        _echo_json(rows)
    else:
        _echo_table(rows, fields)


_freq_option = click.option(
    "--freq", default="W", show_default=True, help="Slice length: D (day), W (ISO week) or M (month)."
)
_since_option = click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day of the window.")
_until_option = click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day of the window.")
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
_reported_by_option = click.option(
    "--reported-by",
    "reported_by",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only claims whose source was published on or before this day (YYYY-MM-DD).",
)


def _slice_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--freq, --since, --until and --json, shared by the commands that slice time."""
    for option in (_json_option, _until_option, _since_option, _freq_option):
        command = option(command)
    return command


def _sliced(ctx: click.Context, freq: str, since: Any, until: Any) -> tuple[_dataset.Dataset, Any]:
    """Load the data and join the claims to places by slice."""
    from geo.slices import slices

    data = _load(ctx)
    return data, _call(slices, data.claims, data.places, freq=freq, start=since, end=until)


@click.group()
@click.option(
    "--data",
    "data_dir",
    default="data",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder with sources.csv, gazetteer.csv, claims.csv.",
)
@click.option(
    "--seeds",
    "seeds_dir",
    default="seeds",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder with the article texts.",
)
@click.version_option(package_name=DISTRIBUTION)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, seeds_dir: Path) -> None:
    """Sourced, time-aware maps of reported military movements."""
    ctx.obj = {"data": data_dir, "seeds": seeds_dir}


@cli.command()
@click.pass_context
@_fail_cleanly
def validate(ctx: click.Context) -> None:
    """Check every file in the data folder; exit 1 and list problems if any.

    Also compares each curated time interval with the automatic resolver and
    lists where they differ (a note for review, not an error).
    """
    from geo.validate import check_reviews, time_agreement

    data = _load(ctx)
    candidates, problems = check_reviews(data)
    if problems:
        raise DataError(problems)
    click.echo(f"ok: {len(data.sources)} sources, {len(data.places)} places, {len(data.claims)} claims.")
    if candidates:
        click.echo(
            f"review: {candidates} candidate claims in {data.data_dir / 'review'} wait for a person to accept them."
        )
    table = time_agreement(data)
    counts = {v: int((table["verdict"] == v).sum()) for v in ("agree", "differ", "unresolved")}
    click.echo(
        f"time phrases: {counts['agree']} agree with the resolver, {counts['differ']} differ, "
        f"{counts['unresolved']} not resolvable automatically (curated values kept)."
    )
    for row in records(table[table["verdict"] == "differ"], TIME_CHECKS):
        curated = f"{row['start'] or '…'}..{row['end'] or '…'}"
        resolved = f"{row['resolved_start'] or '…'}..{row['resolved_end'] or '…'}"
        phrase = f"{row['claim_id']} '{row['time_text']}'"
        click.echo(f"  differ: {phrase}: curated {curated}, resolver {resolved} ({row['rule']})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@_fail_cleanly
def places(ctx: click.Context, as_json: bool) -> None:
    """List the gazetteer."""
    data = _load(ctx)
    rows = records(data.places, PLACES, {"coord_source": "source"})
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['place_id']:<28} {row['kind']:<18} {row['lat']:>9.4f} {row['lon']:>9.4f}"
            f"  p{row['precision']}  {row['name']}"
        )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@_fail_cleanly
def claims(ctx: click.Context, as_json: bool) -> None:
    """List the claims."""
    data = _load(ctx)
    rows = records(data.claims, CLAIMS)
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        where = row["origin"] or ",".join(row["places"])
        if row["destination"]:
            where += f" -> {row['destination']}"
        span = f"{row['start'] or '…'}..{row['end'] or '…'}"
        click.echo(f"{row['claim_id']:<9} {row['action']:<10} {span:<22} {row['modality']:<9} {where}")


@cli.command()
@_json_option
@click.pass_context
@_fail_cleanly
def times(ctx: click.Context, as_json: bool) -> None:
    """Each claim's curated interval against the automatic time resolver."""
    from geo.validate import time_agreement

    data = _load(ctx)
    fields = ["claim_id", "time_text", "anchor", "start", "end", "resolved_start", "resolved_end", "verdict"]
    _emit(time_agreement(data), TIME_CHECKS, as_json, fields)


@cli.command("slices")
@_slice_options
@click.pass_context
@_fail_cleanly
def slices_command(ctx: click.Context, freq: str, since: Any, until: Any, as_json: bool) -> None:
    """Claims joined to places by time slice: one row per (slice, claim, place, role)."""
    _, table = _sliced(ctx, freq, since, until)
    _emit(table, SLICES, as_json, ["slice", "claim_id", "place_id", "role", "action", "modality", "start", "end"])


@cli.command()
@_slice_options
@click.option(
    "--last-known", is_flag=True, help="Carry each place's last reported state through the slices with no report."
)
@_reported_by_option
@click.pass_context
@_fail_cleanly
def status(
    ctx: click.Context, freq: str, since: Any, until: Any, as_json: bool, last_known: bool, reported_by: Any
) -> None:
    """Each place's state in each slice, with the claims behind it (or its last known state)."""
    from geo.slices import known_states, place_status

    if last_known:
        data = _load(ctx)
        table = _call(
            known_states,
            data.claims,
            data.places,
            freq=freq,
            start=since,
            end=until,
            reported_by=reported_by,
            sources=data.sources,
        )
        _emit(table, KNOWN_STATUS, as_json, ["slice", "place_id", "state", "reported", "carried"])
        return
    data, sliced = _sliced(ctx, freq, since, until)
    table = place_status(sliced, data.claims, data.places, reported_by=reported_by, sources=data.sources)
    _emit(table, STATUS, as_json, ["slice", "place_id", "state", "claim_ids"])


@cli.command()
@_json_option
@click.pass_context
@_fail_cleanly
def contradictions(ctx: click.Context, as_json: bool) -> None:
    """Pairs of claims that disagree about the same place and time, with both quotes."""
    from geo.evidence import contradictions as find

    data = _load(ctx)
    rows = records(find(data.claims), CONTRADICTIONS)
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        span = f"{row['overlap_start'] or '…'}..{row['overlap_end'] or '…'}"
        click.echo(f"{row['place_id']}  {span}")
        click.echo(f'  {row["claim_a"]} ({row["source_a"]}, {row["action_a"]}): "{row["quote_a"]}"')
        click.echo(f'  {row["claim_b"]} ({row["source_b"]}, {row["action_b"]}): "{row["quote_b"]}"')
    click.echo(f"{len(rows)} contradicting pairs.")


@cli.command()
@_json_option
@_reported_by_option
@click.pass_context
@_fail_cleanly
def disputes(ctx: click.Context, as_json: bool, reported_by: Any) -> None:
    """One row per place and window of days in which a full withdrawal and a retained presence are both reported."""
    from geo.disputes import dispute_records
    from geo.disputes import disputes as group

    data = _load(ctx)
    table = group(data.claims, data.sources, reported_by=reported_by)
    if as_json:
        _echo_json(dispute_records(table))
        return
    rows = records(table, DISPUTES)
    for row in rows:
        row["leaving"], row["staying"] = len(row["leaving_claims"]), len(row["staying_claims"])
    sides = [f"{stance}{suffix}" for stance in ("leaving", "staying") for suffix in ("", "_independent", "_claims")]
    _echo_table(rows, ["place_id", "start", "end", *sides, "pairs"])
    click.echo(f"{len(rows)} disputes, {sum(r['pairs'] for r in rows)} contradicting pairs.")


@cli.command()
@_slice_options
@click.pass_context
@_fail_cleanly
def corroboration(ctx: click.Context, freq: str, since: Any, until: Any, as_json: bool) -> None:
    """Claims, articles and independent sources behind each (slice, place, action)."""
    from geo.evidence import corroboration as count

    data, sliced = _sliced(ctx, freq, since, until)
    fields = ["slice", "place_id", "action", "claims", "sources", "independent_sources", "claim_ids"]
    _emit(count(sliced, data.claims, data.sources), CORROBORATION, as_json, fields)


@cli.command()
@_json_option
@click.pass_context
@_fail_cleanly
def movements(ctx: click.Context, as_json: bool) -> None:
    """Movement lines (with geodesic length), departures and arrivals."""
    from geo.movements import movements as build

    data = _load(ctx)
    fields = ["claim_id", "kind", "action", "origin", "destination", "length_km", "start", "end", "dashed"]
    _emit(build(data.claims, data.places), MOVEMENTS, as_json, fields)


@cli.command()
@_json_option
@click.pass_context
@_fail_cleanly
def distances(ctx: click.Context, as_json: bool) -> None:
    """Distances the articles state, checked against the gazetteer."""
    from geo.movements import check_distances

    data = _load(ctx)
    fields = [
        "source_id",
        "place_id",
        "reference",
        "stated_km",
        "direction",
        "geodesic_km",
        "bearing_deg",
        "consistent",
    ]
    _emit(check_distances(data.distances, data.places), DISTANCE_CHECKS, as_json, fields)


@cli.command("map")
@_freq_option
@_since_option
@_until_option
@click.option("--action", "actions", multiple=True, help="Keep claims with this action (repeatable).")
@click.option("--source", "sources", multiple=True, help="Keep claims from this source_id (repeatable).")
@click.option("--place", "places", multiple=True, help="Keep claims touching this place_id (repeatable).")
@click.option("--title", default="Reported military movements", show_default=True, help="The map's title.")
@_reported_by_option
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.pass_context
@_fail_cleanly
def map_command(
    ctx: click.Context,
    freq: str,
    since: Any,
    until: Any,
    actions: tuple[str, ...],
    sources: tuple[str, ...],
    places: tuple[str, ...],
    title: str,
    reported_by: Any,
    out: Path,
) -> None:
    """Write a filtered interactive map (self-contained, works offline)."""
    from geo.render import build_map

    data = _load(ctx)
    m = _call(
        build_map,
        data,
        freq=freq,
        since=since,
        until=until,
        actions=actions,
        sources=sources,
        places=places,
        title=title,
        reported_by=reported_by,
    )
    m.save(out)
    click.echo(f"wrote {out} ({m.payload['summary']})")


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["geojson", "gpkg", "csv"]), required=True, help="File format.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="A folder, or a file (.geojson/.csv: one per table beside it; .gpkg: one layer per table).",
)
@click.option(
    "--table",
    "names",
    multiple=True,
    type=click.Choice(["places", "areas", "claims", "movements", "slices"]),
    help="Export only this table (repeatable).",
)
@_freq_option
@_reported_by_option
@click.pass_context
@_fail_cleanly
def export_command(
    ctx: click.Context, fmt: str, out: Path, names: tuple[str, ...], freq: str, reported_by: Any
) -> None:
    """Export places, areas, claims, movements and slices for GIS tools (QGIS)."""
    from geo.export import export

    data = _load(ctx)
    for path in _call(export, data, fmt=fmt, out=out, names=names or None, freq=freq, reported_by=reported_by):
        click.echo(f"wrote {path}")


def _corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = (
        click.option("--corpus", help="Corpus mode: a folder of articles (read recursively) or a quoted glob."),
        click.option("--out", type=click.Path(path_type=Path), help="Corpus mode: the folder to write Parquet to."),
        click.option(
            "--workers", type=click.IntRange(min=1), help="Corpus mode: run on N local worker processes (Dask)."
        ),
        click.option(
            "--start-method",
            type=click.Choice(["fork", "spawn"]),
            help="Corpus mode: how the --workers start (default: fork on Linux, sharing the loaded place matcher).",
        ),
        click.option("--scheduler", help="Corpus mode: run on an existing Dask scheduler (tcp://host:port)."),
        click.option(
            "--published-from",
            type=click.Path(path_type=Path),
            help="Corpus mode: a CSV of file,published,url; otherwise the date each text states.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _extract_corpus(
    ctx: click.Context,
    articles: tuple[Path, ...],
    published: Any,
    as_json: bool,
    *,
    jsonl: bool,
    no_cache: bool,
    corpus: str | None,
    out: Path | None,
    workers: int | None,
    start_method: str | None,
    scheduler: str | None,
    published_from: Path | None,
) -> None:
    """``geo extract --corpus``: check the options, then :func:`geo.corpus.extract_corpus`."""
    from geo.corpus import extract_corpus
    from geo.schema import PLACES_FILE

    if corpus is None:
        raise click.UsageError("give one or more articles, or --corpus DIR_OR_GLOB --out PATH.")
    if articles or published or as_json or jsonl:
        raise click.UsageError(
            "--corpus takes no article arguments, --published, --json or --jsonl; see geo extract --help."
        )
    if out is None:
        raise click.UsageError("--corpus needs --out PATH: the folder to write the Parquet datasets to.")
    if start_method is not None and workers is None:
        raise click.UsageError("--start-method is how local --workers start: give --workers N with it.")
    result = _call(
        extract_corpus,
        corpus,
        out,
        gazetteer=Path(ctx.obj["data"]) / PLACES_FILE,
        use_cache=not no_cache,
        workers=workers,
        scheduler=scheduler,
        published_from=published_from,
        start_method=start_method,
    )
    click.echo(
        f"wrote {result.out}: {result.articles} articles, {result.mentions} mentions, {result.claims} claims "
        f"in {result.partitions} partitions; {len(result.errors)} articles left out (errors.parquet)"
    )
    for file, reason in result.errors[:10]:
        click.echo(f"left out {file}: {reason}", err=True)
    if len(result.errors) > 10:
        click.echo(f"… and {len(result.errors) - 10} more in {result.out / 'errors.parquet'}", err=True)


@cli.command("extract")
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="Publication date (anchor of relative times).")
@_json_option
@click.option("--jsonl", is_flag=True, help="Print one JSON object a line, per article (per chunk of a large file).")
@click.option("--no-cache", is_flag=True, help="Build the place matcher afresh instead of reading the cache.")
@_corpus_options
@click.pass_context
@_fail_cleanly
def extract_command(
    ctx: click.Context,
    articles: tuple[Path, ...],
    published: Any,
    as_json: bool,
    jsonl: bool = False,
    no_cache: bool = False,
    **corpus: Any,
) -> None:
    """Find places and times in articles and propose candidate claims (or, with --corpus, a whole corpus)."""
    if corpus["corpus"] is not None or not articles:
        _extract_corpus(ctx, articles, published, as_json, jsonl=jsonl, no_cache=no_cache, **corpus)
        return
    from geo.articles import LARGE_FILE_BYTES
    from geo.extract import extract_file, load_geoparser
    from geo.schema import PLACES_FILE

    parser = load_geoparser(Path(ctx.obj["data"]) / PLACES_FILE, use_cache=not no_cache)
    results = []
    anchor = published.date() if published else None
    if jsonl:
        _extract_jsonl(parser, articles, anchor)
        return
    for i, path in enumerate(articles, start=1):
        if not (path.is_file() and path.stat().st_size >= LARGE_FILE_BYTES):
            results.append(extract_file(path, geoparser=parser, published=anchor, source_id=f"new{i}"))
            continue
        with click.progressbar(length=path.stat().st_size, label=f"reading {path.name}", file=sys.stderr) as bar:

            def advance(done: int, _size: int, bar: Any = bar) -> None:
                bar.update(done - bar.pos)

            results.append(
                extract_file(path, geoparser=parser, published=anchor, source_id=f"new{i}", progress=advance)
            )
    if as_json:
        out = [r.to_json() for r in results]
        _echo_json(out[0] if len(out) == 1 else out)
        return
    for result in results:
        click.echo(
            f"{result.source['file']} (published {result.source['published']}, {result.source['published_basis']})"
        )
        for m in result.mentions:
            click.echo(f"  place {m.start}-{m.end} {m.surface!r} -> {m.place_id} ({m.resolved_by}, {m.confidence:.2f})")
        for u in result.unresolved:
            best = ", ".join(f"{c} {n!r} {p:.2f}" for c, n, p in zip(u.candidates, u.names, u.confidences, strict=True))
            click.echo(f"  unresolved {u.start}-{u.end} {u.surface!r}: {best} ({' '.join(u.signals)})")
        for c in result.claims:
            where = c.origin or ",".join(c.places)
            if c.destination:
                where += f" -> {c.destination}"
            click.echo(f"  claim {c.claim_id} {c.action} {c.modality} {c.start or '…'}..{c.end or '…'} {where}")


def _extract_jsonl(parser: Geoparser, articles: tuple[Path, ...], anchor: Any) -> None:
    """Write each article's extraction (each chunk's, for a large file) as one JSON line, flushed as it goes."""
    from geo.articles import LARGE_FILE_BYTES
    from geo.extract import iter_extract_file

    for i, path in enumerate(articles, start=1):
        with contextlib.ExitStack() as stack:
            advance = None
            if path.is_file() and path.stat().st_size >= LARGE_FILE_BYTES:
                label = f"reading {path.name}"
                bar = stack.enter_context(click.progressbar(length=path.stat().st_size, label=label, file=sys.stderr))

                def advance(done: int, _size: int, bar: Any = bar) -> None:
                    bar.update(done - bar.pos)

            parts = iter_extract_file(path, geoparser=parser, published=anchor, source_id=f"new{i}", progress=advance)
            for part in parts:
                # A line a part, flushed, so a reader downstream sees each article as soon as it is done.
                sys.stdout.write(json.dumps(part.to_json(), ensure_ascii=False) + "\n")
                sys.stdout.flush()


@cli.command("add")
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), required=True, help="Publication date.")
@click.option("--publisher", default="", help="Publisher, if known.")
@click.option("--url", default="", help="The article's address (http:// or https://), if known.")
@click.option("--archive-url", default="", help="Address of an archived copy (http:// or https://), if known.")
@click.pass_context
@_fail_cleanly
def add_command(ctx: click.Context, article: Path, published: Any, publisher: str, url: str, archive_url: str) -> None:
    """Add an article: copy it into seeds/, record its source, write candidate claims for review."""
    from geo.review import add

    added = add(
        ctx.obj["data"],
        ctx.obj["seeds"],
        article,
        published=published.date(),
        publisher=publisher,
        url=url,
        archive_url=archive_url,
    )
    click.echo(f"added {added.source_id}: {added.seed}")
    click.echo(f"wrote {len(added.candidates)} candidate claims to {added.review}")
    click.echo(f"review them: geo review {added.source_id} (or geo accept / geo reject {added.source_id} CLAIM_ID...)")


@cli.command("accept")
@click.argument("source_id")
@click.argument("claim_ids", nargs=-1, required=True)
@click.pass_context
@_fail_cleanly
def accept_command(ctx: click.Context, source_id: str, claim_ids: tuple[str, ...]) -> None:
    """Accept candidates of SOURCE_ID: append them to data/claims.csv under the next free ids.

    Example: geo accept s005 s005-x01 s005-x03
    """
    from geo.curate import accept, review_path

    for done in accept(ctx.obj["data"], ctx.obj["seeds"], source_id, list(claim_ids)):
        click.echo(f"accepted {done.candidate_id} as {done.claim_id}")
    _echo_left(review_path(ctx.obj["data"], source_id))


@cli.command("reject")
@click.argument("source_id")
@click.argument("claim_ids", nargs=-1, required=True)
@click.pass_context
@_fail_cleanly
def reject_command(ctx: click.Context, source_id: str, claim_ids: tuple[str, ...]) -> None:
    """Reject candidates of SOURCE_ID: record them in data/rejected.csv so they are not proposed again.

    Example: geo reject s005 s005-x02
    """
    from geo.curate import reject, review_path

    for candidate_id in reject(ctx.obj["data"], ctx.obj["seeds"], source_id, list(claim_ids)):
        click.echo(f"rejected {candidate_id}")
    _echo_left(review_path(ctx.obj["data"], source_id))


def _echo_left(path: Path) -> None:
    from geo.curate import candidates

    left = len(candidates(path.parent.parent, path.stem))
    click.echo(f"{left} candidate{'s' if left != 1 else ''} left in {path}")


@cli.command("review")
@click.argument("source_id", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-open", is_flag=True, help="Do not open a browser; print the address only.")
@click.pass_context
@_fail_cleanly
def review_command(ctx: click.Context, source_id: str | None, port: int, no_open: bool) -> None:
    """Review candidate claims in a local web page (127.0.0.1 only; Ctrl-C stops it).

    Without SOURCE_ID the page lists the sources with candidates waiting.
    Example: geo review s005 --port 8765
    """
    from geo.webreview import serve

    serve(ctx.obj["data"], ctx.obj["seeds"], source_id=source_id, port=port, open_browser=not no_open)


@cli.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--example", is_flag=True, help="Copy the example data set (data/ and seeds/) that geo comes with.")
@_fail_cleanly
def init_command(folder: Path, example: bool) -> None:
    """Start a new project in FOLDER: data/ with each table's header, an empty seeds/, a README.

    Example: geo init niger-2023 && geo --data niger-2023/data --seeds niger-2023/seeds validate
    """
    from geo.project import init_project

    for path in init_project(folder, example=example):
        click.echo(f"wrote {path}")
    click.echo(f"next: geo --data {folder / 'data'} --seeds {folder / 'seeds'} validate")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of printing.")
@_fail_cleanly
def dictionary(out: Path | None) -> None:
    """Print the data dictionary (Markdown), generated from the schemas."""
    from geo.dictionary import data_dictionary

    text = data_dictionary()
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(out, text)
        click.echo(f"wrote {out}")


@cli.command()
@click.option(
    "--out",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write the maps and exports into.",
)
@_freq_option
@_since_option
@_until_option
@click.pass_context
@_fail_cleanly
def build(ctx: click.Context, out_dir: Path, freq: str, since: Any, until: Any) -> None:
    """Build every map and export from the data into the output folder (all at once: old set or new, never a mix)."""
    from geo.build import build_all

    data = _load(ctx)
    for path in _call(build_all, data, out_dir, freq=freq, since=since, until=until):
        click.echo(f"wrote {path}")


def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a library function, turning a ValueError from bad options into a usage error."""
    try:
        return function(*args, **kwargs)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def main() -> None:
    """Entry point of the ``geo`` command."""
    cli(prog_name="geo")
