"""The README's screenshots of the explorer pages: the sample corpus built, served, and shot in headless Chromium.

``python -m docs.screenshots`` (from the repository root) rewrites
``docs/img/entity-page.png``, ``article-page.png`` and ``timeline.png``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from bench.viewer_bench import chromium_page

IMG = Path(__file__).resolve().parent / "img"
SHOTS = {  # file -> (path on the server, the element to scroll to)
    "entity-page.png": ("/entity/" + quote("org/성남산업진흥원"), "h1"),
    "article-page.png": ("/article/s04_kmedihub_mou.txt", "h1"),
    "timeline.png": ("/timeline?org=" + quote("성남산업진흥원"), "h1"),
}


def main() -> None:
    """Build the sample corpus, serve it, and write the screenshots."""
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([], out=Path(tmp) / "build")
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(Path(tmp) / "build"),
                                   "--port", "0"], stderr=subprocess.PIPE, text=True)
        try:
            url = next(m.group(1) for line in server.stderr if (m := re.search(r"serving (http://\S+/) ", line)))
            with chromium_page(width=1100, height=760) as page:
                for name, (path, anchor) in SHOTS.items():
                    page.goto(url + path.lstrip("/"))
                    page.locator(anchor).first.scroll_into_view_if_needed()
                    page.screenshot(path=str(IMG / name))
                    print(IMG / name)
        finally:
            server.terminate()
            server.wait(15)


if __name__ == "__main__":
    main()
