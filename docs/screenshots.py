"""The README's screenshots of the explorer pages: the sample corpus built, served, and shot in headless Chromium.

``python -m docs.screenshots`` (from the repository root) rewrites
``docs/img/entity-page.png``, ``article-page.png``, ``timeline.png`` and
``query-ui.png`` (the query UI with the saved query ``partners`` answered);
``python -m docs.screenshots NAME.png …`` only those.
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
    "query-ui.png": ("/", ".tabPanel.active .yasqe_queryButton"),
}


def main() -> None:
    """Build the sample corpus, serve it, and write the screenshots (those named on the command line, or all)."""
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([], out=Path(tmp) / "build")
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(Path(tmp) / "build"),
                                   "--port", "0"], stderr=subprocess.PIPE, text=True)
        try:
            url = next(m.group(1) for line in server.stderr if (m := re.search(r"serving (http://\S+/) ", line)))
            with chromium_page(width=1100, height=760) as page:
                for name, (path, anchor) in SHOTS.items():
                    if sys.argv[1:] and name not in sys.argv[1:]:
                        continue
                    page.goto(url + path.lstrip("/"))
                    page.locator(anchor).first.scroll_into_view_if_needed()
                    if name == "query-ui.png":  # the first tab's query, answered
                        page.click(anchor)
                        page.wait_for_selector(".tabPanel.active .yasr table tbody .nonIri", timeout=60_000)
                    page.screenshot(path=str(IMG / name))
                    print(IMG / name)
        finally:
            server.terminate()
            server.wait(15)


if __name__ == "__main__":
    main()
