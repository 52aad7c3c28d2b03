"""A tiny corpus written by us (not third-party text), and where the shared corpus is."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Our own news-style sentences.
TINY_ARTICLE = """본문 바로가기
전체메뉴 정치 경제 사회 지역
한빛산업진흥원, 창립 10주년 기념식 열어
입력 2024-03-15 10:20
김기자 기자 kim@example.com
한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대강당에서 창립 10주년 기념식을 열었다고 15일 밝혔다.
이날 행사에는 최유리 한빛시 부시장과 임직원 100여 명이 참석해 지난 10년의 성과를 돌아봤다.
박서준 원장은 기념사에서 "지역 기업과 함께 성장하는 기관이 되겠다"고 말했다.
저작권자 © 한빛일보 무단전재 및 재배포 금지
관련기사
다른기관, 2023년 12월 1일 새 사업 착수
"""


def write_tiny_corpus(folder: Path, count: int = 2) -> Path:
    """A folder of ``count`` small page dumps (same article, distinct names)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"t{i:02d}.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    return folder
