"""The exploration notebook runs top to bottom with the project's kernel, offline."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks/explore.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "contradicting pairs at Hmeimim" in text
    assert "movements.geojson 3 features" in text
    # the story as it was reported: kept on the 15th, disputed once article 001 appeared
    assert (
        "as reported by 2024-12-15 (+s000): hmeimim_air_base retained_reported; "
        "tartus_naval_base retained_reported; disputes at none"
    ) in text
    assert (
        "as reported by 2024-12-16 (+s001, s003): hmeimim_air_base contested; tartus_naval_base contested; "
        "disputes at hmeimim_air_base, tartus_naval_base"
    ) in text
    html = "\n".join(
        o.get("data", {}).get("text/html", "") for o in outputs if o.output_type in ("execute_result", "display_data")
    )
    assert "geo.Dataset" in html  # the data set's summary
    assert "srcdoc=" in html and "cdn.jsdelivr" not in html  # the map, inline and offline
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images  # the timeline chart
