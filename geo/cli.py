"""The ``geo`` command: a thin layer over the library.

Each command parses its options, calls one library function and turns
library errors into clean messages (exit code 1 for bad data, 2 for bad
usage). No command prints a traceback for bad input.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from geo import dataset as _dataset
from geo._errors import DataError, GeoError
from geo._records import records
from geo.schema import CLAIMS, PLACES


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
    return _dataset.load(ctx.obj["data"], ctx.obj["seeds"], validate=validate)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


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
@click.version_option(package_name="geo")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, seeds_dir: Path) -> None:
    """Sourced, time-aware maps of reported military movements."""
    ctx.obj = {"data": data_dir, "seeds": seeds_dir}


@cli.command()
@click.pass_context
@_fail_cleanly
def validate(ctx: click.Context) -> None:
    """Check every file in the data folder; exit 1 and list problems if any."""
    data = _load(ctx)
    click.echo(f"ok: {len(data.sources)} sources, {len(data.places)} places, {len(data.claims)} claims.")


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
@click.option(
    "--out",
    "out_dir",
    default="maps",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write the maps and exports into.",
)
@click.pass_context
@_fail_cleanly
def build(ctx: click.Context, out_dir: Path) -> None:
    """Build every map and export from the data into the output folder."""
    from geo.build import build_all

    data = _load(ctx)
    for path in build_all(data, out_dir):
        click.echo(f"wrote {path}")


def main() -> None:
    """Entry point of the ``geo`` command."""
    cli(prog_name="geo")
