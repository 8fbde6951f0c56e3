"""`bench_poster_growth` times this checkout's posters the way a render worker makes them."""

from __future__ import annotations

from pathlib import Path

from benchmarks import bench_poster_growth
from benchmarks.common import REPO


def test_the_current_side_times_every_poster_it_renders(tmp_path: Path) -> None:
    # The seed's three exercises and one imported entry, with this checkout's own code. When the
    # build stopped calling the pool from the module the side stands in for, no poster was timed
    # and `make bench` ended in a ZeroDivisionError.
    data = bench_poster_growth._side(REPO, tmp_path / "now.json", count=1)

    posters = data["posters"]
    assert len(posters) == 4
    assert {"elbow-flapping.pdf", "shoulder-rolling.pdf"} <= {p["name"] for p in posters}
    for poster in posters:
        assert poster["ok"]
        assert poster["renders"] >= 1
        assert poster["cpu"] > 0
