"""The map's HTML: offline, deterministic, escaped; filters and the `geo map` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest
from click.testing import CliRunner
from shapely.geometry import Point

import geo
from geo.basemap import admin1, clean_admin1_name
from geo.cli import cli
from geo.render import STATE_COLORS, TIMELINE_STRIP_PX, build_map, claim_layer, claim_rows, map_payload
from geo.schema import PLACE_STATES
from geo.slices import EVIDENCE, STATE_RULES, evidence_bit
from tests.conftest import DATA_OPTIONS, ROOT, EditCell


@pytest.fixture(scope="module")
def page(dataset: geo.Dataset) -> str:
    return build_map(dataset).offline_html()


def test_no_script_or_stylesheet_is_fetched(page: str) -> None:
    assert re.findall(r"<script[^>]*\bsrc=", page) == []
    assert re.findall(r"<link[^>]*\bhref=", page) == []
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "unpkg", "bootstrapcdn"):
        assert cdn not in page


def test_leaflet_and_topojson_are_inlined(page: str) -> None:
    assert '"1.9.3"' in page  # Leaflet's version string, from the npm package
    assert "topojson" in page
    assert '<script type="application/json" id="geo-data">' in page
    assert "url(images/" not in page  # CSS images became data: URLs


def test_two_builds_are_byte_identical(dataset: geo.Dataset, page: str) -> None:
    assert build_map(dataset).offline_html() == page
    assert not re.search(r"[0-9a-f]{32}", page.split('id="geo-data"')[0])  # no random element ids


def test_two_cli_builds_in_separate_processes_are_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        command = [sys.executable, "-m", "geo", *DATA_OPTIONS, "build", "--out", str(out)]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        outputs.append({str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert "withdrawal.html" in outputs[0]


def test_each_quote_is_stored_once_in_the_details_block(dataset: geo.Dataset, page: str) -> None:
    """The page is packed: the quotes live only in the block parsed on the first popup, each once."""
    blocks = re.findall(r'<script type="application/json" id="([a-z0-9-]+)">', page)
    assert blocks == ["geo-data", "geo-details", "geo-world", "geo-admin1", "geo-detail"]
    main = json.loads(page.split('id="geo-data">')[1].split("</script>")[0])
    details = json.loads(page.split('id="geo-details">')[1].split("</script>")[0])
    quotes = set(dataset.claims["quote"])
    assert sorted(q for q in details["strings"] if q in quotes) == sorted(quotes)
    assert len(details["strings"]) == len(set(details["strings"]))
    assert "quote" not in main["claims"] and not quotes & set(main["strings"])


def test_json_payload_cannot_close_its_script_element() -> None:
    from geo.render import _json_for_html

    text = _json_for_html({"quote": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text


@pytest.mark.parametrize("syntax", ["{{ 7*7 }}", "{% if x %}", "{# unclosed", "{{ self.__init__ }}"])
def test_template_syntax_in_a_quote_stays_text(project: Path, edit_cell: EditCell, syntax: str) -> None:
    """folium compiles each element's markup as a Jinja template; quotes must never reach that step."""
    quote = f"Russia left the base {syntax} at night"
    seed = project / "seeds/004_ae7da5b128864992.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + quote + "\n", encoding="utf-8")
    edit_cell("claims.csv", "c004-01", "quote", quote)
    page = build_map(geo.load(project / "data", project / "seeds")).offline_html()
    assert quote in page
    assert "Russia left the base 49" not in page


def test_geo_map_returns_a_folium_map_that_displays_offline(dataset: geo.Dataset) -> None:
    m = geo.map(dataset, since="2024-12-09", until="2024-12-15")
    assert isinstance(m, folium.Map)
    shown = m._repr_html_()
    assert shown.startswith("<div") and "srcdoc=" in shown
    assert "cdn.jsdelivr" not in shown


@pytest.mark.parametrize(
    ("options", "claims"),
    [
        ({"actions": ["retain"]}, {"c000-03", "c000-04", "c000-05", "c002-08"}),
        ({"sources": ["s003"]}, {"c003-01", "c003-02", "c003-03", "c003-04"}),
        ({"places": ["t4_air_base"]}, {"c001-07"}),
        (
            {"since": "2024-12-23", "until": "2024-12-31", "sources": ["s004"]},
            {"c004-01", "c004-02", "c004-04", "c004-05"},
        ),
    ],
)
def test_filters(dataset: geo.Dataset, options: dict, claims: set[str]) -> None:
    payload = map_payload(dataset, **options)
    assert {c["id"] for c in claim_rows(payload)} == claims


def test_a_filter_that_leaves_nothing_is_an_error(dataset: geo.Dataset) -> None:
    with pytest.raises(geo.GeoError, match="no claims match the filters"):
        map_payload(dataset, places=["damascus"])


def test_window_limits_the_slices(dataset: geo.Dataset) -> None:
    payload = map_payload(dataset, since="2024-12-09", until="2024-12-22", freq="W")
    assert [s["label"] for s in payload["slices"]] == ["2024-W50", "2024-W51"]
    assert payload["window"] == ["2024-12-09", "2024-12-22"]


def test_the_payload_carries_evidence_and_rules_not_derived_states(dataset: geo.Dataset) -> None:
    payload = map_payload(dataset)
    # the page derives states from the visible claims: Python ships the evidence and the rules
    assert "contradictions" not in payload and "corroboration" not in payload
    assert all("status" not in p and "history" not in p for p in payload["places"])
    assert [rule["state"] for rule in payload["rules"]] == [rule.state for rule in STATE_RULES]
    index = payload["claims"]["id"].index("c001-06")
    ((place, role, mask),) = payload["claims"]["places"][index]
    assert (place, role) == ("quneitra_observation_posts", "origin")
    assert mask & evidence_bit("vacating") and mask & evidence_bit("full_withdrawal")
    assert not mask & evidence_bit("retained")
    partial = payload["claims"]["id"].index("c001-01")  # "some combat troops"
    assert not payload["claims"]["places"][partial][0][2] & evidence_bit("full_withdrawal")
    assert [side["stance"] for side in payload["dispute_sides"]] == ["leaving", "staying"]
    # claims of one publisher share a chain key: Archyde's articles s000 and s001 are one chain
    chain = dict(zip(payload["claims"]["id"], payload["claims"]["chain"], strict=True))
    assert set(chain["c000-03"]) & set(chain["c001-05"])


def test_every_state_has_a_rule_a_colour_and_a_name() -> None:
    assert [rule.state for rule in STATE_RULES] == list(PLACE_STATES)
    assert set(STATE_COLORS) == set(PLACE_STATES)
    for rule in STATE_RULES:
        assert set(rule.all_of) | set(rule.any_of) <= set(EVIDENCE), rule
        assert rule.reason


def test_governorates_are_outlined_where_the_places_are(dataset: geo.Dataset, page: str) -> None:
    payload = map_payload(dataset)
    # Syria holds most places; Russia holds one below country level (Moscow), Libya none.
    assert payload["admin1_countries"] == ["Syria"]
    names = {label["name"] for label in payload["admin1_labels"]}
    assert {"Lattakia", "Tartus", "Homs", "Dar’a", "Quneitra", "Damascus"} <= names
    assert len(payload["admin1_labels"]) == 15  # 14 governorates and the UNDOF zone
    latakia = next(label for label in payload["admin1_labels"] if label["code"] == "SY.LA")
    assert admin1("Syria").loc["SY.LA", "geometry"].contains(Point(latakia["at"][1], latakia["at"][0]))
    assert '<script type="application/json" id="geo-admin1">[{"type":"Topology"' in page


def test_admin1_of_a_country_with_no_file_is_empty() -> None:
    assert admin1("Atlantis").empty
    assert list(admin1("Libya").columns) == ["code", "name", "name_raw", "geometry"]


def test_syria_governorate_labels_are_clean() -> None:
    syria = admin1("Syria")
    assert len(syria) == 15  # 14 governorates and the UNDOF zone
    for name in syria["name"]:
        assert name and not re.search(r"[()`'\u00b4]|\s\s|^\s|\s$", name), name
    assert dict(zip(syria["name_raw"], syria["name"], strict=True)) == {
        "Lattakia": "Lattakia",
        "Tartus": "Tartus",
        "Ar Raqqah": "Ar Raqqah",
        "Aleppo": "Aleppo",
        "Hamah": "Hamah",
        "Homs (Hims)": "Homs",
        "Idlib": "Idlib",
        "Hasaka (Al Haksa)": "Hasaka",
        "Dayr Az Zawr": "Dayr Az Zawr",
        "As Suwayda'": "As Suwayda’",
        "Rif Dimashq": "Rif Dimashq",
        "Quneitra": "Quneitra",
        "Dar`a": "Dar’a",
        "Damascus": "Damascus",
        "UNDOF": "UNDOF",
    }


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Lattakia", "Lattakia"),
        ("Rif Dimashq", "Rif Dimashq"),
        ("Çanakkale", "Çanakkale"),
        ("Karachay-Cherkess", "Karachay-Cherkess"),
        ("City of St. Petersburg", "City of St. Petersburg"),
        ("Sakha (Yakutia)", "Sakha"),
        ("Ma`an", "Ma’an"),
        ("Stavropol'", "Stavropol’"),
        ("Ash Shati\u00b4", "Ash Shati’"),
        ("  Tajura'  wa\tan  Nawahi ", "Tajura’ wa an Nawahi"),
        ("(Yakutia)", "Yakutia"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_admin1_name_cleaning(raw: object, clean: str) -> None:
    assert clean_admin1_name(raw) == clean


@pytest.mark.parametrize(
    ("action", "modality", "layer"),
    [
        ("withdraw", "occurred", "leaving"),
        ("withdraw", "planned", "planned"),
        ("retain", "intended", "planned"),
        ("retain", "ongoing", "staying"),
        ("transport", "ongoing", "moving"),
        ("observe", "occurred", "seen"),
        ("depart", "occurred", "leaving"),
    ],
)
def test_claim_layers(action: str, modality: str, layer: str) -> None:
    assert claim_layer(action, modality) == layer


def test_map_command_writes_a_filtered_map(tmp_path: Path) -> None:
    out = tmp_path / "retain.html"
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "map", "--action", "retain", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"wrote {out} (4 claims from 2 sources about 2 places, 2024-12-08 to 2025-01-16; filtered to actions retain)\n"
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_map_command_rejects_unknown_filters(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "map", "--source", "s999", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown source s999; known: s000, s001, s002, s003, s004\n"
    assert not out.exists()


def test_the_fit_leaves_room_for_the_strip_as_tall_as_the_css_draws_it() -> None:
    css = (Path(geo.__file__).parent / "_page" / "map.css").read_text(encoding="utf-8")
    assert f".leaflet-bottom {{ bottom: {TIMELINE_STRIP_PX}px; }}" in css
