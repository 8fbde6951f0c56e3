"""The booklet join names things the same in every process: two hash seeds, one result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf

# Prepares and joins the raw parts named on the command line, then prints the joined PDF's
# sha256 and its font subset names. Run in a fresh interpreter per hash seed.
_JOIN = """
import hashlib, io, json, sys
from pathlib import Path
import pikepdf
from exercise_guide.pdf.assemble import join_parts, prepare_part
parts = []
for raw in sys.argv[1:]:
    prepared = Path(raw).with_suffix(".prepared.pdf")
    prepared.write_bytes(prepare_part(Path(raw).read_bytes()))
    parts.append(prepared)
data, pages = join_parts(parts, [], {})
with pikepdf.open(io.BytesIO(data)) as pdf:
    fonts = sorted(str(o.BaseFont) for o in pdf.objects
                   if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font")
print(json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "pages": pages, "fonts": fonts}))
"""


def _raw_part(path: Path, heading: str, anchor: str) -> Path:
    """A tagged PDF/UA-1 part as WeasyPrint writes it, before the join prepares it."""
    from weasyprint import HTML

    html = (
        f'<html lang="en"><head><title>{heading}</title></head><body>'
        f'<h1 id="{anchor}">{heading}</h1><p>Breathe in slowly through your nose.</p></body></html>'
    )
    path.write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    return path


def _join_with_seed(seed: str, parts: list[Path]) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", _JOIN, *map(str, parts)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_joined_booklet_and_its_subset_names_are_the_same_under_two_hash_seeds(
    tmp_path: Path,
) -> None:
    parts = [
        _raw_part(tmp_path / "front.pdf", "Upper back guide", "front"),
        _raw_part(tmp_path / "part-1.pdf", "Shoulder Rolling", "part-1"),
        _raw_part(tmp_path / "part-2.pdf", "Elbow Flapping", "part-2"),
    ]
    first = _join_with_seed("1", parts)
    second = _join_with_seed("2", parts)
    assert first["pages"] == 3
    fonts = first["fonts"]
    assert isinstance(fonts, list) and fonts
    # Each part's subset was renamed by the join: six capitals, a plus, the font's name.
    assert all(str(name)[1:8].isupper() and str(name)[7] == "+" for name in fonts), fonts
    assert first == second
    with pikepdf.open(parts[0]) as raw:
        assert raw.Root.StructTreeRoot is not None  # a real tagged part, as the render writes
