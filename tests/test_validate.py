"""One test per kind of bad input: each checks the file, line, record, field and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import geo
from tests.conftest import EditCell, line_of


def problems(project: Path) -> list[str]:
    """Load the copied data and return the problem messages (none means valid)."""
    try:
        geo.load(project / "data", project / "seeds")
    except geo.DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def only_problem(project: Path) -> str:
    found = problems(project)
    assert len(found) == 1, found
    return found[0]


def test_real_data_is_valid(project: Path) -> None:
    assert problems(project) == []


def test_quote_not_in_source(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "quote", "Russia left Syria entirely.")
    line = line_of(project / "data/claims.csv", "c000-01")
    assert only_problem(project) == (
        f"data/claims.csv:{line}: [c000-01, field 'quote'] the quote is not verbatim in "
        "seeds/000_e8487d99976ac072.txt. Fix: copy the words exactly from the article "
        "(same spelling, case and punctuation)."
    )


def test_a_claims_actor_must_be_in_the_actors_table(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "actor", "Rusia")
    line = line_of(project / "data/claims.csv", "c000-01")
    assert only_problem(project) == (
        f"data/claims.csv:{line}: [c000-01, field 'actor'] unknown actor 'Rusia'. "
        "Fix: use an actor's name from data/actors.csv, or add the actor there."
    )


def test_a_data_set_without_an_actors_table_is_valid(project: Path) -> None:
    """Only extraction needs actors.csv; the maps and exports of a hand-made data set do not."""
    (project / "data/actors.csv").unlink()
    assert problems(project) == []


def test_a_broken_actors_table_is_named(project: Path, edit_cell: EditCell) -> None:
    edit_cell("actors.csv", "russia", "tracked", "perhaps")
    assert only_problem(project).startswith("data/actors.csv:2: [russia, field 'tracked']")


def test_publication_quote_not_in_source(project: Path, edit_cell: EditCell) -> None:
    edit_cell("sources.csv", "s002", "published_quote", "On December 14, 2024, reports emerged")
    message = only_problem(project)
    assert message.startswith("data/sources.csv:4: [s002, field 'published_quote'] the quote is not verbatim")


def test_unknown_place_id(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c001-03", "destination", "moskow")
    line = line_of(project / "data/claims.csv", "c001-03")
    assert only_problem(project) == (
        f"data/claims.csv:{line}: [c001-03, field 'destination'] unknown place 'moskow'. "
        "Fix: use a place_id from data/gazetteer.csv or add the place."
    )


def test_unknown_place_in_list(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-03", "places", "hmeimim_air_base; tartous")
    assert "[c000-03, field 'places'] unknown place 'tartous'." in only_problem(project)


def test_javascript_url_is_refused(project: Path, edit_cell: EditCell) -> None:
    edit_cell("sources.csv", "s001", "url", "javascript:alert(1)")
    line = line_of(project / "data/sources.csv", "s001")
    assert only_problem(project) == (
        f"data/sources.csv:{line}: [s001, field 'url'] 'javascript:alert(1)' uses the scheme 'javascript:'; "
        "only http:// and https:// are allowed. Fix: give the page's full address, starting with https:// "
        "(or http://), or leave the cell empty."
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("data:text/html,<b>x</b>", "'data:text/html,<b>x</b>' uses the scheme 'data:'"),
        ("ftp://example.org/a.txt", "'ftp://example.org/a.txt' uses the scheme 'ftp:'"),
        ("file:///etc/passwd", "'file:///etc/passwd' uses the scheme 'file:'"),
        ("/2024/12/16/article", "'/2024/12/16/article' is not an absolute address"),
        ("example.org/article", "'example.org/article' is not an absolute address"),
        ("https:///article", "'https:///article' names no host."),
        ("http:example.org", "'http:example.org' names no host."),
        ("https://example.org/an article", "'https://example.org/an article' contains white space or control"),
        ("https://example.org/\x07", "'https://example.org/\\x07' contains white space or control characters."),
        ("https://example.org/a\nb", "'https://example.org/a\\nb' contains white space or control characters."),
        ("https://example.org:99999/", "'https://example.org:99999/' is not a well-formed address"),
    ],
)
@pytest.mark.parametrize("field", ["url", "archive_url"])
def test_bad_url_is_refused(project: Path, edit_cell: EditCell, field: str, value: str, reason: str) -> None:
    edit_cell("sources.csv", "s003", field, value)
    line = line_of(project / "data/sources.csv", "s003")
    message = only_problem(project)
    assert message.startswith(f"data/sources.csv:{line}: [s003, field '{field}'] {reason}")
    assert message.endswith(
        "Fix: give the page's full address, starting with https:// (or http://), or leave the cell empty."
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "https://example.org/2024/12/16/article?id=7#top",
        "http://example.org",
        "HTTPS://Example.org/a",
        "https://web.archive.org/web/20241216000000/https://example.org/article",
        "https://example.org:8443/%D8%B3",
    ],
)
def test_good_url_is_accepted(project: Path, edit_cell: EditCell, value: str) -> None:
    edit_cell("sources.csv", "s003", "url", value)
    edit_cell("sources.csv", "s003", "archive_url", value)
    assert problems(project) == []


def test_unknown_source_id(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "source_id", "s999")
    assert "[c000-01, field 'source_id'] unknown source 's999'." in only_problem(project)


def test_lat_lon_swapped(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "t4_air_base", "lat", "37.629722")
    edit_cell("gazetteer.csv", "t4_air_base", "lon", "34.5225")
    line = line_of(project / "data/gazetteer.csv", "t4_air_base")
    assert only_problem(project) == (
        f"data/gazetteer.csv:{line}: [t4_air_base, field 'lat'] (37.629722, 34.5225) lies outside Syria, "
        "but swapped it lies inside. Fix: lat and lon look swapped: exchange them."
    )


def test_point_in_the_wrong_country(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "lat", "31.95")  # Amman, Jordan
    edit_cell("gazetteer.csv", "damascus", "lon", "35.93")
    assert "[damascus, field 'lat'] (31.95, 35.93) lies outside Syria." in only_problem(project)


def test_latitude_out_of_range(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "lat", "133.5")
    assert "[damascus, field 'lat'] latitude 133.5 is out of range. Fix: give a latitude between -90 and 90." in (
        only_problem(project)
    )


def test_longitude_out_of_range(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "lon", "-236.3")
    assert "[damascus, field 'lon'] longitude -236.3 is out of range." in only_problem(project)


def test_coordinate_not_a_number(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "lon", "36°17′31″E")
    assert "[damascus, field 'lon'] '36°17′31″E' is not a decimal number such as 35.4." in only_problem(project)


@pytest.mark.parametrize("value", ["123", "q123", "Q0123", "Q", "Q12a", "Q-5"])
def test_bad_wikidata_qid(project: Path, edit_cell: EditCell, value: str) -> None:
    edit_cell("gazetteer.csv", "damascus", "wikidata", value)
    line = line_of(project / "data/gazetteer.csv", "damascus")
    assert only_problem(project) == (
        f"data/gazetteer.csv:{line}: [damascus, field 'wikidata'] '{value}' is not a Wikidata QID. "
        "Fix: write the item's id as shown on its Wikidata page, such as Q1234, or leave the cell empty."
    )


@pytest.mark.parametrize("value", ["0", "-170654", "0170654", "170654.0", "Q3766", "geonames:170654"])
def test_bad_geonames_id(project: Path, edit_cell: EditCell, value: str) -> None:
    edit_cell("gazetteer.csv", "damascus", "geonames_id", value)
    line = line_of(project / "data/gazetteer.csv", "damascus")
    assert only_problem(project) == (
        f"data/gazetteer.csv:{line}: [damascus, field 'geonames_id'] '{value}' is not a GeoNames id "
        "(a positive whole number). Fix: write the number of the place's GeoNames page "
        "(geonames.org/NUMBER), or leave the cell empty."
    )


def test_blank_identifiers_are_allowed(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "wikidata", "")
    edit_cell("gazetteer.csv", "damascus", "geonames_id", "")
    assert problems(project) == []


def test_a_bad_identifier_does_not_hide_a_bad_coordinate(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "wikidata", "Q0")
    edit_cell("gazetteer.csv", "damascus", "lat", "31.95")  # Amman, Jordan
    edit_cell("gazetteer.csv", "damascus", "lon", "35.93")
    found = problems(project)
    assert len(found) == 2, found
    assert "field 'lat'" in found[0] and "field 'wikidata'" in found[1]


def test_unknown_country(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "country", "Syrie")
    assert "[damascus, field 'country'] 'Syrie' is not a Natural Earth country name." in only_problem(project)


def test_bad_date(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "start", "2024-12-32")
    line = line_of(project / "data/claims.csv", "c000-01")
    assert only_problem(project) == (
        f"data/claims.csv:{line}: [c000-01, field 'start'] '2024-12-32' is not an ISO date YYYY-MM-DD, "
        "or empty for an open end. Fix: correct the value."
    )


def test_start_after_end(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c001-06", "start", "2024-12-16")
    assert "[c001-06, field 'end'] end 2024-12-15 is before start 2024-12-16." in only_problem(project)


def test_event_after_publication_needs_future_modality(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "start", "2024-12-20")
    edit_cell("claims.csv", "c000-01", "end", "2024-12-20")
    assert (
        "[c000-01, field 'start'] starts 2024-12-20, after its source was published (2024-12-15), "
        "but its modality is 'occurred'."
    ) in only_problem(project)


def test_planned_event_may_follow_publication(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "start", "2024-12-20")
    edit_cell("claims.csv", "c000-01", "end", "2024-12-20")
    edit_cell("claims.csv", "c000-01", "modality", "planned")
    assert problems(project) == []


def test_open_interval_needs_open_precision(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "end", "")
    assert "[c000-01, field 'time_precision'] an interval with an empty start or end" in only_problem(project)


def test_value_outside_vocabulary(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "action", "flee")
    assert "[c000-01, field 'action'] 'flee' is not one of withdraw, depart" in only_problem(project)


def test_duplicate_id(project: Path) -> None:
    path = project / "data/claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = line_of(path, "c000-02")
    lines.append(lines[first - 1])
    path.write_text("".join(lines), encoding="utf-8")
    assert only_problem(project) == (
        f"data/claims.csv:{len(lines)}: [c000-02, field 'claim_id'] duplicate claim_id 'c000-02' "
        f"(first on line {first}). Fix: give every record its own id."
    )


def test_empty_file(project: Path) -> None:
    (project / "data/sources.csv").write_text("", encoding="utf-8")
    message = only_problem(project)
    assert message.startswith("data/sources.csv: the file is empty. Fix: it needs a header row: source_id,seed_file,")


def test_header_only(project: Path) -> None:
    """A table with its header and no records yet is valid: a new project starts so (geo init)."""
    path = project / "data/claims.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert problems(project) == []


def test_non_utf8_file(project: Path) -> None:
    path = project / "data/gazetteer.csv"
    text = path.read_text(encoding="utf-8").replace("Latakia Air Base", "Lattaquié Air Base")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    message = only_problem(project)
    assert message.startswith("data/gazetteer.csv:2: not valid UTF-8 (byte 0x")
    assert message.endswith("Fix: save the file as UTF-8.")


def test_binary_file(project: Path) -> None:
    (project / "data/sources.csv").write_bytes(b"source_id\x00\x01\x02")
    assert "contains NUL bytes; it looks binary." in only_problem(project)


def test_missing_column(project: Path) -> None:
    path = project / "data/claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",modality,", ",mode,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(project)
    assert found[0] == "data/claims.csv:1: [field 'modality'] missing column 'modality'. Fix: add it to the header row."
    assert found[1].startswith("data/claims.csv:1: [field 'mode'] unknown column 'mode'.")


def test_missing_required_value(project: Path, edit_cell: EditCell) -> None:
    edit_cell("gazetteer.csv", "damascus", "coord_source", "")
    assert "[damascus, field 'coord_source'] is empty. Fix: give a value: Address of the canonical page" in (
        only_problem(project)
    )


def test_wrong_number_of_cells(project: Path) -> None:
    path = project / "data/sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + "s999,x.txt,unquoted, comma\n", encoding="utf-8")
    assert "has 4 cells, the header has 11. Fix: quote cells that contain commas" in only_problem(project)


def test_missing_seed_file(project: Path) -> None:
    (project / "seeds/003_dcb91dcee79e9b93.txt").unlink()
    assert only_problem(project) == (
        "data/sources.csv:5: [s003, field 'seed_file'] seed file seeds/003_dcb91dcee79e9b93.txt not found. "
        "Fix: copy the article into seeds/ or correct seed_file."
    )


def test_every_problem_is_reported_not_just_the_first(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c000-01", "quote", "not in the text")
    edit_cell("claims.csv", "c004-01", "origin", "nowhere")
    edit_cell("gazetteer.csv", "damascus", "lat", "95")
    assert len(problems(project)) == 3


@pytest.mark.parametrize("file", ["sources.csv", "gazetteer.csv", "claims.csv"])
def test_missing_file(project: Path, file: str) -> None:
    (project / "data" / file).unlink()
    assert only_problem(project) == f"data/{file}: file not found. Fix: check the path or the --data option."


def test_distance_with_unknown_place(project: Path) -> None:
    path = project / "data/distances.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",damascus,", ",damaskus,"), encoding="utf-8")
    assert only_problem(project) == (
        "data/distances.csv:2: [field 'reference'] unknown place 'damaskus'. "
        "Fix: use a place_id from data/gazetteer.csv."
    )


def test_country_areas_are_cached_between_runs_and_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "GEO_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import time, geo.validate as v; t = time.perf_counter(); a = v.country_areas(frozenset({'Syria', 'Russia'})); "
        "print(sorted(a), round(time.perf_counter() - t, 3))"
    )

    def run() -> tuple[str, float]:
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
        names, seconds = out.stdout.rsplit(" ", 1)
        return names, float(seconds)

    cold_names, cold = run()
    warm_names, warm = run()
    assert cold_names == warm_names == "['Russia', 'Syria']"
    assert warm < cold  # read back, not decoded, repaired and buffered again
    entries = list((tmp_path / "cache").rglob("*country-areas*")) or list((tmp_path / "cache").rglob("*"))
    for entry in [e for e in entries if e.is_file()]:
        entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")  # damaged: the checksum fails
    rebuilt_names, _ = run()
    assert rebuilt_names == cold_names
