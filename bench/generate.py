"""A synthetic corpus of Korean regional-industry news, deterministic from a seed.

Every sentence comes from our own templates, recombined with lexicons of
regions, organizations, people, posts, programmes, events, places and dates;
around the body sit the furniture lines of a web-page dump (menus, a byline
with a printed date, a photo caption, a footer, teasers of other articles).
Article ``i`` depends only on ``(seed, i)``, so a 1,000-article corpus is the
first 1,000 articles of the 10,000-article one.

The generator knows what it wrote: ``to_extraction`` turns an article into the
``kg.records.Extraction`` a perfect extractor would return (used to build big
graphs of our own ontology for the query benchmark).

    python bench/generate.py 1000 /tmp/corpus --seed 7 [--jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REGIONS = ("성남", "안산", "청주", "천안", "구미", "창원", "김해", "포항", "원주", "익산", "여수", "순천",
           "군산", "아산", "평택", "시흥", "춘천", "경산", "진주", "목포", "제천", "양산", "당진", "광양")
NATIONAL_ORGS = ("한국바이오협회", "한국반도체산업협회", "한국로봇산업진흥원", "중소벤처기업진흥공단",
                 "한국산업단지공단", "정보통신산업진흥원", "한국무역협회", "한국에너지공단", "한국발명진흥회",
                 "창업진흥원", "한국디자인진흥원", "한국생산기술연구원")
REGIONAL_ORG_SUFFIXES = ("산업진흥원", "테크노파크", "상공회의소", "창업지원센터", "경제진흥원", "대학교")
COMPANY_HEADS = ("누리", "새솔", "한결", "다온", "가람", "빛누리", "온새", "미리내", "하람", "솔길", "아라", "너울")
COMPANY_TAILS = ("바이오", "테크", "로보틱스", "소재", "에너지", "모빌리티", "메디칼", "세미콘")
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍문양손배백허남심노하곽성차주우구민유나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
GIVEN = "민서준지현우수영하윤도예시은호태경진성재연유정훈희원석주혜동규상승찬인소나아"
POSTS = ("원장", "이사장", "본부장", "센터장", "대표이사", "회장", "총장", "단장")
OFFICIAL_POSTS = ("시장", "부시장", "경제국장", "시의회 의장")
TOPICS = ("스마트공장", "바이오헬스", "반도체 설계", "인공지능", "수출 바우처", "청년 창업", "탄소중립",
          "디지털 전환", "이차전지", "미래차 부품", "협동로봇", "드론 물류", "수소 연료전지", "의료기기")
PROGRAM_KINDS = ("지원사업", "육성사업", "고도화 사업", "아카데미", "실증 플랫폼", "혁신 펀드")
EVENT_KINDS = ("포럼", "박람회", "설명회", "세미나", "간담회", "컨퍼런스")
VENUES = ("컨벤션센터", "시청 대회의실", "비즈니스센터 대강당", "산업단지 복합문화센터", "과학관 세미나실")
SECTIONS = ("경제", "지역", "산업", "기업·산업", "정책", "사회")
PAPERS = ("한빛경제신문", "지역산업일보", "누리뉴스", "새아침타임즈", "바른지역신문", "산업정책저널")
MENU_LINES = ("본문 바로가기", "전체메뉴", "로그인 회원가입", "사이트 내 전체검색", "정치 경제 사회 지역 교육 피플",
              "뒤로가기", "기사검색", "구독신청 광고문의", "홈 > 뉴스 > {section}", "오피니언 포토 영상")

# Templates: text with {slot} or {slot|은/는} (a particle fitted to the slot's
# last syllable), and the facts the sentence states, by slot name.
LEADS = {
    "mou": ("{org|은/는} {when} {org2|과/와} {topic} 분야 협력을 위한 업무협약을 맺었다고 {pubday}일 밝혔다.",
            [("partnership", "org", "org2")]),
    "event": ("{org|은/는} {when} {place}에서 {event|을/를} 열었다고 {pubday}일 밝혔다.",
              [("organizes", "event", "org"), ("heldAt", "event", "place"), ("eventDate", "event")]),
    "program": ("{org|은/는} 올해 {program|을/를} 본격적으로 추진한다고 {pubday}일 밝혔다.",
                [("operates", "org", "program")]),
    "appointment": ("{person} {org} 신임 {post|이/가} {when} 취임식을 갖고 업무를 시작했다.",
                    [("holdsPost", "person", "org", "post")]),
}
FACTS = (
    ("{org}({post} {person})은 이번 일을 계기로 지역 기업 지원 체계를 한층 넓힐 계획이다.",
     [("holdsPost", "person", "org", "post")]),
    ("이날 자리에는 {person2} {org3} {post2|과/와} 관계 기관 대표 등 {n}여 명이 함께했다.",
     [("holdsPost", "person2", "org3", "post2"), ("participatesIn", "person2", "event")]),
    ("{org|은/는} {year}년 문을 연 뒤 지역 중소기업의 성장 단계마다 필요한 지원을 이어 왔다.",
     [("founded", "org", "year")]),
    ("{program|은/는} {org|이/가} 주관하며 올해 모두 {n}개 기업을 선정해 지원한다.",
     [("operates", "org", "program")]),
    ("{sub|은/는} {org} 산하 조직으로 현장 실무를 맡고 있다.",
     [("subOrganizationOf", "sub", "org")]),
    ("{org2|은/는} {region2}에 본부를 두고 전국 회원사 {n}곳과 협력망을 꾸리고 있다.",
     [("locatedIn", "org2", "region2")]),
    ("두 기관은 앞으로 {topic} 기업 발굴과 공동 연구, 전문 인력 {n}명 교류에 힘을 모으기로 했다.", []),
    ("{event|은/는} {place}에서 이틀 동안 이어지며 기업 상담회와 전시가 함께 열린다.",
     [("heldAt", "event", "place")]),
    ("{person} {post|은/는} \"{quote1}\"며 \"{quote2}\"고 말했다.", [("holdsPost", "person", "org", "post")]),
    ("{person2} {post2|은/는} 축사에서 \"{quote3}\"고 강조했다.", [("holdsPost", "person2", "org3", "post2")]),
)
FILLERS = (
    "지역 {topic} 기업 {n}곳이 지난해 합산 매출 {m}억 원을 기록하며 성장세를 이어 갔다.",
    "참여 기업은 시제품 제작과 인증 취득, 해외 판로 개척에 드는 비용을 최대 {k}천만 원까지 지원받는다.",
    "신청은 {month}월 말까지 온라인으로 받으며, 서류 심사와 발표 평가를 거쳐 {topic} 기업 {n}곳을 고른다.",
    "올해 사업 예산은 지난해보다 {p}% 늘어난 {m}억 원 규모로 편성됐다.",
    "{region} 지역 관계자는 현장의 목소리를 반영해 지원 절차를 간소화하고 상담 창구를 {k}곳 늘리겠다고 설명했다.",
    "최근 {topic} 시장이 빠르게 커지면서 지역에서도 전문 인력 확보가 시급한 과제로 떠올랐다.",
    "행사장에서는 {topic} 기업 {n}곳의 제품 전시와 투자 상담, 채용 설명회가 함께 진행돼 눈길을 끌었다.",
    "지원을 받은 기업 가운데 {n}곳은 해외 바이어와 수출 계약을 맺는 성과를 거뒀다.",
    "기관은 {month}월에 후속 설명회를 열어 세부 지원 내용과 일정을 다시 안내할 예정이다.",
    "{region} 일대 산업단지에는 현재 {n}여 개 기업이 입주해 {k}천여 명이 일하고 있다.",
    "전문가들은 {region} 같은 지역 거점의 협력이 {topic} 기업 성장 속도를 끌어올리는 열쇠라고 입을 모은다.",
    "이번 조치로 {region} 지역 창업 초기 기업 {n}곳의 공간 부담이 크게 줄어들 것으로 기대된다.",
    "공동 연구 과제는 {k}개 분야에서 출발해 성과에 따라 단계적으로 확대된다.",
    "{topic} 기업 대표들은 자금과 판로, 인력 문제를 한자리에서 상담할 수 있어 도움이 된다고 입을 모았다.",
    "{topic} 분야는 정부가 올해 중점 육성 분야로 꼽은 만큼 지역 차원의 대응도 한층 빨라질 전망이다.",
    "협약에 따라 양측은 {topic} 실무협의체를 꾸리고 {k}개월마다 한 차례씩 추진 상황을 점검하기로 했다.",
    "지난해 같은 사업에는 {n}개 기업이 지원해 평균 {k}대 1의 경쟁률을 보였다.",
    "참가 기업 {n}곳은 시제품 시연과 기술 발표를 통해 투자자들에게 {topic} 사업 모델을 소개했다.",
    "{region} 지역 대학과 연구기관 {k}곳도 장비 공동 활용과 기술 자문으로 힘을 보탤 예정이다.",
    "{topic} 사업에 참여하려는 기업은 누리집 공고문을 확인한 뒤 구비 서류를 갖춰 {month}월 중 신청하면 된다.",
    "{month}월에는 해외 전시회 공동관을 꾸려 참여 기업 {n}곳의 수출 상담을 돕는다.",
    "청년 인재가 {region} 기업에 머물 수 있도록 주거와 교육을 묶은 지원책도 함께 검토하고 있다.",
    "기관은 성과 평가를 거쳐 우수 기업 {k}곳에 후속 {topic} 연구개발 과제를 연계해 줄 방침이다.",
    "올해 상반기에만 {n}건의 기술 상담이 접수돼 지난해 같은 기간보다 {p}% 늘었다.",
    "입주 공간은 사무실과 시제품 제작실, 회의실 등으로 꾸며졌으며 최대 {k}년까지 쓸 수 있다.",
    "{region} 현장 방문 상담은 예약제로 운영되며 평일 오전 {k}시부터 오후 6시까지 받는다.",
    "지역 금융기관과 손잡고 저금리 특별 보증도 {m}억 원 규모로 마련했다.",
    "전문 컨설턴트 {k}명이 {topic} 기업을 직접 찾아가 공정 개선과 품질 관리 방안을 함께 찾는다.",
)
QUOTES = ("지역 기업이 체감하는 변화를 만들겠다", "현장에서 답을 찾는 기관이 되겠다",
          "협력의 성과가 일자리로 이어지도록 하겠다", "기업과 함께 성장하는 생태계를 만들겠다",
          "예산과 공간 지원을 아끼지 않겠다", "오늘의 약속이 구체적인 사업으로 이어져야 한다",
          "지역 산업의 체질을 바꾸는 출발점이 될 것", "두 기관의 강점을 모으면 더 큰 성과가 가능하다")
BYLINES = ("입력 {y}-{mm}-{dd} {hh}:{mi}", "기사입력 {y}/{mm}/{dd} [{hh}:{mi}]", "작성일 {yy}-{mm}-{dd} {hh}:{mi}",
           "등록 {y}.{mm}.{dd} {hh}:{mi}:{ss}", "승인 {y}.{mm}.{dd} {hh}:{mi}", "노출승인 {y}년 {mm}월 {dd}일 {hh}:{mi}")
FOOTERS = ("저작권자 © {paper} 무단전재 및 재배포 금지", "Copyright © {paper}. 허락 없이 옮겨 싣지 못합니다.",
           "<저작권자 © {paper}, 무단 전재 및 재배포 금지>")

_SLOT = re.compile(r"\{(\w+)(?:\|([^}]+))?\}")
ENTITY_SLOTS = {"org": "Organization", "org2": "Organization", "org3": "Organization", "sub": "Organization",
                "person": "Person", "person2": "Person", "program": "Program", "event": "Event",
                "place": "Place", "region2": "Place"}


@dataclass
class GenArticle:
    """One generated article: the page dump, its body, and the facts it states."""

    id: str
    page: str
    body: str
    title: str
    published: date
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = field(default_factory=dict)  # (type, name) -> spans
    relations: list[tuple[str, dict, int]] = field(default_factory=list)  # (type, args by name, sentence index)


def josa(word: str, pair: str) -> str:
    """The particle of ``pair`` ("은/는") that fits the last syllable of ``word``."""
    with_coda, without = pair.split("/")
    last = word[-1]
    if not "가" <= last <= "힣":
        return without
    coda = (ord(last) - 0xAC00) % 28
    if with_coda == "으로":
        return "로" if coda in (0, 8) else "으로"
    return with_coda if coda else without


def _roster(seed: int) -> dict[str, tuple[str, str]]:
    """Every organization of the corpus, with its head (person, post), stable across articles."""
    rng = random.Random(f"{seed}:roster")
    orgs = list(NATIONAL_ORGS)
    orgs += [r + s for r in REGIONS for s in REGIONAL_ORG_SUFFIXES]
    orgs += [h + t for h in COMPANY_HEADS for t in COMPANY_TAILS]
    roster = {}
    for org in orgs:
        post = "총장" if org.endswith("대학교") else "대표이사" if org[-2:] in {t[-2:] for t in COMPANY_TAILS} else rng.choice(POSTS[:6])
        roster[org] = (_person(rng), post)
    return roster


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _slots(rng: random.Random, roster: dict, published: date) -> dict[str, str]:
    orgs = list(roster)
    region, region2 = rng.sample(REGIONS, 2)
    org = rng.choice([o for o in orgs if o.startswith(region)] + list(NATIONAL_ORGS))
    org2 = rng.choice([o for o in orgs if o != org])
    topic = rng.choice(TOPICS)
    person, post = roster[org]
    official_post = rng.choice(OFFICIAL_POSTS)
    days_before = rng.randint(1, min(9, published.day - 1) if published.day > 1 else 1)
    when_date = published - timedelta(days=days_before) if published.day > 1 else published
    return {
        "org": org, "org2": org2, "org3": f"{region}시", "sub": f"{org} {rng.choice(('기업지원본부', '창업지원단', '연구개발센터'))}",
        "person": person, "post": post, "person2": _person(rng), "post2": official_post,
        "program": f"{rng.choice((region + ' ', ''))}{topic} {rng.choice(PROGRAM_KINDS)}",
        "event": f"{published.year} {region} {topic} {rng.choice(EVENT_KINDS)}",
        "place": f"{region}{rng.choice(VENUES)}", "region": region, "region2": f"{region2}시", "topic": topic,
        "when": f"지난 {when_date.day}일" if when_date.month == published.month else f"{when_date.month}월 {when_date.day}일",
        "when_iso": when_date.isoformat(), "pubday": str(published.day), "year": str(rng.randint(1995, published.year - 1)),
        "quote1": rng.choice(QUOTES), "quote2": rng.choice(QUOTES), "quote3": rng.choice(QUOTES),
    }


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> tuple[str, list[tuple[str, int, int]]]:
    """The sentence, and where each entity slot landed: (slot, start, end)."""
    out, where, pos = [], [], 0
    numbers = {"n": str(rng.randint(3, 120)), "m": str(rng.randint(2, 90)), "p": str(rng.randint(5, 40)),
               "k": str(rng.randint(2, 9)), "month": str(rng.randint(1, 12))}
    for m in _SLOT.finditer(template):
        out.append(template[pos:m.start()])
        name, particle = m.group(1), m.group(2)
        value = slots.get(name) or numbers[name]
        start = sum(map(len, out))
        out.append(value + (josa(value, particle) if particle else ""))
        if name in ENTITY_SLOTS:
            where.append((name, start, start + len(value)))
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), where


def _relation(fact: tuple, slots: dict[str, str]) -> tuple[str, dict]:
    kind, *names = fact
    if kind == "holdsPost":
        return kind, {"person": slots[names[0]], "org": slots[names[1]], "post": slots[names[2]]}
    if kind == "partnership":
        return kind, {"orgs": (slots[names[0]], slots[names[1]]), "date": slots["when_iso"]}
    if kind == "eventDate":
        return kind, {"event": slots[names[0]], "date": slots["when_iso"]}
    if kind == "founded":
        return kind, {"org": slots[names[0]], "year": int(slots[names[1]])}
    fields = {"operates": ("org", "program"), "organizes": ("event", "org"), "heldAt": ("event", "place"),
              "participatesIn": ("agent", "event"), "subOrganizationOf": ("child", "parent"),
              "locatedIn": ("entity", "place")}[kind]
    return kind, {fields[0]: slots[names[0]], fields[1]: slots[names[1]]}


def make_article(seed: int, index: int, roster: dict | None = None) -> GenArticle:
    """Article ``index`` of the corpus of ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    roster = roster or _roster(seed)
    published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 11 * 365))
    slots = _slots(rng, roster, published)
    theme = rng.choice(tuple(LEADS))
    plan = [LEADS[theme]] + rng.sample(FACTS, rng.randint(4, len(FACTS)))
    fillers = rng.sample(FILLERS, len(FILLERS))
    target = rng.randint(1500, 2400)
    art = GenArticle(f"a{index:05d}.txt", "", "", "", published)
    paragraphs: list[list[str]] = [[]]
    length = 0
    while plan or (length < target and fillers):
        use_plan = plan and (not art.sentences or not fillers or rng.random() < 0.6)
        template, facts = plan.pop(0) if use_plan else (fillers.pop(), [])
        text, where = _fill(template, slots, rng)
        start = length + (1 if paragraphs[-1] else 0)
        if paragraphs[-1] and (len(paragraphs[-1]) >= 3 or rng.random() < 0.45):
            paragraphs.append([])
        _record(art, slots, text, where, facts, start)
        paragraphs[-1].append(text)
        length = start + len(text)
    art.body = "\n".join(" ".join(p) for p in paragraphs if p)
    art.title = _title(theme, slots, rng)
    art.page = _page(art, [" ".join(p) for p in paragraphs if p], slots, rng)
    return art


def _record(art: GenArticle, slots: dict, text: str, where: list, facts: list, start: int) -> None:
    art.sentences.append((start, start + len(text)))
    for name, s, e in where:
        art.mentions.setdefault((ENTITY_SLOTS[name], slots[name]), []).append((start + s, start + e))
    for fact in facts:
        # A fact whose entities the article never names is dropped by to_extraction.
        kind, args = _relation(fact, slots)
        if (kind, args) not in [(k, a) for k, a, _ in art.relations]:
            art.relations.append((kind, args, len(art.sentences) - 1))


def _title(theme: str, slots: dict, rng: random.Random) -> str:
    return {
        "mou": f"{slots['org']}·{slots['org2']}, {slots['topic']} 협력 업무협약 체결",
        "event": f"{slots['org']}, {slots['event']} 개최",
        "program": f"{slots['org']}, 올해 {slots['program']} 본격 추진",
        "appointment": f"{slots['person']} {slots['org']} {slots['post']} 취임",
    }[theme] + rng.choice(("", "… 지역 기업 성장 지원", " - 현장 중심 협력 강화"))


def _page(art: GenArticle, paragraphs: list[str], slots: dict, rng: random.Random) -> str:
    d = art.published
    hh, mi, ss = rng.randint(7, 20), rng.randint(0, 59), rng.randint(0, 59)
    byline = rng.choice(BYLINES).format(y=d.year, yy=f"{d.year % 100:02d}", mm=f"{d.month:02d}", dd=f"{d.day:02d}",
                                        hh=f"{hh:02d}", mi=f"{mi:02d}", ss=f"{ss:02d}")
    section = rng.choice(SECTIONS)
    paper = rng.choice(PAPERS)
    reporter = _person(rng)
    header = [f"{art.title} > {section}", ""] + [m.format(section=section) for m in rng.sample(MENU_LINES, rng.randint(3, 6))]
    header += ["", art.title, "", f"{reporter} 기자", byline, f"reporter{rng.randint(1, 99)}@example.com", ""]
    caption = f"▲ {slots['person']} {slots['post']}{josa(slots['post'], '이/가')} 기념촬영을 하고 있다. (사진={slots['org']} 제공)"
    body = paragraphs[:1] + ["", caption, ""] + [line for p in paragraphs[1:] for line in ("", p)]
    teasers = [f"{rng.choice(REGIONS)}{rng.choice(REGIONAL_ORG_SUFFIXES)}, {rng.choice(TOPICS)} 기업 모집" for _ in range(3)]
    footer = ["", rng.choice(FOOTERS).format(paper=paper), "", rng.choice(("관련기사", "많이 본 뉴스"))] + teasers
    return "\n".join(header + body + footer) + "\n"


def generate(n: int, seed: int = 7) -> list[GenArticle]:
    """The first ``n`` articles of the corpus of ``seed``."""
    roster = _roster(seed)
    return [make_article(seed, i, roster) for i in range(n)]


def write_corpus(folder: str | Path, n: int, seed: int = 7, jsonl: bool = False) -> list[GenArticle]:
    """Write ``n`` articles as ``.txt`` page dumps (and ``corpus.jsonl`` bodies if asked) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    articles = generate(n, seed)
    for art in articles:
        (folder / art.id).write_text(art.page, encoding="utf-8")
    if jsonl:
        with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
            for art in articles:
                row = {"id": art.id[:-4], "text": art.body, "title": art.title, "published": art.published.isoformat()}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return articles


def to_extraction(art: GenArticle):
    """The ``Extraction`` a perfect extractor would return for ``art``."""
    from kg.records import Article, Entity, Extraction, Relation, Span

    body = art.body
    keys = {name_type: f"e{i + 1}" for i, name_type in enumerate(art.mentions)}
    entities = tuple(Entity(keys[(t, name)], t, name, (), tuple(Span(s, e, body[s:e]) for s, e in spans))
                     for (t, name), spans in art.mentions.items())
    by_name = {name: keys[(t, name)] for (t, name) in art.mentions}
    sentences = tuple(Span(s, e, body[s:e]) for s, e in art.sentences)
    relations = []
    for kind, args, index in art.relations:
        mapped = {k: (tuple(by_name[x] for x in v) if isinstance(v, tuple)
                      else by_name.get(v, v) if k not in ("post", "date", "year") else v) for k, v in args.items()}
        if all(not isinstance(v, str) or v in keys.values() or k in ("post", "date") for k, v in mapped.items()):
            relations.append(Relation(kind, mapped, sentences[index]))
    article = Article(art.id, art.id, body, art.title, art.published, None, None)
    return Extraction(article, sentences, entities, tuple(relations))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles (100 to 10,000)")
    parser.add_argument("out", help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jsonl", action="store_true", help="also write corpus.jsonl (bodies and metadata)")
    args = parser.parse_args()
    articles = write_corpus(args.out, args.n, args.seed, args.jsonl)
    chars = sum(len(a.body) for a in articles)
    print(f"{len(articles)} articles, {chars} body characters -> {args.out}")


if __name__ == "__main__":
    main()
