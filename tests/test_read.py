"""Reading inputs: encodings, binary files, JSON Lines, odd paths."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from kg.errors import UsageError
from kg.ingest.read import decode, declared_charset, list_inputs, read_file, read_sources
from kg.records import Failure, Source

TEXT = "한빛산업진흥원은 지난 12일 한빛타워 대강당에서 개원 10주년 기념식을 열었다.\n똠방각하 펲시콜라 뷁\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-8-sig"),
        TEXT.encode("utf-16"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("cp949"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp949"],
)
def test_decode_encodings(data):
    assert decode(data) == TEXT


def test_decode_euc_kr():
    text = TEXT.split("\n")[0]  # EUC-KR has no 똠/펲/뷁 (CP949 extensions)
    assert decode(text.encode("euc-kr")) == text


def test_decode_utf8_with_one_broken_byte_stays_utf8():
    data = TEXT.encode("utf-8")
    broken = data[:10] + b"\xff" + data[10:]
    text = decode(broken)
    assert text is not None and "한빛타워 대강당" in text and "\ufffd" in text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(1, 32)) * 200,
        b"%PDF-1.4\n" + bytes([0, 1, 2, 3]) * 100,
        os.urandom(0) + bytes((i * 37 + 11) % 256 for i in range(20_000)),
    ],
    ids=["png", "control-characters", "pdf-with-nul", "byte-soup"],
)
def test_decode_refuses_binary(data):
    assert decode(data) is None


def test_declared_charset():
    assert declared_charset(b'<html><head><meta charset="euc-kr"></head>') == "euc_kr"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">') == "euc_kr"
    assert declared_charset(b"<meta charset=no-such-codec>") is None
    assert declared_charset(b"<p>no meta</p>") is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp949", "euc-kr"])
def test_read_file_in_each_encoding(tmp_path, encoding):
    text = TEXT.split("\n")[0]
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    (source,) = read_file(path)
    assert isinstance(source, Source) and source.text == text and source.kind == "txt"


def test_html_declared_euc_kr_is_read(tmp_path):
    html = '<html><head><meta charset="euc-kr"><title>한빛</title></head><body><p>진흥원은 기념식을 열었다.</p></body></html>'
    path = tmp_path / "a.html"
    path.write_bytes(html.encode("euc-kr"))
    (source,) = read_file(path)
    assert isinstance(source, Source) and "진흥원은 기념식을 열었다." in source.text and source.kind == "html"


def test_binary_file_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (failure,) = read_file(path)
    assert isinstance(failure, Failure) and "binary" in failure.reason and failure.source == str(path)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x")
    (failure,) = read_file(path)
    assert isinstance(failure, Failure) and "unsupported" in failure.reason


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    import kg.ingest.read

    monkeypatch.setattr(kg.ingest.read, "MAX_BYTES", 10)
    monkeypatch.setattr(kg.ingest.read, "MAX_PAGE_BYTES", 10)
    for name in ("a.txt", "a.jsonl"):
        path = tmp_path / name
        path.write_text(TEXT, encoding="utf-8")
        (failure,) = read_file(path)
        assert isinstance(failure, Failure) and "too large" in failure.reason


def test_fifo_is_not_read(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    (failure,) = read_file(path)  # must not block
    assert isinstance(failure, Failure) and "regular file" in failure.reason


def test_symlink_loop_and_dangling_link(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    items = list(read_sources([folder]))
    assert [type(i).__name__ for i in items] == ["Source", "Failure"]  # a.txt, dangling.txt; the loop is not entered
    assert "cannot read" in items[1].reason


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        list_inputs([tmp_path / "nope"])


def test_hidden_and_other_files_are_skipped_in_folders(tmp_path):
    for name in ("a.txt", "b.HTML", "c.jsonl", ".hidden.txt", "d.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_inputs([tmp_path])] == ["a.txt", "b.HTML", "c.jsonl"]


def _jsonl(tmp_path, rows, encoding="utf-8"):
    path = tmp_path / "briefs.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_json_lines_records_and_metadata(tmp_path):
    path = _jsonl(tmp_path, [
        {"id": "b1", "text": "진흥원은 입주기업을 모집한다.", "title": "모집", "published": "2024-03-04", "publisher": "한빛일보", "url": "https://x.example/1"},
        {"text": "재단은 새 이사장이 취임했다.", "published": "2024-03-05T09:00:00+09:00"},
        {"html": "<p>공단은 설명회를 연다.</p>", "published": "2024.03.06"},
        "",
    ])
    a, b, c = read_file(path)
    assert (a.id, a.kind, a.title, a.published, a.publisher, a.url) == ("b1", "txt-body", "모집", date(2024, 3, 4), "한빛일보", "https://x.example/1")
    assert (b.id, b.published) == ("briefs.jsonl:2", date(2024, 3, 5))
    assert (c.kind, c.published) == ("html", date(2024, 3, 6))


@pytest.mark.parametrize(
    "row, reason",
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "must be an object"),
        ({"title": "본문 없음"}, "no 'text' or 'html'"),
        ({"text": "   "}, "no 'text' or 'html'"),
        ({"text": "본문", "published": "어제"}, "bad 'published' date"),
    ],
)
def test_json_lines_bad_records_fail_alone(tmp_path, row, reason):
    path = _jsonl(tmp_path, [row, {"id": "ok", "text": "진흥원은 입주기업을 모집한다."}])
    failure, source = read_file(path)
    assert isinstance(failure, Failure) and reason in failure.reason and failure.source == f"{path}:1"
    assert isinstance(source, Source) and source.id == "ok"


def test_json_lines_in_cp949(tmp_path):
    path = _jsonl(tmp_path, [{"id": "k", "text": "진흥원은 입주기업을 모집한다."}], encoding="cp949")
    (source,) = read_file(path)
    assert source.text == "진흥원은 입주기업을 모집한다."


def test_metadata_comes_from_the_index_beside_the_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text("한빛산업진흥원은 9일 기념식을 열었다고 밝혔다.\n", encoding="utf-8")
    (folder / "a2.txt").write_text("누리재단은 오는 12일 설명회를 연다고 밝혔다.\n", encoding="utf-8")
    (tmp_path / "articles-index.tsv").write_text(
        "file\turl\tpublisher\tpublished\ttitle\tsame_story_as\n"
        "a1.txt\thttps://news.example.kr/1\t한빛일보\t2024-03-09\t한빛산업진흥원 기념식\ta2.txt\n"
        "a2.txt\t\t\tnot a date\t\t\n", encoding="utf-8")
    sources = {s.id: s for s in read_sources([folder])}
    a1, a2 = sources["a1.txt"], sources["a2.txt"]
    assert (a1.url, a1.publisher, a1.published, a1.title) == (
        "https://news.example.kr/1", "한빛일보", date(2024, 3, 9), "한빛산업진흥원 기념식")
    assert (a2.url, a2.publisher, a2.published, a2.title) == (None, None, None, None)


def test_the_index_inside_the_folder_wins_and_a_broken_index_is_ignored(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text("한빛산업진흥원은 9일 기념식을 열었다고 밝혔다.\n", encoding="utf-8")
    (folder / "index.tsv").write_text("file\tpublished\na1.txt\t2024-03-09\n", encoding="utf-8")
    (tmp_path / "articles-index.tsv").write_text("file\tpublished\ttitle\na1.txt\t2020-01-01\t제목\n", encoding="utf-8")
    (a1,) = read_sources([folder])
    assert (a1.published, a1.title) == (date(2024, 3, 9), "제목")
    (folder / "index.tsv").write_bytes(b"\xff\xfe\x00broken")
    (a1,) = read_sources([folder])
    assert a1.published == date(2020, 1, 1)
