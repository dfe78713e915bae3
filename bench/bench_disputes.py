"""Benchmark: contradicting pairs against disputes on synthetic claim sets (1k, 10k, 100k claims).

Prints, for each size, the number of contradicting pairs and the time
:func:`geo.contradictions` takes to list them, then the number of disputes and
the time :func:`geo.disputes` takes, in the same run and on the same claims.
The claim sets are those of :mod:`bench.bench_map` (fixed seed). Run it with::

    .venv/bin/python -m bench.bench_disputes [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import time

import geo
from bench.bench_map import synthetic


def measure(n_claims: int) -> dict[str, float]:
    """Time both functions on one synthetic claim set of ``n_claims`` claims."""
    data = synthetic(n_claims)
    started = time.perf_counter()
    pairs = geo.contradictions(data.claims)
    pairs_s = time.perf_counter() - started
    started = time.perf_counter()
    found = geo.disputes(data.claims, data.sources)
    disputes_s = time.perf_counter() - started
    # The disputes must stand for exactly the pairs listed, or the comparison means nothing.
    if int(found["pairs"].sum()) != len(pairs):
        raise AssertionError(f"{n_claims} claims: disputes stand for {found['pairs'].sum()} pairs, not {len(pairs)}")
    return {
        "claims": n_claims,
        "pairs": len(pairs),
        "pairs_s": pairs_s,
        "disputes": len(found),
        "disputes_s": disputes_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    print(f"{'claims':>8} {'pairs':>8} {'contradictions s':>17} {'disputes':>9} {'disputes s':>11}")
    for size in args.sizes:
        r = measure(size)
        print(f"{r['claims']:>8} {r['pairs']:>8} {r['pairs_s']:>17.3f} {r['disputes']:>9} {r['disputes_s']:>11.3f}")


if __name__ == "__main__":
    main()
