"""Extraction on our own short news-style sentences: each relation pattern, coreference, tenure."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.extract.coref import _spelling, is_abbreviation, join_persons_named_as_bodies, join_spellings
from kg.extract import extract
from kg.extract.entities import Entities
from kg.extract.places import located_in
from kg.extract.posts import is_name
from kg.extract.units import reorganized_units
from kg.extract.sentence import Sentence, place_rank
from kg.extract.titles import split_title
from kg.records import RELATION_FIELDS, STATUS_CURRENT, STATUS_ENDED, STATUS_FORMER, STATUS_STARTED, Article
from kg.resolve import resolve

PUBLISHED = date(2024, 3, 15)


def run(text: str, published: date | None = PUBLISHED):
    return extract(Article(id="t", path="t", text=text, published=published))


def facts(x) -> set[tuple]:
    """Relations as tuples of entity names and literals, in field order."""
    names = {e.key: e.name for e in x.entities}
    out = set()
    for rel in x.relations:
        row = [rel.type]
        for field, kind in RELATION_FIELDS[rel.type].items():
            value = rel.args[field]
            if kind == "entity":
                value = names[value]
            elif kind == "entities":
                value = frozenset(names[k] for k in value)
            row.append(value)
        out.add(tuple(row))
    return out


def entity(x, name: str):
    return next(e for e in x.entities if e.name == name)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("한빛산업진흥원(원장 박서준)은 새 사업을 시작한다고 밝혔다.", ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("박서준 한빛산업진흥원장은 기업 지원을 늘리겠다고 말했다.", ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("김하늘 누리바이오협회 회장이 축사를 했다.", ("holdsPost", "김하늘", "누리바이오협회", "회장")),
        ("최유리 수원시 부시장이 격려사를 했다.", ("holdsPost", "최유리", "수원시", "부시장")),
        ("한빛대 조민준 대외협력처장이 발표를 맡았다.", ("holdsPost", "조민준", "한빛대", "대외협력처장")),
        ("누리협의회(회장 정 준)는 모임을 가졌다.", ("holdsPost", "정 준", "누리협의회", "회장")),
        ("한빛과학원(HBW·원장 김하늘)은 새 연구단을 꾸렸다.", ("holdsPost", "김하늘", "한빛과학원", "원장")),
        ("누리상의는 누코(한빛자산관리공사, 사장 김하늘)와 협약을 맺었다.",
         ("holdsPost", "김하늘", "한빛자산관리공사", "사장")),  # the full name inside, the short one not found
        ("한빛산업진흥원(원장·박서준)은 새 사업을 시작했다.", ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("이도현 가온정밀 대표는 공장 증설을 밝혔다.", ("holdsPost", "이도현", "가온정밀", "대표")),
        ("박서준 수원시장(오른쪽)이 인사말을 했다.", ("holdsPost", "박서준", "수원시", "시장")),  # where a photo shows him
        ("누리지원단(단장 최유리·이하 지원단)은 오는 9일 설명회를 개최한다.", ("holdsPost", "최유리", "누리지원단", "단장")),
        # named to a post written after its organization
        ("누리연구원 제7대 신임 원장으로 임명된 김하늘 한빛대 명예교수가 취임했다.", ("holdsPost", "김하늘", "누리연구원", "원장")),
        ("누리연구원 신임 원장에 김하늘 한빛대 교수가 임명됐다.", ("holdsPost", "김하늘", "누리연구원", "원장")),
        ("한빛대학교의료원(의료원장 김하늘)과 협약을 맺었다.", ("holdsPost", "김하늘", "한빛대학교의료원", "의료원장")),
        ("한빛상공회의소(회장 나주민)가 협약을 맺었다.", ("holdsPost", "나주민", "한빛상공회의소", "회장")),  # 나주: a city
        ("누리테크노파크 제3대 박도윤 신임 원장 취임", ("holdsPost", "박도윤", "누리테크노파크", "원장")),
        ("누리테크노파크 김하늘(55) 원장은 기업을 찾았다.", ("holdsPost", "김하늘", "누리테크노파크", "원장")),
        ("누리균형발전위원회는 새 계획을 냈다. 성도윤 누리균형발전위원장 주재로 간담회를 열었다.",
         ("holdsPost", "성도윤", "누리균형발전위원회", "위원장")),  # the committee the article names
        ("오늘 회의는 성도윤 국가균형발전위원장이 이끌었다.", ("holdsPost", "성도윤", "국가균형발전위원회", "위원장")),
        ("한미래 한빛시의회 경제환경위원장이 참석했다.", ("holdsPost", "한미래", "한빛시의회", "경제환경위원장")),
        ("누리도의회 경제위원회 박도윤(누리당, 한빛2) 의원은 기업을 찾았다.",
         ("holdsPost", "박도윤", "누리도의회 경제위원회", "의원")),
        ("누리메디허브(한빛첨단바이오산업육성재단, 이사장 정하람)가 장비 지원을 넓혔다.",
         ("holdsPost", "정하람", "한빛첨단바이오산업육성재단", "이사장")),
        ("한빛산업진흥원(원장 박서준 http://www.hanbit.example)은 새 사업을 시작했다.",
         ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("한빛산업진흥원은 수원시와 투자협약을 맺었다. 한빛산업진흥원은 공장을 짓는다. 최유리 부시장은 협약을 반겼다.",
         ("holdsPost", "최유리", "수원시", "부시장")),
        ("누리바이오협회(회장 박서준, 이하 협회)는 회원사 모임을 열었다.", ("holdsPost", "박서준", "누리바이오협회", "회장")),
        ("오후에는 사례 발표(정민호 박사. 한빛생산기술연구원)가 이어졌다.", ("memberOf", "정민호", "한빛생산기술연구원")),
        ("오후에는 사례 발표(강지우 대표. 누리바이오메드)가 이어졌다.", ("holdsPost", "강지우", "누리바이오메드", "대표")),
        ("누리디지털산업진흥원은 창립총회를 열고 김하늘 수원시 경제국장을 이사장으로 선출했다.",
         ("holdsPost", "김하늘", "누리디지털산업진흥원", "이사장")),
        ("누리디지털산업진흥원은 창립총회를 열고 김하늘 수원시 경제국장을 이사장으로 선출했다.",
         ("holdsPost", "김하늘", "수원시", "경제국장")),
        ("누리테크노파크는 박서준 ㈜한빛 대표이사를 회장으로, 최유리 ㈜누리 대표이사와 정민호 ㈜가람 대표이사를 "
         "각각 부회장과 총무로 선출했다.", ("holdsPost", "정민호", "누리테크노파크", "총무")),
        ("누리테크노파크는 박서준 ㈜한빛 대표이사를 회장으로, 최유리 ㈜누리 대표이사와 정민호 ㈜가람 대표이사를 "
         "각각 부회장과 총무로 선출했다.", ("holdsPost", "박서준", "누리테크노파크", "회장")),
        # a corporate form in parentheses before the organization (gold/FORMAT.md: no part of its name)
        ("시장은 김하늘 (재)누리테크노파크 원장에게 감사패를 전했다.", ("holdsPost", "김하늘", "누리테크노파크", "원장")),
        ("시장은 박민수 (주)한빛전자 대표이사에게 감사패를 전했다.", ("holdsPost", "박민수", "(주)한빛전자", "대표이사")),
        # a name in Hanja, as older papers print them
        ("수원시(시장 金夏凜)는 누리상공회의소(회장 朴瑞俊)와 협약을 맺는다.", ("holdsPost", "金夏凜", "수원시", "시장")),
        # a governor whose province the article names by its short form
        ("한빛연구원은 2일 개원 20주년 기념식을 열었다. 이날 행사에는 박서준 도지사 등 200여 명이 참석했다. "
         "참석자들은 전남의 미래를 논의했다.", ("holdsPost", "박서준", "전남", "도지사")),
        # a title glued to a name the article gave before (한빛청장), not skipped for the next person's
        ("한빛청은 새 계획을 냈다. 이날 행사에는 최유리 한빛청장, 박서준 경기도지사가 참석했다.",
         ("holdsPost", "박서준", "경기도", "도지사")),
        ("한빛청은 새 계획을 냈다. 이날 행사에는 최유리 한빛청장, 박서준 경기도지사가 참석했다.",
         ("holdsPost", "최유리", "한빛청", "청장")),
        # a team's head: the team is part of the post, the body is the organization (gold/FORMAT.md)
        ("행사에는 이정우 누리산업진흥원 기획팀장이 참석했다.", ("holdsPost", "이정우", "누리산업진흥원", "기획팀장")),
        ("누리산업진흥원은 새 사업을 시작했다. 진흥원의 최수진 기업지원팀장은 말했다.",
         ("holdsPost", "최수진", "누리산업진흥원", "기업지원팀장")),
    ],
)
def test_posts_and_membership(text, fact):
    assert fact in facts(run(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("한빛산업진흥원과 누리바이오협회는 지난 12일 바이오산업 육성을 위한 업무협약을 체결했다.",
         ("partnership", frozenset({"한빛산업진흥원", "누리바이오협회"}), "2024-03-12")),
        ("박서준 수원시장과 최유리 누리협회 회장이 20일 투자 유치에 뜻을 모으는 협약을 맺었다.",  # heads sign for their bodies
         ("partnership", frozenset({"수원시", "누리협회"}), "2024-02-20")),
        ("누리공단은 2개 자치구(누리구청, 한빛구청) 및 2개 지원기관(누리경제진흥원, 가람진흥원) 등과 업무협약을 체결했다.",
         ("partnership", frozenset({"누리공단", "누리구청", "한빛구청", "누리경제진흥원", "가람진흥원"}), None)),
        ("한빛산업진흥원은 2005년 설립된 산업지원 전문기관이다.", ("founded", "한빛산업진흥원", 2005)),
        ("한빛산업진흥원은 행사를 열었다. 이 기관은 2010년 설립됐다.", ("founded", "한빛산업진흥원", 2010)),
        ("한빛산업진흥원은 오는 30일 수원시청에서 `한빛 산업융합 포럼`을 개최한다.", ("heldAt", "한빛 산업융합 포럼", "수원시청")),
        ("한빛산업진흥원은 오는 30일 수원시청에서 `한빛 산업융합 포럼`을 개최한다.", ("eventDate", "한빛 산업융합 포럼", "2024-03-30")),
        ("누리시는 오는 20일부터 21일까지 한빛호텔에서 '누리 투자 라운드테이블'을 개최한다.",
         ("eventDate", "누리 투자 라운드테이블", "2024-03-20")),  # an event of several days: the day it starts
        ("누리부는 오는 11∼13일 사흘간 권역별 사업설명회를 연다.", ("eventDate", "사업설명회", "2024-04-11")),
        ("누리시는 2019년 ‘누리특허은행’을 설립해 상담을 지원하고 있다.", ("founded", "누리특허은행", 2019)),
        ("한빛산업진흥재단이 ‘한빛산업진흥원’으로 명칭을 변경했다.", ("renamed", "한빛산업진흥재단", "한빛산업진흥원")),
        ("한빛산업진흥원은 새 비전을 밝혔다.\n2005년 한빛산업진흥재단으로 출범한 진흥원은 2019년 지금의 이름으로 바꿨다.",
         ("renamed", "한빛산업진흥재단", "한빛산업진흥원")),
        ("한국산업단지공단 호남지역본부는 새 사업을 추진한다.", ("subOrganizationOf", "한국산업단지공단 호남지역본부", "한국산업단지공단")),
        ("누리메디허브는 보건복지부 산하 공공기관으로 성장했다.", ("subOrganizationOf", "누리메디허브", "보건복지부")),
        ("중소벤처기업부 누리지방중소벤처기업청이 올해 기업 애로를 듣는다.",
         ("subOrganizationOf", "누리지방중소벤처기업청", "중소벤처기업부")),
        ("한빛산업진흥원은 ‘한빛 창업카페’를 운영하고 있다.", ("operates", "한빛산업진흥원", "한빛 창업카페")),
        ("경기 수원시의 기업들이 참여했다.", ("locatedIn", "수원시", "경기")),
        ("한빛산업진흥원은 창업지원주택(수원/화성) 입주기업을 모집한다.", ("locatedIn", "창업지원주택", "화성")),
        ("한빛산업진흥원은 바이오 소재 실증사업(수원)을 맡았다.", ("locatedIn", "바이오 소재 실증사업", "수원")),
        ("한빛산업진흥원은 중국 우시 소재 누리바이오센터와 교류한다.", ("locatedIn", "누리바이오센터", "우시")),
        ("누리지역본부와 한빛센터는 이날부터 수원시 영통구 누리타워에 입주해 운영된다.", ("locatedIn", "한빛센터", "누리타워")),
        ("한빛바이오센터는 내년 봄 수원시 영통구 누리기술원 안에 들어선다.", ("locatedIn", "한빛바이오센터", "누리기술원")),
        ("누리산업진흥원은 서울 여의도 누리컨벤션센터에서 포럼을 열었다.", ("locatedIn", "누리컨벤션센터", "여의도")),
        # listed together, each takes part: the hosts and runners named before the subject's particle
        ("누리산업진흥원과 한빛바이오협회(HBA)는 오는 20일 수원시청에서 ‘바이오 성과 발표회’를 개최한다.",
         ("organizes", "누리산업진흥원", "바이오 성과 발표회")),
        ("누리산업진흥원과 한빛바이오협회(HBA)는 오는 20일 수원시청에서 ‘바이오 성과 발표회’를 개최한다.",
         ("organizes", "한빛바이오협회", "바이오 성과 발표회")),
        ("한빛산업진흥원은 지난 5일 누리바이오협회(NBA)와 함께 ‘2025 바이오 투자 포럼’을 공동 개최했다.",
         ("organizes", "누리바이오협회", "2025 바이오 투자 포럼")),
        ("누리테크노파크는 지난 3일 ‘바이오 교류 포럼’을 진행하고 협약을 맺었다.",
         ("organizes", "누리테크노파크", "바이오 교류 포럼")),
        ("누리산업진흥원과 한빛바이오협회는 ‘바이오 창업 도약사업’의 운영기관을 새로 뽑았다.",
         ("operates", "누리산업진흥원", "바이오 창업 도약사업")),
        ("누리산업진흥원과 한빛바이오협회는 ‘바이오 창업 도약사업’의 운영기관을 새로 뽑았다.",
         ("operates", "한빛바이오협회", "바이오 창업 도약사업")),
        ("한빛메디허브는 재단 안팎의 요청에 따라 재단 내 소재분석센터, 임상시험센터를 함께 연다.",
         ("subOrganizationOf", "임상시험센터", "한빛메디허브")),
        ("누리메디허브는 신약지원센터와 의료기기지원센터, 전임상센터 등을 갖추고 기업을 돕는다.",
         ("subOrganizationOf", "의료기기지원센터", "누리메디허브")),
        ("누리디지털진흥원은 '누리SW지원센터'와 '누리문화지원센터'로 구성된다.",
         ("subOrganizationOf", "누리문화지원센터", "누리디지털진흥원")),
        ("누리대학교 산학협력단은 산하 창업보육센터 입주기업을 추천한다.",
         ("subOrganizationOf", "창업보육센터", "누리대학교 산학협력단")),
        ("정보통신부 산하기관인 누리SW지원센터가 문을 열었다.", ("subOrganizationOf", "누리SW지원센터", "정보통신부")),
        ("누리연구원은 산업통상자원부 산하 연구기관이다.", ("subOrganizationOf", "누리연구원", "산업통상자원부")),
        # those chosen to carry a programme out, and those who run it with the subject, run it
        ("누리테크노파크(원장 박서준)는 산업통상자원부가 시행하는 2026년도 수소버스 기술보급사업 전문기관으로 지정됐다.",
         ("operates", "누리테크노파크", "수소버스 기술보급사업")),
        ("누리공사는 창원시, 한국산업단지공단 누리지역본부와 공동으로 조성한 한빛 혁신지원 사업이 정부 공모에 포함됐다고 "
         "22일 발표했다.", ("operates", "창원시", "한빛 혁신지원 사업")),
        ("누리신용보증재단은 경기도, 한빛콘텐츠진흥원과 함께 콘텐츠기업을 돕는 누리 특례보증 사업을 운영하고 있다.",
         ("operates", "한빛콘텐츠진흥원", "누리 특례보증 사업")),
        ("누리시는 대구 서남권 4대 대학(누리대학교, 한빛대학교, 가람대학교)과 협력한다.",
         ("locatedIn", "가람대학교", "대구 서남권")),  # what a place's counted kind lists in parentheses
        ("대구 서남권에 있는 누리창업사관학교와 한빛창업사관학교가 힘을 보탠다.",
         ("locatedIn", "한빛창업사관학교", "대구 서남권")),  # X에 있는 A와 B: both
        ("누리메디허브는 올해 의료기기지원센터의 시험 장비를 늘린다.", ("subOrganizationOf", "의료기기지원센터", "누리메디허브")),
        ("누리 스마트공장 사업은 한국산업단지공단이 중소벤처기업부와 함께 추진하는 사업이다.",
         ("operates", "중소벤처기업부", "누리 스마트공장 사업")),
        ("두 기관은 수원시와 누리진흥공사가 조성 중인 '수원 창업밸리 사업'에 힘을 보탠다.",
         ("operates", "수원시", "수원 창업밸리 사업")),
        ("한빛재단은 누리공항공사가 운영하는 '누리 관광창업 육성사업'에 참여한다.",
         ("operates", "누리공항공사", "누리 관광창업 육성사업")),
        ("누리본부는 누리 스마트공장 사업을 알린다. 누리본부는 지난해 같은 사업으로 기업 98곳을 지원했다.",
         ("operates", "누리본부", "누리 스마트공장 사업")),
        ("2001년 문을 연 한빛산업진흥원은 기업 지원을 맡아 왔다.", ("founded", "한빛산업진흥원", 2001)),
        ("수원시에 본원을 둔 누리테크노파크는 기업을 돕는다.", ("locatedIn", "누리테크노파크", "수원시")),
        ("수원과 화성, 오산 등 경기 남부에는 공장이 많다.", ("locatedIn", "화성", "경기 남부")),
        ("대구 동구 누리의료복합단지에 자리한 누리메디허브는 센터를 갖췄다.", ("locatedIn", "동구", "대구")),
        ("대구 동구 누리의료복합단지에 자리한 누리메디허브는 센터를 갖췄다.", ("locatedIn", "누리메디허브", "누리의료복합단지")),
        ("누리본부는 남동국가산업단지 안에 있는 누리센터 대회의실에서 설명회를 연다.",
         ("locatedIn", "누리센터 대회의실", "남동국가산업단지")),
        ("수원시에 들어설 누리디지털진흥원은 두 센터로 구성된다.", ("locatedIn", "누리디지털진흥원", "수원시")),
        ("지난해 문을 연 누리특허은행은 상담을 이어간다.", ("founded", "누리특허은행", 2023)),
        ("한빛진흥원은 중국 광저우에 지사를 세웠다.", ("locatedIn", "광저우", "중국")),
        ("협약에는 대덕연구개발특구에 포함된 누리대학교 산학협력단이 참여했다.",
         ("locatedIn", "누리대학교 산학협력단", "대덕연구개발특구")),
        ("기공식은 지난 5일 애월읍 고성리 한빛센터에서 열렸다.", ("locatedIn", "고성리", "애월읍")),
        ("두 기관은 누리공단 청년창업 지원사업과 한빛공사 B2C 물류사업을 잇는다.", ("operates", "한빛공사", "B2C 물류사업")),
        ("누리메디허브는 한빛대학교 산학협력단이 맡아 수행 중인 누리부 ‘누리 실용화 지원사업’에 참여한다.",
         ("operates", "한빛대학교 산학협력단", "누리 실용화 지원사업")),  # the runner before another name
        ("누리메디허브는 한빛대학교 산학협력단이 맡아 수행 중인 누리부 ‘누리 실용화 지원사업’에 참여한다.",
         ("operates", "누리부", "누리 실용화 지원사업")),  # whose programme it is, named right before it
        ("두 기관은 누리수출진흥원에서 올해부터 추진하는 '가온 수출 도약사업'을 함께 넓힌다.",
         ("operates", "누리수출진흥원", "가온 수출 도약사업")),  # 에서: a body as the clause's subject
        ("누리창업센터는 수정구 태평동 12 한빛타워에 지원 공간을 마련했다.",
         ("locatedIn", "한빛타워", "태평동")),  # a street number between two places
        ("수원으로 이전한 누리인력공단 건물을 고쳐 쓴다.", ("locatedIn", "누리인력공단", "수원")),
        ("산업통상자원부와 한빛진흥원(HBP), 남부권 3개 시도(광주, 전남, 전북)는 ‘남부권 SW 성과 발표회’를 오는 20일 "
         "연다.", ("organizes", "전남", "남부권 SW 성과 발표회")),  # members of a counted group listed with the hosts
        ("산업통상자원부는 9일 열린 한빛투자진흥회의에서 ‘누리센터 기능 확충계획’을 내놨다.",
         ("participatesIn", "산업통상자원부", "한빛투자진흥회의")),  # the subject at an event told as held
        ("협약에는 한빛대, 누리대, 가온대 등 대구 서남권 3개 대학이 참여했다.",
         ("locatedIn", "가온대", "대구 서남권")),  # listed before 등 and a place counted as what they are
        ("누리재단은 특허청이 주관하는 ‘누리 창업 지원사업’의 운영기관이 됐다.",
         ("operates", "특허청", "누리 창업 지원사업")),
        ("누리본부는 미니클러스터 사업을 이어간다. 노후 공장을 고치는 한빛 환경개선펀드도 함께 운영한다.",
         ("operates", "누리본부", "한빛 환경개선펀드")),  # no subject: the topic runs what the sentence runs
        ("누리산업단지공단은 오는 9일 서남지역본부에서 설명회를 연다.",
         ("subOrganizationOf", "서남지역본부", "누리산업단지공단")),
        ("누리시장진흥공단은 경인지역본부와 인천센터를 새 건물로 옮긴다.",
         ("subOrganizationOf", "경인지역본부", "누리시장진흥공단")),
        ("누리시장진흥공단은 경인지역본부와 인천남부센터를 새 건물로 옮긴다.",
         ("subOrganizationOf", "인천남부센터", "누리시장진흥공단")),  # a regional centre listed with a branch
        ("수원시와 한빛산업진흥재단이 누리청이 주관하는 ‘누리 창업도약 지원사업’의 운영기관으로 지정됐다.",
         ("operates", "수원시", "누리 창업도약 지원사업")),  # a city listed with the subject body runs it too
        ("한빛국가산업단지(누리밸리) 내 창업 지원시설인 '가온창업지원센터'가 문을 연다.",
         ("locatedIn", "가온창업지원센터", "한빛국가산업단지")),  # the name right after 내 lies in the place
        ("새 센터는 누리시 한빛구 가온동 누리디지털진흥원 안에 문을 연다.",
         ("locatedIn", "누리디지털진흥원", "가온동")),  # a body right after its neighbourhood: its address
        ("연합회 사무국은 서울 한빛동 누리산업공단 본사 안에 둔다.",
         ("locatedIn", "누리산업공단", "한빛동")),  # the place before an organization's seat
        ("누리무역공사는 지난 12일 서초구 본사에서 가온진흥공단과 수출 지원 협약을 맺었다.",
         ("locatedIn", "누리무역공사", "서초구")),  # the subject's seat
        ("누리시는 지난 3일 가온창업센터 개관식을 열었다.", ("eventDate", "가온창업센터 개관식", "2024-03-03")),
        ("한빛시는 15일 누리호텔에서 누리협의체 기관장 간담회를 열었다. 간담회에서 한빛청 김하늘 청장이 인사말을 했다.",
         ("participatesIn", "김하늘", "누리협의체 기관장 간담회")),  # who greets the meeting speaks at it
        ("이를 위해 누리센터에 도입된 '한빛 사전상담 서비스'를 다른 지점으로도 넓힌다.",
         ("operates", "누리센터", "한빛 사전상담 서비스")),  # the body a service was brought into runs it
        ("누리진흥원의 청년 창업 지원 기관인 ‘가온 창업보육 프로그램’이 올해 시작됐다.",
         ("operates", "누리진흥원", "가온 창업보육 프로그램")),  # a body's institution: the body runs it
        ("누리산업재단은 올해 창업 기업을 돕는다. 공동주택에 태양광을 보급하는 한빛 연료전지 보급사업도 펼친다.",
         ("operates", "누리산업재단", "한빛 연료전지 보급사업")),  # 펼친다: a verb of running, the topic runs it
    ],
)
def test_relation_patterns(text, fact):
    assert fact in facts(run(text))


@pytest.mark.parametrize("text, fact, present", [
    ("누리시는 가온을 유럽의 실리콘밸리로 키운다.", ("locatedIn", "실리콘밸리", "유럽"), False),  # a likening
    ("경기의 수원시에는 공장이 많다.", ("locatedIn", "수원시", "경기"), True),
])
def test_a_place_likened_to_a_continent_s_site_does_not_lie_in_it(text, fact, present):
    assert (fact in facts(run(text))) == present


@pytest.mark.parametrize("text, fact", [
    ("누리공사는 16일 한빛청과 업무협조약정을 체결했다.", ("partnership", frozenset({"누리공사", "한빛청"}), "2024-02-16")),
    ("수원시는 지역 산업을 키우기 위해 한빛평가원과 업무협약을 한다.",
     ("partnership", frozenset({"수원시", "한빛평가원"}), None)),  # 협약을 한다: signed as well
    ("누리공사는 16일 본사에서 한빛진흥원, 가온진흥원 등 지역진흥원 2곳과 협약을 새로 맺었다.",
     ("partnership", frozenset({"누리공사", "한빛진흥원", "가온진흥원"}), "2024-02-16")),  # 지역진흥원 2곳: their kind
    ("수원시는 지역 산업을 키우기 위해 한빛평가원과 업무협약을 한다. 오는 25일 오전 수원시청 상황실에서 김하늘 수원시장과 "
     "박서준 한빛평가원장 등 양측 대표가 자리한 가운데 오는 25일 협약식을 연다.",
     ("partnership", frozenset({"수원시", "한빛평가원"}), "2024-03-25")),  # signed on the ceremony's day
    ("수원시는 2일 창업 지원 기관들과 협약을 맺었다고 밝혔다. 업무협약에는 수원시와 한빛대학교, 가온진흥원, "
     "누리테크노파크 등 네 기관이 함께했다.",
     ("partnership", frozenset({"수원시", "한빛대학교", "가온진흥원", "누리테크노파크"}), "2024-03-02")),  # listed as in it
    ("누리공단은 23일 대학 등 3개 기관과 협약을 맺었다고 밝혔다. 이날 한빛대학교 강당에서 진행된 협약식에는 "
     "김하늘 누리공단 이사장과 함께 가온대학교, 나래대학교, 누리진흥원이 참석했다.",  # the topic with those listed
     ("partnership", frozenset({"누리공단", "가온대학교", "나래대학교", "누리진흥원"}), "2024-02-23")),
])
def test_agreements_stated_in_other_words(text, fact):
    assert fact in facts(run(text))


@pytest.mark.parametrize("text, host", [
    ("수원시는 창업 지원을 늘린다. 시는 9일 영통구 누리빌딩에서 한빛창업센터 개소식을 열었다.", "수원시"),
    ("수원시는 창업 지원을 늘린다. 시는 “9일 누리빌딩에서 한빛창업센터 개소식을 열고 곧바로 문을 연다”고 밝혔다.", "수원시"),
    ("수원시와 화성시는 창업을 돕는다. 화성시는 올해 예산을 늘렸다. 시는 9일 누리빌딩에서 한빛창업센터 개소식을 열었다.",
     "화성시"),  # the city the article speaks of most
])
def test_a_bare_si_is_the_article_s_city(text, host):
    assert ("organizes", host, "한빛창업센터 개소식") in facts(run(text))


@pytest.mark.parametrize("text, fact, present", [
    ("누리협회는 창립총회를 열었다. 회원들은 김하늘 한빛협의회 회장(누리전선 대표)을 초대 누리협회 회장으로 선출하고 첫 회의를 열었다.",
     ("holdsPost", "김하늘", "누리협회", "회장"), True),  # 초대 … 회장으로: the first holder
    ("누리연구원은 이날 이사회에서 박서준 지사로부터 추천된 김하늘 소장을 제4대 원장으로 정하고 임명장을 주었다.",
     ("holdsPost", "김하늘", "누리연구원", "원장"), True),
    ("누리연구원은 이날 이사회에서 박서준 이사장이 추천한 김하늘 소장을 제4대 원장으로 정하고 임명장을 주었다.",
     ("holdsPost", "박서준", "누리연구원", "원장"), False),  # who recommended is not appointed
])
def test_who_is_appointed(text, fact, present):
    assert (fact in facts(run(text))) == present


@pytest.mark.parametrize("chosen, runs", [("주관기관", True), ("참여 기업", False)])
def test_the_bodies_chosen_as_a_programme_s_runners_run_it(chosen, runs):
    text = (f"누리부는 15일 ‘한빛 창업센터 지원사업’의 {chosen} 3곳을 새로 선정했다고 밝혔다. "
            "선정 기관은 가온테크노파크, 나래진흥원, 누리바이오재단 등이다.")
    assert (("operates", "나래진흥원", "한빛 창업센터 지원사업") in facts(run(text))) == runs


def test_the_ceremony_word_is_the_signing_named_by_its_parties():
    text = ("누리센터는 11일 본사 소회의실에서 ‘누리센터-한빛진흥원 상호협력협약’을 맺었다고 알렸다. "
            "협약식에는 김하늘 누리센터 대표와 박서준 한빛진흥원장이 참석했다.")
    events = [e.name for e in run(text).entities if e.type == "Event"]
    assert events == ["누리센터-한빛진흥원 상호협력협약"]


def test_a_body_written_before_its_unit_only_names_it_in_an_agreement():
    text = "누리공사(사장 김하늘) 한빛지역본부와 가온정보진흥원은 18일 협약을 맺었다."
    found = facts(run(text))
    assert ("partnership", frozenset({"한빛지역본부", "가온정보진흥원"}), "2024-02-18") in found
    assert ("subOrganizationOf", "한빛지역본부", "누리공사") in found  # its unit, the parenthesis between


def test_a_party_named_first_in_its_signing_s_name_does_not_host_it():
    text = "한빛진흥원 업무협약식이 11일 대회의실에서 열렸다. 한빛진흥원과 가온대학교는 이날 협약을 맺었다."
    assert not [f for f in facts(run(text)) if f[0] == "organizes"]  # a signing's parties sign it, nobody hosts


def test_who_took_office_is_at_the_inauguration_told_apart():
    text = "누리연구원 김하늘 원장이 이달 1일 취임했다. 누리연구원장 취임식은 연구원 대회의실에서 열렸다."
    assert ("participatesIn", "김하늘", "누리연구원장 취임식") in facts(run(text))


def test_the_bare_word_run_by_a_counted_list_is_the_programme_the_article_speaks_of():
    text = ("누리부는 ‘누리 SW융합사업’ 성과를 알린다. ‘누리 SW융합사업’은 지역 산업에 SW를 잇는 대표적인 한빛 SW지원사업이다. "
            "남부권은 한빛정보진흥원, 가온테크노파크 2개 단체가 사업을 진행 중이다.")
    found = facts(run(text))
    assert {("operates", "한빛정보진흥원", "누리 SW융합사업"), ("operates", "가온테크노파크", "누리 SW융합사업")} <= found
    assert ("operates", "가온테크노파크", "한빛 SW지원사업") not in found


def test_a_partner_runs_only_what_is_done_together():
    text = "누리진흥원은 올해 '누리 의료기기 지원사업' 참여 기업 가운데 10곳을 골라 한빛재단과 함께 시제품 평가를 운영한다."
    found = facts(run(text))
    assert ("operates", "누리진흥원", "누리 의료기기 지원사업") in found
    assert ("operates", "한빛재단", "누리 의료기기 지원사업") not in found


def test_the_subject_is_no_unit_of_what_others_are_under():
    text = "누리협회는 그간 산업통상자원부 산하 전국 30여 곳의 바이오센터 등과 손발을 맞춰 왔다."
    assert not [f for f in facts(run(text)) if f[0] == "subOrganizationOf"]


EVENT_TEXT = (
    "한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대강당에서 창립 10주년 기념식을 열었다.\n"
    "이날 기념식에는 최유리 수원시 부시장이 참석해 격려사를 했다."
)


@pytest.mark.parametrize(
    "fact",
    [
        ("organizes", "한빛산업진흥원", "창립 10주년 기념식"),
        ("heldAt", "창립 10주년 기념식", "한빛타워 대강당"),
        ("eventDate", "창립 10주년 기념식", "2024-03-12"),
        ("participatesIn", "최유리", "창립 10주년 기념식"),
    ],
)
def test_event_relations(fact):
    assert fact in facts(run(EVENT_TEXT))


def test_what_has_a_head_is_a_body_even_when_its_name_reads_as_a_person_s():
    x = run("누리테크노파크(원장 김하늘)와 조은대(총장 박서준)는 9일 협약서에 나란히 서명했다. 조은대 총장은 협약을 반겼다.")
    assert entity(x, "조은대").type == "Organization"
    assert ("partnership", frozenset({"누리테크노파크", "조은대"}), "2024-03-09") in facts(x)


def test_the_chair_of_a_meeting_takes_part_in_it():
    found = facts(run("누리공단은 16일 본부 회의실에서 박서준 누리발전위원장 주재로 혁신 간담회를 열었다."))
    assert ("participatesIn", "박서준", "혁신 간담회") in found


def test_a_place_a_speaker_names_is_not_where_the_event_told_outside_the_quotation_was_held():
    told = facts(run("누리시는 9일 누리벤처빌딩에서 창업센터 개소식을 열었다. "
                     "이날 개소식에서 박서준 시장은 “누리시는 경기도에서 창업 1위를 지킨다”고 말했다."))
    assert ("heldAt", "창업센터 개소식", "누리벤처빌딩") in told
    assert ("heldAt", "창업센터 개소식", "경기도") not in told
    quoted = facts(run("누리시는 “9일 누리벤처빌딩에서 창업센터 개소식을 갖는다”고 밝혔다."))
    assert ("heldAt", "창업센터 개소식", "누리벤처빌딩") in quoted


def test_event_words_refer_back_to_the_named_event():
    text = ("한빛산업진흥원은 지난 12일 창립 10주년 기념식을 열었다.\n"
            "이날 행사에는 최유리 수원시 부시장이 참석했으며 투자 상담회와 기업 설명회가 이어졌다.")
    found = facts(run(text))
    assert ("participatesIn", "최유리", "창립 10주년 기념식") in found
    assert not [f for f in found if f[0] == "participatesIn" and f[2] != "창립 10주년 기념식"]


def test_event_words_before_the_only_event_is_named_refer_to_it():
    text = ("이날 행사에는 최유리 수원시 부시장 등 100여명이 참석했다.\n"
            "한빛산업진흥원은 지난 12일 한빛타워에서 창업보육센터 개소식을 열었다.")
    assert ("participatesIn", "최유리", "창업보육센터 개소식") in facts(run(text))


@pytest.mark.parametrize("text, event, party", [
    ("누리도의회 박도윤(더불어민주당, 한빛2) 의원은 12일 한빛타워에서 열린 누리테크노파크-한빛연구원 업무협약에 참석했다.",
     "누리테크노파크-한빛연구원 업무협약", "더불어민주당"),
    ("누리시는 12일 협약식을 열었다. 이날 협약식에는 박서준 누리원 원장과 누리도의회 최유리 의원(국민의힘, 누리1) 등이 참석했다.",
     "협약식", "국민의힘"),
])
def test_a_party_in_parentheses_after_a_person_does_not_attend(text, event, party):
    found = facts(run(text))
    assert [f for f in found if f[0] == "participatesIn" and f[2] == event]  # its people do
    assert ("participatesIn", party, event) not in found


def test_those_who_attend_joined_events_take_part_in_each():
    text = ("누리시는 12일 한빛타워에서 수소 협의체 발족식 및 제2차 정기회를 가졌다. "
            "협의체에는 한빛대학교, 가람연구원 등 12곳이 함께했다.")
    found = facts(run(text))
    assert {("participatesIn", k, e) for k in ("한빛대학교", "가람연구원") for e in ("수소 협의체 발족식", "제2차 정기회")} <= found


def test_those_who_attend_after_the_event_is_told_take_part_in_it():
    text = ("누리산업진흥원은 지난 4일 한빛타워에서 창립 20주년 기념식을 열었다. 포상과 표창도 함께 진행됐다. "
            "박도윤 한빛시장, 김하늘 누리도의회 의장 등 200여 명이 참석했다.")
    found = facts(run(text))
    assert {("participatesIn", "박도윤", "창립 20주년 기념식"), ("participatesIn", "김하늘", "창립 20주년 기념식")} <= found


@pytest.mark.parametrize(
    "text, event",
    [
        ("누리산업진흥원은 지난 17일 이사회를 열고 김민준 원장을 다시 뽑았다.", "이사회"),
        ("누리진흥원과 한빛시의 업무협력 체결식이 지난 3일 열렸다. 이날 최유리 부시장이 참석했다.", "업무협력 체결식"),
        ("누리재단은 지난 5일 바이오 소재의 내일을 다루는 세미나를 열었다.", "세미나"),
        ("누리재단은 지난 5일 새로 진행한 간담회에서 기업들의 애로를 들었다.", "간담회"),
        ("누리재단은 매년 세미나를 열고 있다.", None),
        ("한빛협의회는 지난 9일 총회·이사회를 열어 새 임원진을 꾸렸다.", "총회·이사회"),
        ("한빛도는 2일 누리바이오센터에서 ‘한빛도 수소 협의체’ 발족식을 열었다.", "한빛도 수소 협의체 발족식"),
        ("세미나 자료는 지난 5일부터 누리재단 누리집에서 받을 수 있다.", None),
        ("누리협회는 지난 5일 회원사와 정례 교류회를 열었다.", None),  # a regular meeting, not one happening
    ],
)
def test_an_occasion_word_that_is_held_is_an_event(text, event):
    events = {e.name for e in run(text).entities if e.type == "Event"}
    assert events == ({event} if event else set())


@pytest.mark.parametrize(
    "text, fact",
    [
        ("수원시는 지난 20일 누리협회와 함께 '2026 수원 바이오 투자 주간'을 공동 개최했다.",
         ("organizes", "수원시", "2026 수원 바이오 투자 주간")),
        ("한빛산업진흥원은 지난 3일 서울에서 열린 ‘누리 바이오 파트너링 2026’에 참가했다.",
         ("participatesIn", "한빛산업진흥원", "누리 바이오 파트너링 2026")),
        ("경기도는 지난 2일 누리바이오센터에서 수소 협의체 발족식을 열었다.", ("organizes", "경기도", "수소 협의체 발족식")),
        ("누리청은 24일 한빛센터 대강당에서 도내 기관들이 모이는 ‘누리기업지원협의회’를 열었다.",
         ("heldAt", "누리기업지원협의회", "한빛센터 대강당")),  # 에서 도내: no 에서도
        ("누리진흥원과 경남, 부산은 지난 20일 한빛호텔에서 ‘누리 SW 성과 발표회’를 개최했다.",
         ("organizes", "경남", "누리 SW 성과 발표회")),  # provinces listed with an organization host with it
        ("지난 3일 한빛타워에서 열린 ‘누리 바이오 파트너링 2026’은 기업 200곳을 모았다.",
         ("heldAt", "누리 바이오 파트너링 2026", "한빛타워")),  # 열린 before the quote says it is held
    ],
)
def test_a_quoted_name_held_or_attended_is_an_event_and_a_province_or_city_hosts(text, fact):
    assert fact in facts(run(text))


def test_a_quoted_programme_that_is_run_stays_a_programme():
    x = run("한빛재단은 ‘바이오 창업 지원사업’을 진행한다.")
    assert [(e.name, e.type) for e in x.entities if e.name == "바이오 창업 지원사업"] == [("바이오 창업 지원사업", "Program")]


def test_a_signing_presented_as_an_occasion_is_an_event_named_with_its_purpose():
    x = run("수원시와 한빛진흥원은 5일 바이오 창업 기업 성장을 위한 지원기관 업무협약을 맺었다고 알렸다.\n"
            "협약에는 누리대, 한빛대 등 여섯 곳이 참여했다.")
    name = "바이오 창업 기업 성장을 위한 지원기관 업무협약"
    assert [e.name for e in x.entities if e.type == "Event"] == [name]
    assert {("participatesIn", "누리대", name), ("participatesIn", "한빛대", name)} <= facts(x)


@pytest.mark.parametrize("text", ["수원시와 한빛진흥원은 2일 청년 고용을 늘리기 위한 업무협약을 맺었다.",
                                  "한빛진흥원은 수원시와 2일 한빛타워에서 ‘누리 소재 기업의 해외 판로 개척을 위한 업무협약’을 맺었다."])
def test_a_signing_only_reported_is_no_event(text):
    x = run(text)
    assert not [e for e in x.entities if e.type == "Event"]
    assert ("partnership", frozenset({"수원시", "한빛진흥원"}), "2024-03-02") in facts(x)


def test_organizer_is_not_a_participant_of_its_own_event():
    found = facts(run(EVENT_TEXT))
    assert ("participatesIn", "한빛산업진흥원", "창립 10주년 기념식") not in found


def test_relative_event_date_left_out_without_publication_date():
    assert not [f for f in facts(run(EVENT_TEXT, published=None)) if f[0] == "eventDate"]


def test_signatories_take_part_in_the_signing_ceremony():
    text = ("한빛산업진흥원과 누리바이오협회는 업무협약을 체결했다.\n"
            "한빛산업진흥원에서 열린 업무협약식에는 양 기관 관계자가 참석했다.")
    found = facts(run(text))
    assert ("participatesIn", "누리바이오협회", "업무협약식") in found
    assert ("heldAt", "업무협약식", "한빛산업진흥원") in found


def test_mou_scope_items_are_not_programmes():
    text = ("한빛산업진흥원과 누리바이오협회는 업무협약을 체결하고 ▲공동 연구과제 기획 ▲기업 창업지원 프로그램 운영 "
            "등에 협력하기로 했다.")
    x = run(text)
    assert not [e for e in x.entities if e.type == "Program"]


@pytest.mark.parametrize(
    "text, name, alias",
    [
        ("한빛산업진흥원은 행사를 열었다. 진흥원은 앞으로 지원을 늘린다.", "한빛산업진흥원", "진흥원"),
        ("누리메디허브가 협약을 맺었다. 재단은 연구 인프라를 개방한다.", "누리메디허브", "재단"),
        ("한국산업단지공단이 사업을 시작했다. 산단공은 예산을 늘린다.", "한국산업단지공단", "산단공"),
        ("누리메디허브(누리첨단의료산업진흥재단)는 협약을 맺었다.", "누리첨단의료산업진흥재단", "누리메디허브"),
        ("누리콘텐츠진흥원(이하 누콘진)은 새 사업을 시작했다. 누콘진은 기업을 돕는다.", "누리콘텐츠진흥원", "누콘진"),
        ("한빛과학원(HBW·원장 김하늘)은 누리대와 협약을 맺었다.", "한빛과학원", "HBW"),
        ("한빛산업진흥재단이 ‘한빛산업진흥원’으로 명칭을 변경했다. 한빛산업진흥원은 새로 출발한다.", "한빛산업진흥원", "한빛산업진흥재단"),
        ("한국산업단지공단 호남지역본부는 사업을 넓힌다. 산단공 호남본부는 예산도 늘린다.",
         "한국산업단지공단 호남지역본부", "산단공 호남본부"),
    ],
)
def test_short_forms_abbreviations_and_former_names_are_aliases(text, name, alias):
    x = run(text)
    assert alias in entity(x, name).aliases
    assert not [e for e in x.entities if e.name == alias]


def test_short_form_takes_the_nearest_compatible_name():
    text = ("한빛산업진흥원은 누리의료재단과 손잡았다. 재단은 장비를 지원한다. "
            "한빛산업진흥원은 누리바이오진흥원과도 협력한다. 진흥원은 공간을 제공한다.")
    x = run(text)
    assert "재단" in entity(x, "누리의료재단").aliases
    assert "진흥원" in entity(x, "누리바이오진흥원").aliases


def test_anniversaries_are_not_foundings():
    assert not [f for f in facts(run("누리산업진흥원은 2026년 창립 25주년을 앞두고 있다.")) if f[0] == "founded"]


def test_generic_words_are_not_entities():
    x = run("기업과 지원사업, 컨퍼런스, 센터 등 여러 기관이 참여했다.")
    assert not x.entities


def test_a_short_form_cut_from_the_name_refers_back_but_joins_nothing_across_articles():
    a = extract(Article(id="a", path="a", text="한빛진흥원은 누리산업지원단과 협약을 맺었다. 한빛진흥원은 장비를 내준다. "
                        "지원단은 누리 수소부품 실증사업을 운영한다.", published=PUBLISHED))
    b = extract(Article(id="b", path="b", text="한빛혁신지원단(단장 박서준, 이하 지원단)은 설명회를 열었다. "
                        "지원단은 기업 30곳을 모았다.", published=PUBLISHED))
    assert ("operates", "누리산업지원단", "누리 수소부품 실증사업") in facts(a)  # 지원단은 is the article's 지원단
    res = resolve([a, b])
    ga, gb = (res.lookup(x.article.id, entity(x, name).key) for x, name in ((a, "누리산업지원단"), (b, "한빛혁신지원단")))
    assert ga is not gb and "지원단" not in (*ga.aliases, *gb.aliases)  # several organizations would share it


@pytest.mark.parametrize(
    "text, status, start, end",
    [
        ("박서준 한빛산업진흥원장은 기업 지원을 늘리겠다고 말했다.", STATUS_CURRENT, None, None),
        ("박서준 한빛산업진흥원장이 지난 4일 취임했다.", STATUS_STARTED, "2024-03-04", None),
        ("박서준 한빛산업진흥원장이 지난 4일 퇴임했다.", STATUS_ENDED, None, "2024-03-04"),
        ("김하늘 전 한빛산업진흥원장이 강연했다.", STATUS_FORMER, None, None),
    ],
)
def test_tenure_status(text, status, start, end):
    x = run(text)
    posts = [r for r in x.relations if r.type == "holdsPost"]
    assert [(r.status, r.start, r.end) for r in posts] == [(status, start, end)]


def test_former_posts_stay_out_of_the_annotations():
    from kg.extract.annotations import to_annotation

    ann = to_annotation(run("김하늘 전 한빛산업진흥원장이 강연했다."))
    assert not [r for r in ann["relations"] if r["type"] == "holdsPost"]


def test_every_relation_and_mention_points_at_its_characters():
    x = run(EVENT_TEXT)
    for rel in x.relations:
        assert x.article.text[rel.sentence.start:rel.sentence.end] == rel.sentence.text
    for ent in x.entities:
        for m in ent.mentions:
            assert x.article.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "word, expected",
    [
        ("원장", ("", "원장")),
        ("한빛산업진흥원장", ("한빛산업진흥원", "원장")),
        ("수원시장", ("수원시", "시장")),
        ("수원부시장", ("수원", "부시장")),
        ("누리구청장", ("누리구", "구청장")),
        ("기획경영본부장", ("", "기획경영본부장")),
        ("기업지원팀장", ("", "기업지원팀장")),  # a team is inside its body: its head's post names it
        ("누리생산기술연구소장", ("누리생산기술연구소", "소장")),
        ("기념사", None),
    ],
)
def test_split_title(word, expected):
    assert split_title(word, set()) == expected


@pytest.mark.parametrize(
    "short, full, expected",
    [
        ("경인본부", "경인지역본부", True),
        ("산단공", "한국산업단지공단", True),
        ("산단공 경인본부", "한국산업단지공단 경인지역본부", True),
        ("누리TP", "누리테크노파크", True),
        ("누리대", "누리대학교", True),
        ("누리디지털진흥원", "재단법인 누리디지털진흥원", True),
        ("누진공", "누리진흥공단", True),  # a 공단 shortened to 공
        ("누진공", "누리진흥원", False),
        ("성남시", "성남산업진흥원", False),
        ("경기도", "경기도의회", False),
        ("한빛전력", "한빛전력공사", True),  # the kind of public corporation dropped
        ("한빛", "한빛전력공사", False),
        ("한전", "한빛전력공사", True),  # the first syllable of each two-syllable part
        ("누대", "누리대학교", True),
        ("산기평", "한국산업기술평가관리원", True),  # the same after the country's name
        ("누전", "누리진흥원", False),
        ("리진", "누리진흥원", False),  # never from a second syllable
    ],
)
def test_is_abbreviation(short, full, expected):
    assert is_abbreviation(short, full) is expected


# Names: units after a short university name, programme names, spelling variants, names ending like particles


@pytest.mark.parametrize(
    "text, type_, name",
    [
        ("한빛산업진흥원은 누리대 산학협력단과 업무협약을 체결했다.", "Organization", "누리대 산학협력단"),
        ("누리본부는 12개 업종별 미니클러스터 운영 사업을 펼치고 있다.", "Program", "미니클러스터 운영 사업"),
        ("누리본부는 낡은 공장을 고치는 산업단지 환경개선펀드를 운영한다.", "Program", "산업단지 환경개선펀드"),
        ("누리메디허브는 올해 '누리 의료기업 기술지원 바우처'를 새로 운영한다.", "Program", "누리 의료기업 기술지원 바우처"),
        ("한빛대학교 정다은 교수가 기조강연을 했다.", "Person", "정다은"),
        ("경기도 수원시에 있는 누리대 한빛캠퍼스는 판교와 가깝다.", "Place", "누리대 한빛캠퍼스"),
        ("누리진흥원은 12일 한빛빌딩 4층 네트워킹룸에서 업무협약식을 가졌다.", "Place", "한빛빌딩 4층 네트워킹룸"),  # a room
        ("누리시는 12일 한빛호텔 그랜드볼룸에서 출범식을 열었다.", "Place", "한빛호텔 그랜드볼룸"),
        # a bare region leading a site or an organization is part of its name
        ("누리시는 이천 반도체 클러스터에 공장을 짓는 기업을 돕는다.", "Place", "이천 반도체 클러스터"),
        ("누리시는 대구 서남권의 창업 기반을 넓힌다.", "Place", "대구 서남권"),
        ("전남 테크노파크와 영남권 선도산업 지원단이 손을 잡았다.", "Organization", "전남 테크노파크"),
        ("전남 테크노파크와 영남권 선도산업 지원단이 손을 잡았다.", "Organization", "영남권 선도산업 지원단"),
        ("누리자유구역청은 행정지원팀과 기업애로해소팀을 합쳤다.", "Organization", "기업애로해소팀"),
        # a name's own hyphen or plus; a region's style (대구형) leads a programme; a support programme's head
        ("누리시는 5+2 누리경제권 첨단산업 육성사업을 이어간다.", "Program", "5+2 누리경제권 첨단산업 육성사업"),
        ("한빛진흥원은 K-누리 프로젝트를 새로 연다.", "Program", "K-누리 프로젝트"),
        ("누리시는 대구형 청년창업 육성 사업을 시작했다.", "Program", "대구형 청년창업 육성 사업"),
        ("누리도는 수소버스 보급 지원사업을 새로 만들었다.", "Program", "수소버스 보급 지원사업"),
        # 경쟁력 is a common noun of Kiwi's dictionary, not a name (경 is a surname) that stops the programme's name
        ("누리시는 차세대 통신부품 글로벌 경쟁력 강화사업을 추진한다.", "Program", "차세대 통신부품 글로벌 경쟁력 강화사업"),
        ("한빛청은 지난 12일 한빛타워에서 ‘2026 누리 수출 위크’를 열었다.", "Event", "2026 누리 수출 위크"),
        ("누리부는 12일 한빛타워에서 제34차 누리특구위원회를 열고 안건 3건을 의결했다.", "Event", "제34차 누리특구위원회"),
        ("누리테크노파크는 2일 본관 회의실에서 제64차 누리TP 이사회를 열고 원장을 뽑았다.", "Event", "제64차 누리TP 이사회"),
    ],
)
def test_names_found(text, type_, name):
    assert entity(run(text), name).type == type_


@pytest.mark.parametrize(
    "text, name",
    [
        ("한빛산업진흥원은 자체 사업으로 기업을 돕는다.", "자체 사업"),
        ("누리메디허브는 정부 연구개발 사업 유치와 수도권 협력 사업을 이어받는다.", "수도권 협력 사업"),
        ("누리메디허브는 기업당 3천만 원 상당의 시험·평가 서비스를 제공한다.", "시험·평가 서비스"),
        ("누리본부는 남동산업단지의 클러스터 사업을 이어간다.", "클러스터 사업"),
        ("누리상공회의소는 사회공헌사업과 R&D사업을 함께 한다.", "사회공헌사업"),
        ("누리상공회의소는 사회공헌사업과 R&D사업을 함께 한다.", "R&D사업"),
        ("시는 공간과 예산 지원을 아끼지 않겠다고 밝혔다.", "예산"),
        ("누리시는 첨단 융복합단지로 성장하는 첨단혁신도시다.", "융복합단지"),
        ("누리협회는 해마다 국제 전시회를 열어 회원사의 해외 진출을 돕는다.", "국제 전시회"),
        ("누리대 연구팀은 새 소재를 찾았다.", "연구팀"),
        ("누리시는 동남권 선도산업 세부 과제를 정했다.", "동남권 선도산업 세부"),
        ("누리시는 부산 사하구청과 만났다.", "부산 사하구청"),
        ("박서준 경기도지사가 축사를 했다.", "경기도지사"),  # the governor, not a branch office
        ("누리시는 T/F팀을 꾸렸다.", "F팀"),
        ("양측은 ▲창업기업 발굴 ▲국내외 전시회 공동관 운영 등에서 손을 맞잡는다.", "국내외 전시회"),  # an agreement's scope
        ("누리시는 도시첨단산단 두 곳에 기업 입주를 돕는다.", "도시첨단산단"),  # a kind of site, not a site
        ("누리시는 일반산업단지를 새로 지정했다.", "일반산업단지"),
        ("누리시는 관내 기관·협회와 함께 기업을 돕기로 했다.", "기관·협회"),  # generic words joined by a dot
    ],
)
def test_generic_names_are_not_entities(text, name):
    assert not [e for e in run(text).entities if e.name == name]


@pytest.mark.parametrize(
    "text, name, alias",
    [
        ("누리본부는 광역 클러스터 사업을 시작했다. 광역클러스터 사업은 3년 동안 이어진다.", "광역 클러스터 사업", "광역클러스터 사업"),
        ("누리본부는 남동산업단지 클러스터 사업을 시작했다. 남동클러스터 사업은 올해 7년째다.",
         "남동산업단지 클러스터 사업", "남동클러스터 사업"),
        ("인천시는 예산을 늘렸다. 인천 남동구의 기업이 혜택을 본다.", "인천시", "인천"),
        ("대전시는 지난 5일 창업 행사를 열었다. 대전광역시(시장 한도윤)는 기업을 모았다.", "대전광역시", "대전시"),
        ("제주도는 협약을 맺었다. 제주특별자치도는 기업을 모았다.", "제주특별자치도", "제주도"),
        ("제주특별자치도는 특구를 넓힌다. 제주시 구좌읍과 제주 전역에 기업이 모인다.", "제주특별자치도", "제주"),  # not 제주시
        ("강원특별자치도는 특구를 넓힌다. 강원자치도는 기업 30곳을 모았다.", "강원특별자치도", "강원자치도"),
        ("누리시는 대구 서남권에 거점을 둔다. 대구 서남권역에는 기업 50곳이 있다.", "대구 서남권", "대구 서남권역"),
        ("한빛도는 누리혁신클러스터 사업을 추진한다. 누리혁신클러스터 시범사업에는 기업 20곳이 참여한다.",
         "누리혁신클러스터 시범사업", "누리혁신클러스터 사업"),  # a pilot of the programme
        ("누리시는 ‘누리소재 혁신지원(NURI)사업’을 시작했다. NURI 사업에는 기업 30곳이 참여한다.",
         "누리소재 혁신지원(NURI)사업", "NURI 사업"),  # by the short form in its name's parenthesis
        ("중소기업진흥공단은 수출상담회를 연다. 중진공은 기업 50곳을 돕는다.", "중소기업진흥공단", "중진공"),  # its former name
        ("재단은 대구경북누리의료복합단지를 키운다. 누리의료복합단지에는 기업 100곳이 있다.",
         "대구경북누리의료복합단지", "누리의료복합단지"),
        ("한국산업단지공단 누리지역본부는 설명회를 연다. 누리본부는 기업 120곳을 지원한다.",
         "한국산업단지공단 누리지역본부", "누리본부"),
        ("누리메디허브 박서준 이사장이 한빛시를 찾았다. 재단은 지난 17일 한빛산업진흥원과 간담회를 열었다. "
         "한빛산업진흥원은 건의를 재단과 함께 풀기로 했다. 한빛산업진흥원은 실무반을 꾸린다.", "누리메디허브", "재단"),
    ],
)
def test_variant_names_are_one_entity(text, name, alias):
    x = run(text)
    assert alias in entity(x, name).aliases
    assert not [e for e in x.entities if e.name == alias]


@pytest.mark.parametrize("company", ["LG전자", "현대자동차", "KT", "기업은행"])
def test_well_known_companies_are_organizations_without_a_suffix(company):
    x = run(f"누리테크노파크는 {company}와 함께 지역 부품기업 20곳의 수출을 돕기로 했다.")
    assert entity(x, company).type == "Organization"


def test_a_building_listed_among_programmes_is_run_as_one():
    text = "한빛산업진흥원은 누리타워를 비롯해 창업지원주택, 한빛역 창업카페 등 20여 곳의 기업 지원 공간을 운영하고 있다."
    x = run(text)
    assert entity(x, "누리타워").type == "Program"
    assert ("operates", "한빛산업진흥원", "누리타워") in facts(x)


# Partnerships and signing ceremonies

SIGNING_TEXT = (
    "한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대회의실에서 누리대 산학협력단과 업무협약을 체결했다.\n"
    "협약식에는 박서준 원장과 최유리 누리대학교 산학협력단장이 참석했다.\n"
    "박 원장은 \"지난해 가람바이오협회, 올해 초 누리의료재단과 업무협약을 맺은 데 이어 대학과도 손잡게 됐다\"고 말했다."
)


@pytest.mark.parametrize(
    "fact",
    [
        ("partnership", frozenset({"한빛산업진흥원", "누리대학교 산학협력단"}), "2024-03-12"),
        ("partnership", frozenset({"한빛산업진흥원", "가람바이오협회"}), None),
        ("partnership", frozenset({"한빛산업진흥원", "누리의료재단"}), None),
        ("eventDate", "협약식", "2024-03-12"),
        ("heldAt", "협약식", "한빛타워 대회의실"),
        ("participatesIn", "누리대학교 산학협력단", "협약식"),
        ("participatesIn", "최유리", "협약식"),
        ("subOrganizationOf", "누리대학교 산학협력단", "누리대학교"),
    ],
)
def test_signing_ceremony_and_agreements_restated_in_passing(fact):
    assert fact in facts(run(SIGNING_TEXT))


def test_agreements_restated_in_passing_are_not_the_ceremony():
    found = facts(run(SIGNING_TEXT))
    assert ("participatesIn", "가람바이오협회", "협약식") not in found
    assert not [f for f in found if f[0] == "partnership" and len(f[1]) > 2]


def test_an_agreement_as_topic_names_no_parties():
    text = "이번 협약은 수원시와 누리진흥공사가 조성 중인 '수원 창업밸리 사업'을 넓히려고 맺었다."
    assert not [f for f in facts(run(text)) if f[0] == "partnership"]


@pytest.mark.parametrize("text", [
    "누리진흥원은 한빛협의회와 9일 한빛프레스센터에서 업무협약을 맺었다.",
    "누리진흥원은 9일 한빛대학교 50주년 기념홀에서 한빛협의회와 업무협약을 맺었다.",  # a hall of it
])
def test_where_an_agreement_was_signed_is_no_party_to_it(text):
    assert [f for f in facts(run(text)) if f[0] == "partnership"] == [
        ("partnership", frozenset({"누리진흥원", "한빛협의회"}), "2024-03-09")]


def test_an_agreement_without_a_subject_is_the_topic_organizations():
    text = "한빛산업진흥원은 올해 새 전략을 내놨다.\n지난해 누리바이오협회와 업무협약을 맺고 시작한 협력도 이어간다."
    assert ("partnership", frozenset({"한빛산업진흥원", "누리바이오협회"}), None) in facts(run(text))


def test_a_bare_signing_word_is_the_named_agreement():
    text = ("한빛산업진흥원과 누리바이오협회는 지난 12일 '바이오 인재 양성을 위한 업무협약'을 체결했다.\n"
            "협약식에는 두 기관 관계자 20여 명이 자리했다.")
    x = run(text)
    events = [e for e in x.entities if e.type == "Event"]
    assert len(events) == 1 and "협약식" in {events[0].name, *events[0].aliases}


def test_later_occurrences_of_an_alias_are_references():
    text = "누리테크노파크(누리TP)가 새 사업을 시작한다.\n협약식에는 최유리 누리TP 원장이 참석했다."
    assert ("holdsPost", "최유리", "누리테크노파크", "원장") in facts(run(text))


# Events: speakers, presenters, organizers


@pytest.mark.parametrize(
    "text, fact, present",
    [
        ("한빛산업진흥원은 지난 12일 창립 10주년 기념식을 열었다.\n박서준 원장은 \"기업과 함께 크겠다\"고 말했다.",
         ("participatesIn", "박서준", "창립 10주년 기념식"), True),
        ("한빛산업진흥원은 오는 22일 창립 10주년 기념식을 연다.\n박서준 원장은 \"기념식에 참석하면 상담을 받을 수 있다\"고 말했다.",
         ("participatesIn", "박서준", "창립 10주년 기념식"), False),
        ("누리본부는 오는 22일 한빛타워 대회의실에서 '2024년 스마트공장 설명회'를 연다.\n"
         "설명회에서는 중소벤처기업부 누리추진단이 지원 기준을 안내한다.",
         ("participatesIn", "중소벤처기업부 누리추진단", "2024년 스마트공장 설명회"), True),
        ("지난 3일 한빛타워 대강당에서 열린 한빛산업진흥원 개원 행사에서 박서준 한빛산업진흥원장과 최유리 수원시 과장이 "
         "기념촬영을 하고 있다.", ("participatesIn", "최유리", "한빛산업진흥원 개원 행사"), True),
        ("누리메디허브는 박서준 신임 이사장이 지난 12일 한빛타워 대강당에서 취임식을 갖고 업무를 시작했다고 밝혔다.",
         ("organizes", "누리메디허브", "취임식"), False),
        ("한빛산업진흥원은 오는 7일 한빛타워 세미나실에서 입주 설명회를 연다.", ("organizes", "한빛산업진흥원", "입주 설명회"), True),
        ("누리 투자박람회는 중소벤처기업부가 주최하고 중진공(중소벤처기업진흥공단)이 주관해 12일 한빛타워에서 열렸다.",
         ("organizes", "중소벤처기업진흥공단", "누리 투자박람회"), True),
        # the organization leading an event's name hosts it, unless the event is its own launch
        ("한빛산업진흥재단 전문가포럼이 14일 한빛타워에서 열렸다.",
         ("organizes", "한빛산업진흥재단", "한빛산업진흥재단 전문가포럼"), True),
        ("한빛산업진흥재단 출범식이 14일 한빛타워에서 열렸다.", ("organizes", "한빛산업진흥재단", "한빛산업진흥재단 출범식"), False),
        # who holds a signing signs at it: a participant, not its organizer
        ("누리신용보증재단은 19일 한빛진흥원과 협약식을 갖고 게임 기업을 함께 돕기로 했다.",
         ("participatesIn", "누리신용보증재단", "협약식"), True),
        ("누리신용보증재단은 19일 한빛진흥원과 협약식을 갖고 게임 기업을 함께 돕기로 했다.",
         ("organizes", "누리신용보증재단", "협약식"), False),
        ("박서준 수원시장과 최유리 누리협회 회장이 20일 누리컨벤션센터에서 업무협약식을 갖고 투자 유치에 뜻을 모으는 협약을 맺었다.",
         ("participatesIn", "최유리", "업무협약식"), True),
    ],
)
def test_event_roles(text, fact, present):
    assert (fact in facts(run(text))) is present


@pytest.mark.parametrize(
    "text, present",
    [
        ("누리청과 한빛혁신센터는 한빛타워에서 업무협약식을 가졌다.\n"
         "이날 협약식에서 김하늘 누리청 차장은 “지역 창업의 폭을 넓히겠다”고 전했다.\n"
         "박도윤 한빛혁신센터장도 “함께 성과를 내겠다”고 밝혔다.", True),
        ("누리청과 한빛혁신센터는 한빛타워에서 업무협약식을 가질 예정이다.\n"
         "박도윤 한빛혁신센터장은 “함께 성과를 내겠다”고 밝혔다.", False),
    ],
)
def test_without_a_publication_date_the_tense_says_whether_a_speaker_spoke_at_the_event(text, present):
    found = facts(run(text, published=None))
    assert (("participatesIn", "박도윤", "업무협약식") in found) is present


def test_who_gives_a_speech_at_the_event_told_before_takes_part_in_it():
    text = ("한빛산업진흥원은 지난 12일 창립 10주년 기념식을 열었다.\n"
            "김하늘 누리부 국장은 격려사를 통해 “지역 기업의 든든한 버팀목이 돼 달라”고 강조하고 자리를 떴다.")
    assert ("participatesIn", "김하늘", "창립 10주년 기념식") in facts(run(text))


def test_an_event_as_topic_is_not_hosted_by_the_sentence_subject():
    text = ("누리메디허브는 지난 12일 한빛타워 회의실에서 '의료기업 현장 간담회'를 열었다.\n"
            "이번 간담회는 누리메디허브와 한빛산업진흥원이 맺은 업무협약의 후속 조치로 마련됐다.")
    assert ("organizes", "한빛산업진흥원", "의료기업 현장 간담회") not in facts(run(text))


# Sub-units, programmes, foundings (their patterns are in test_relation_patterns's table)


def test_an_anniversary_in_years_is_no_founding():
    assert not [f for f in facts(run("올해는 누리테크노파크가 창립 20년을 맞는 해다.")) if f[0] == "founded"]


def test_a_word_kiwi_reads_as_a_common_noun_is_a_name_once_found_as_a_person():
    table = Entities("정하늘 교수", common={"정하늘"})
    assert not is_name("정하늘", table, strict=True)
    table.add("Person", "정하늘", 0, 3)
    assert is_name("정하늘", table, strict=True)


@pytest.mark.parametrize("text", ["지역 소재산업 육성, 해외시장 개척 등을 돕는다.",
                                  "한빛발전위원회(공동위원장 국무총리)는 올해 계획을 심의한다.",
                                  "이날 위촉식에서 시장은 자문단 열두 명에게 위촉장을 건넸다.",  # no 위촉식 시장
                                  "연합회 회장은 이날 인사말에서 회원사 지원을 약속했다.",  # a body's kind word
                                  "한빛TP는 누리대 교수를 당연직 이사로 임명했다.",  # a dictionary noun before a title
                                  "그는 이번 인사로 최연소 원장이 됐다."])
def test_no_person_from_a_market_or_a_title_in_parentheses(text):
    x = run(text)
    assert not [e for e in x.entities if e.type == "Person"]
    assert not [f for f in facts(x) if f[0] == "holdsPost"]


def test_a_list_that_joined_the_named_occasion_takes_part_in_it():
    found = facts(run("한빛도는 지난 2일 누리바이오센터에서 수소 협의체 정기회를 열었다.\n"
                      "정기회에는 누리자동차, 한빛대학교, 수원시 등 열두 곳이 함께했다."))
    assert {("participatesIn", "한빛대학교", "수소 협의체 정기회"), ("participatesIn", "수원시", "수소 협의체 정기회")} <= found


def test_a_signing_spoken_of_as_the_day_s_event_is_one():
    x = run("누리상공회의소는 지난 12일 본관 회의실에서 관내 기관 아홉 곳과 수출기업의 판로 확대를 위한 업무협약을 체결했다고 전했다.\n"
            "이날 행사에는 누리세무서, 한빛대학교 등 아홉 기관이 참여했다.")
    name = "수출기업의 판로 확대를 위한 업무협약"
    assert [e.name for e in x.entities if e.type == "Event"] == [name]
    assert ("participatesIn", "한빛대학교", name) in facts(x)


def test_a_signing_told_in_the_passive_with_people_attending_is_one():
    x = run("누리상공회의소와 한빛기업인협회가 손을 잡았다.\n"
            "12일 누리상공회의소 3층 회의실에서 두 기관 임원들이 참석한 가운데 누리지역 수출 고도화를 위한 업무협약이 "
            "체결됐다.")
    assert "누리지역 수출 고도화를 위한 업무협약" in [e.name for e in x.entities if e.type == "Event"]


def test_the_last_word_of_the_event_s_name_refers_back_to_it_and_a_list_may_start_with_비롯해():
    found = facts(run("한빛도는 12일 가온센터 회의실에서 ‘한빛기업지원협의회’를 열었다고 밝혔다.\n"
                      "이날 협의회에는 한빛지방중소벤처기업청을 비롯해 한빛신용보증재단, 누리창업진흥원 등 열두 곳이 참석했다."))
    assert {("participatesIn", k, "한빛기업지원협의회")
            for k in ("한빛지방중소벤처기업청", "한빛신용보증재단", "누리창업진흥원")} <= found


@pytest.mark.parametrize(
    "text, posts",
    [
        ("새 회장에 오른 이도현 누리산단기업인협의회 회장(가온정밀 대표)은 각오를 밝혔다.",
         {("holdsPost", "이도현", "누리산단기업인협의회", "회장"), ("holdsPost", "이도현", "가온정밀", "대표")}),
        ("한빛기술원협의회는 총회를 열어 회장에 윤서하 현 회장(누리기술원 원장)을 다시 추대했다.",
         {("holdsPost", "윤서하", "한빛기술원협의회", "회장"), ("holdsPost", "윤서하", "누리기술원", "원장")}),
        ("누리혁신지원단(단장 김하늘, 한빛대학교 교수)은 이달 말 문을 연다.",
         {("holdsPost", "김하늘", "누리혁신지원단", "단장"), ("holdsPost", "김하늘", "한빛대학교", "교수")}),
    ],
)
def test_a_second_post_in_parentheses_is_the_person_s_too(text, posts):
    assert {f for f in facts(run(text)) if f[0] == "holdsPost"} == posts


def test_no_name_starts_with_the_dot_that_joins_a_list():
    x = run("한빛상공회의소(회장 박서준)·누리상공회의소(회장 김하늘)가 업무협약을 맺었다.")
    assert {e.name for e in x.entities if e.type == "Organization"} == {"한빛상공회의소", "누리상공회의소"}
    assert ("holdsPost", "김하늘", "누리상공회의소", "회장") in facts(x)


@pytest.mark.parametrize("text, names", [
    ("한빛테크노파크(이하 한빛TP)는 12일 누리테크노파크, 가온테크노파크와 공동 마케팅을 위해 업무협약을 맺었다. "
     "이번 협약으로 테크노파크 세 곳은 힘을 모은다.", {"한빛테크노파크", "누리테크노파크", "가온테크노파크"}),
    ("가온청은 한빛경제자유구역청, 누리경제자유구역청과 협약을 맺었다. 경제자유구역청 두 곳은 투자 유치에 힘을 모은다.",
     {"한빛경제자유구역청", "누리경제자유구역청"}),
])
def test_a_form_shared_by_several_organizations_joins_none_of_them(text, names):
    orgs = [e for e in run(text).entities if e.type == "Organization"]
    assert names <= {e.name for e in orgs}
    assert not [e for e in orgs if names & set(e.aliases)]  # none of them went into another


def test_a_site_named_after_a_place_the_article_names_lies_in_it():
    text = "누리공사는 삼척에 있다. 삼척 LNG 기지는 올해 문을 연다."
    table = Entities(text)
    city = table.add("Place", "삼척", text.index("삼척"), text.index("삼척") + 2)
    at = text.index("삼척 LNG 기지")
    site = table.add("Place", "삼척 LNG 기지", at, at + 9)
    start = text.index("삼척 LNG")
    sentence = Sentence(start, len(text), text[start:], [r for r in table.refs if r.start >= start])
    assert located_in(table, sentence) == [("locatedIn", {"entity": site, "place": city})]


def test_an_occasion_joined_to_a_held_numbered_meeting_is_held_too():
    x = run("한빛도는 5일 누리타워에서 ‘한빛 바이오 협의회’ 출범식 및 제3차 운영회의를 열었다.")
    assert {e.name for e in x.entities if e.type == "Event"} == {"한빛 바이오 협의회 출범식", "제3차 운영회의"}


def test_an_ordinal_belongs_to_the_occasion_s_name():
    events = {e.name for e in run("한빛도는 2일 누리바이오센터에서 제2차 운영회의를 열었다.").entities if e.type == "Event"}
    assert events == {"제2차 운영회의"}


def _sentence_of(text: str, names: list[tuple[str, str]]) -> tuple[Entities, Sentence]:
    """A one-sentence table with the names given (type, name) at their first occurrence."""
    table = Entities(text)
    for type_, name in names:
        table.add(type_, name, text.index(name), text.index(name) + len(name))
    return table, Sentence(0, len(text), text, list(table.refs))


def test_a_title_alone_in_parentheses_is_a_post_at_the_article_s_organization():
    found = facts(run("누리테크노파크는 지난 3일 새 원장을 뽑았다. 신임 원장은 박도윤 누리도지사(이사장)로부터 임명장을 "
                      "받았다. 누리테크노파크는 기업을 돕는다."))
    assert ("holdsPost", "박도윤", "누리테크노파크", "이사장") in found


def test_a_programme_only_named_without_a_subject_has_no_operator():
    found = facts(run("누리산업진흥원은 새 안내서를 냈다. 정부가 추진하는 한빛 수소부품 실증사업을 한눈에 볼 수 있다."))
    assert not [f for f in found if f[0] == "operates"]


def test_a_branch_with_its_parent_named_before_it_is_not_the_subjects():
    found = facts(run("누리진흥원은 한빛공사 경인지역본부와 협약을 맺었다."))
    assert ("subOrganizationOf", "한빛공사 경인지역본부", "한빛공사") in found
    assert ("subOrganizationOf", "한빛공사 경인지역본부", "누리진흥원") not in found


@pytest.mark.parametrize("text, units", [
    ("누리경제자유구역청은 조직을 기능별로 나누고 도시계획부, 투자홍보부, 기업성장부를 신설한다.", ["도시계획부", "투자홍보부", "기업성장부"]),
    ("총무팀과 재정팀은 행정지원팀으로 개편했다.", ["총무팀", "재정팀", "행정지원팀"]),
    ("누리경제자유구역청은 산업통상자원부와 함께 조직 개편안을 냈다.", ["산업통상자원부"]),
    ("누리경제자유구역청은 개발부와 협약을 맺었다.", ["개발부"]),
])
def test_departments_of_a_reorganized_body(text, units):
    names = [("Organization", n) for n in ["누리경제자유구역청", *units] if n in text]
    table, sentence = _sentence_of(text, names)
    topic = table.lookup("Organization", "누리경제자유구역청") or table.add("Organization", "누리경제자유구역청", 0, 0)
    found = {table.ents[r[1]["child"]].name for r in reorganized_units(table, sentence, topic)}
    expected = set(units) - {"산업통상자원부"} if re.search("개편|신설", text) else set()
    assert found == expected


def test_those_who_sign_at_an_event_take_part_in_it():
    found = facts(run("한빛센터는 지난 12일 누리타워에서 개소식을 열었다.\n"
                      "이날 행사의 일환으로 한빛센터와 누리재단은 가온협회와 업무협약을 체결했다."))
    assert {("participatesIn", "누리재단", "개소식"), ("participatesIn", "가온협회", "개소식")} <= found
    assert ("participatesIn", "한빛센터", "개소식") not in found  # the host organizes it


def test_projects_listed_with_their_region_or_runner_are_programmes():
    x = run("누리부는 14일 지역 연고 산업 14개를 선정했다. 제조 분야에서는 ▲누리 머드 산업 육성(충남) "
            "▲‘해조류를 활용한 기능성 식품 개발(경남) 등이 뽑혔다.\n"
            "대학 과제는 ▲누리 휠의 경량화 및 대형 휠 개발(한빛대학교) 등이다.")
    programmes = {e.name for e in x.entities if e.type == "Program"}
    assert {"누리 머드 산업 육성", "해조류를 활용한 기능성 식품 개발", "누리 휠의 경량화 및 대형 휠 개발"} <= programmes
    assert {("locatedIn", "누리 머드 산업 육성", "충남"),
            ("operates", "한빛대학교", "누리 휠의 경량화 및 대형 휠 개발")} <= facts(x)


def test_a_listed_item_with_no_name_in_parentheses_is_no_programme():
    x = run("두 기관은 ▲공동 연구 기반 마련(인력, 장비 등) ▲기술 교류 등에 협력하기로 했다.")
    assert not [e for e in x.entities if e.type == "Program"]


def test_a_person_named_as_a_body_of_the_article_is_that_body():
    text = "누리콘텐츠진흥원(이하 누콘진)은 협약을 맺었다. 누콘진은 기업을 돕는다."
    table = Entities(text)
    org = table.add("Organization", "누리콘텐츠진흥원", 0, 8)
    table.alias(org, "누콘진")
    table.add("Person", "누콘진", text.rindex("누콘진"), text.rindex("누콘진") + 3)
    join_persons_named_as_bodies(table)
    assert [(e.type, e.name) for e in table.ents.values()] == [("Organization", "누리콘텐츠진흥원")]
    assert {r.type for r in table.refs} == {"Organization"}


def test_a_site_written_short_is_the_site_written_in_full():
    text = "누리시는 한빛국가산업단지에 공장을 짓는다. 한빛국가산단에는 기업 300곳이 있다."
    table = Entities(text)
    table.add("Place", "한빛국가산업단지", 4, 12)
    table.add("Place", "한빛국가산단", text.index("한빛국가산단"), text.index("한빛국가산단") + 6)
    join_spellings(table)
    assert [(e.name, sorted(e.forms)) for e in table.ents.values()] == [("한빛국가산업단지", ["한빛국가산단", "한빛국가산업단지"])]


@pytest.mark.parametrize("name, rank", [("월정리", 4), ("누리테크노밸리", 5), ("창조밸리", 5)])
def test_a_valley_is_a_site_not_a_village(name, rank):
    assert place_rank(name) == rank


def test_a_person_named_as_the_shortening_of_a_body_of_the_article_is_that_body():
    text = "누리상공인진흥공단은 센터를 옮긴다. 김하늘 누진공 이사장은 기업을 돕겠다고 말했다."
    table = Entities(text)
    table.add("Organization", "누리상공인진흥공단", 0, 9)
    table.add("Person", "누진공", text.index("누진공"), text.index("누진공") + 3)
    table.add("Person", "김하늘", text.index("김하늘"), text.index("김하늘") + 3)
    join_persons_named_as_bodies(table)
    assert sorted((e.type, e.name) for e in table.ents.values()) == [("Organization", "누리상공인진흥공단"),
                                                                     ("Person", "김하늘")]


@pytest.mark.parametrize("text, names", [
    ("지원단은 누리권 전략산업 프로젝트인 △누리 수소부품 단지 조성 △한빛 해상풍력 실증 기반 구축 등을 돕는다.",
     {"누리 수소부품 단지 조성", "한빛 해상풍력 실증 기반 구축"}),
    ("이를 △융합기술 연구 △시제품 신속지원 등 지역 혁신 프로그램 설계에 반영한다.", {"융합기술 연구", "시제품 신속지원"}),
    ("이 사업은 △가정의 난방비를 줄이는 누리 홈에너지 △공장 전력을 관리하는 한빛 팩토리그리드로 나뉜다.",
     {"누리 홈에너지", "한빛 팩토리그리드"}),
    ("두 기관은 △공동 연구 △인력 교류 등에 협력하기로 했다.", set()),
])
def test_items_of_a_list_the_sentence_calls_projects_are_programmes(text, names):
    programmes = {e.name for e in run(text).entities if e.type == "Program"}
    assert names <= programmes if names else not programmes


def test_a_region_standing_for_bodies_signs_nothing():
    found = facts(run("한빛연구원은 누리테크노파크진흥회와 업무협약을 맺었다. 한빛연구원은 경북, 울산, 충남 등 8개 테크노파크와도 "
                      "업무협약을 맺었다."))
    parties = {p for f in found if f[0] == "partnership" for p in f[1]}
    assert "누리테크노파크진흥회" in parties and not parties & {"경북", "울산", "충남"}


def test_events_joined_in_a_sentence_share_its_host_place_and_day():
    found = facts(run("누리지원단은 4일 한빛타워에서 출범식과 더불어 기업 설명회를 열었다."))
    assert {("heldAt", "기업 설명회", "한빛타워"), ("eventDate", "기업 설명회", "2024-03-04"),
            ("organizes", "누리지원단", "기업 설명회")} <= found


def test_a_numbered_meeting_after_another_occasion_is_one_of_its_own():
    events = {e.name for e in run("한빛도는 2일 누리바이오센터에서 소재 협의체 개소식 및 제2차 운영회의를 열었다.").entities
              if e.type == "Event"}
    assert "제2차 운영회의" in events and not [e for e in events if "및" in e]


@pytest.mark.parametrize("region", ["부울경", "중부권"])
def test_wider_regions_of_the_lexicon_are_places(region):
    x = run(f"한빛진흥원은 {region} 지역 기업 20곳을 돕는다.")
    assert ("Place", region) in {(e.type, e.name) for e in x.entities}


def test_the_holder_of_a_post_in_a_parenthesis_is_no_short_form_of_the_body():
    x = run("누리대학교 창업지원센터(센터장·김하늘)가 개소 5주년 행사를 열었다. 김하늘 센터장은 기업을 도왔다.")
    centre = next(e for e in x.entities if e.name == "누리대학교 창업지원센터")
    assert "김하늘" not in centre.aliases
    assert ("Person", "김하늘") in {(e.type, e.name) for e in x.entities}


def test_a_renaming_names_the_body_whose_name_changes_not_its_parent():
    x = run("중소벤처기업부 산하의 기술 전담 기관인 '한빛기술평가원'의 명칭을 '한빛기술기획원'으로 바꾸는 법안이 통과됐다.")
    found = facts(x)
    assert ("renamed", "한빛기술평가원", "한빛기술기획원") in found
    assert ("subOrganizationOf", "한빛기술기획원", "중소벤처기업부") in found  # 산하의 … 기관인 'C'
    assert {e.name for e in x.entities if e.type == "Organization"} == {"중소벤처기업부", "한빛기술기획원"}


def test_a_short_form_listed_among_kinds_refers_to_no_body():
    x = run("누리메디허브는 학회, 협회, 전시회 등 행사를 유치한다. 누리메디허브는 병원과 손잡았다.")
    body = next(e for e in x.entities if e.name == "누리메디허브")
    assert "협회" not in body.aliases  # a kind in a list, no reference to the body


def test_the_lead_s_first_body_is_the_article_s_main_one_when_another_is_named_as_often():
    x = run("누리의료재단은 3일 한빛테크노파크와 손을 잡았다. 양측은 한빛테크노파크의 장비를 함께 쓰기로 했다. "
            "김하늘 이사장은 기대가 크다고 말했다.")
    assert ("holdsPost", "김하늘", "누리의료재단", "이사장") in facts(x)


@pytest.mark.parametrize("text, forms", [
    ("누리부는 '2021년 한빛공방 기술보급사업'을 공고했다. 한빛공방 기술보급사업은 소공인을 돕는다.",
     {"2021년 한빛공방 기술보급사업", "한빛공방 기술보급사업"}),
    ("충청북도는 투자를 늘린다. 충북 청주시에 공장이 선다.", {"충청북도", "충북"}),
    ("영남권 기업들이 모였다. 영남지역 경제가 살아났다.", {"영남권", "영남지역"}),
])
def test_spellings_with_a_year_or_a_province_s_long_form_are_one_entity(text, forms):
    named = [e for e in run(text).entities if forms & {e.name, *e.aliases}]
    assert len(named) == 1 and forms <= {named[0].name, *named[0].aliases}


def test_a_gloss_in_parentheses_is_no_other_spelling():
    assert _spelling("Program", "한빛SW(소프트웨어)성장지원사업") == _spelling("Program", "한빛SW 성장지원사업")
    assert _spelling("Program", "2021년 한빛사업") == _spelling("Program", "한빛사업") != _spelling("Place", "2021년 한빛사업")
    assert _spelling("Event", "착공식 행사") == _spelling("Event", "착공식") != _spelling("Event", "교류협력행사")
    assert _spelling("Organization", "한빛상공회의소") == _spelling("Organization", "한빛상의")
    assert _spelling("Program", "누리혁신클러스터 사업") == _spelling("Program", "누리혁신클러스터")
    assert _spelling("Program", "누리 사업") != _spelling("Program", "누리")  # too short to be a name without it
    assert _spelling("Organization", "한빛SW품질센터") == _spelling("Organization", "한빛 소프트웨어(SW)품질센터")
    assert _spelling("Place", "누리권") == _spelling("Place", "누리 지역") == _spelling("Place", "누리권역")
    assert _spelling("Place", "누리권") != _spelling("Organization", "누리권")  # a region's ending, for places only


def test_spellings_join_a_chamber_and_its_short_name_but_not_two_bodies_by_a_shared_short_form():
    text = "누리상공회의소와 한빛지원단, 가온지원단이 모였다. 누리상의 회장이 말했다."
    table = Entities(text)
    chamber = table.add("Organization", "누리상공회의소", 0, 7)
    short = table.add("Organization", "누리상의", text.index("누리상의"), text.index("누리상의") + 4)
    first, second = (table.add("Organization", n, text.index(n), text.index(n) + 5) for n in ("한빛지원단", "가온지원단"))
    table.alias(first, "지원단")
    table.alias(second, "지원단")  # a short form each resolved references of
    join_spellings(table)
    assert table.find(short) == table.find(chamber) and table.find(first) != table.find(second)
