"""One happening, one node: a corpus built once, and built with every article printed three times.

    python -m bench.duplicates [PATH ...] [--copies 3] [--work DIR]

Copies every input (the sample corpus when no path is given) ``--copies``
times under other names into a temporary folder — the first copy as it is,
the second with another first line (a headline with a wire prefix, or
another ``<title>``), the third with another footer (a copyright line of
another paper) — builds it and the original with ``kg build``, and prints
both builds' totals: articles, stories, entities, events, agreements and
distinct relations. When resolution holds, all but articles and stories are
equal. Copies live only in the temporary folder (the shared corpus is
third-party text: it is never copied into the project).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterable

COUNTS = ("articles", "stories", "entities", "events", "agreements", "relations", "relation_statements")
SAME = ("entities", "events", "agreements", "relations")  # what must not change with the copies
PREFIX = "[종합] "
FOOTER = "ⓒ 다른지역일보 무단 전재 및 재배포 금지"


def copy_corpus(paths: Iterable[str | Path], dest: str | Path, copies: int = 3) -> Path:
    """Every input file of ``paths`` written ``copies`` times under other names into ``dest``."""
    from kg.ingest.read import list_inputs

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for path in list_inputs(paths):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        for n in range(copies):
            out = dest / f"{path.parent.name}-{path.stem}_copy{n}{path.suffix}"
            out.write_text(_variant(text, path.suffix.lower(), n), encoding="utf-8", errors="surrogateescape")
    return dest


def _variant(text: str, suffix: str, n: int) -> str:
    if suffix == ".jsonl":
        return "".join(_record(line, n) for line in text.splitlines(keepends=True))
    if n == 1:  # another first line: a headline with a wire prefix
        if suffix in (".html", ".htm"):
            return re.sub(r"<title>", "<title>" + PREFIX, text, count=1, flags=re.I)
        return PREFIX + text
    if n == 2:  # another footer
        if suffix in (".html", ".htm") and re.search(r"</body>", text, re.I):
            return re.sub(r"</body>", f"<p>{FOOTER}</p></body>", text, count=1, flags=re.I)
        return text.rstrip("\n") + f"\n{FOOTER}\n"
    return text


def _record(line: str, n: int) -> str:
    if not line.strip():
        return line
    record = json.loads(line)
    record["id"] = f"{record.get('id', 'record')}_copy{n}"
    if n == 1 and record.get("title"):
        record["title"] = PREFIX + record["title"]
    return json.dumps(record, ensure_ascii=False) + "\n"


def totals(report: dict) -> dict:
    """The counts of a build's ``report.json`` that this comparison reads."""
    return {k: report["totals"].get(k) for k in COUNTS}


def compare(paths: list[str], work: Path, copies: int = 3) -> dict:
    """Totals of a build of ``paths`` and of a build of ``copies`` copies of them."""
    from kg.pipeline import build

    once = build(paths, out=work / "once")
    many = build([str(copy_corpus(paths or [_sample()], work / "copies", copies))], out=work / "many")
    return {"once": totals(once.report), f"x{copies}": totals(many.report),
            "same": all(once.report["totals"][k] == many.report["totals"][k] for k in SAME)}


def _sample() -> Path:
    from kg.ingest.read import sample_corpus

    return sample_corpus()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="inputs (default: the sample corpus)")
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--work", help="folder for the copies and builds (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = compare(args.paths, Path(args.work or tmp), args.copies)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0 if result["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
