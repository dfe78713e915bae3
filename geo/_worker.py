"""Imported by each local Dask worker as it starts (``distributed``'s preload).

The first partition a worker runs would otherwise pay for importing the
extraction (pyarrow, the matcher); imported here, that happens while
the client is still loading its own parser.
"""

import geo.corpus  # noqa: F401
