"""个人政策计算器 (/jisuanqi/geren/, its API, feed and e-mail alerts) and the
business fixes of issue 13 (另需核实, qualification lead time, results
first), on PostgreSQL on a frozen day."""

import datetime as dt
import re
from decimal import Decimal

import feedparser
import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from matcher.models import Subscription
from portal.models import Qualification

from .matcher_helpers import FIRM, TODAY, D, add_measure, build_world
from .policy_helpers import make_policy

pytestmark = pytest.mark.django_db

RETIREE = "age=68&residence=hukou&employment=retired"
GRADUATE = "age=23&residence=resident&employment=jobless&graduated=2024"
CATERER = "scale=individual&industry=H&sector=catering&headcount=2&revenue=30"


@pytest.fixture
def world(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10)), tick=False):
        w = build_world()
        mzj = w["jxw"]
        huimin = make_policy(w["library"], "huimin", [mzj], title="南川区民生保障若干措施", number="南川府发〔2025〕5号",
                             written=TODAY - D(100))
        person = dict(audience="person", window_opens=TODAY - D(10), window_closes=TODAY + D(60))
        w["people"] = {
            "gaoling": add_measure(huimin, "高龄津贴", min_age=80, residence="hukou", delivery_mode="automatic",
                                   audience="person", life_events=["elderly"]),
            "yanglao": add_measure(huimin, "老年人养老服务补贴", min_age=60, residence="hukou", **person),
            "jiuye": add_measure(huimin, "高校毕业生就业补贴", graduate_within_years=2,
                                 employment=["jobless", "unemployed", "flexible"], **person),
            "shiye": add_measure(huimin, "失业保险金", employment=["unemployed"], residence="resident", **person),
            "zufang": add_measure(huimin, "公租房租赁补贴", residence="resident", max_income_per_head=Decimal("1500"),
                                  other_conditions="本人及家庭成员在本区无自有住房", **person),
            "daikuan": add_measure(huimin, "创业担保贷款贴息", audience="both", employment=["unemployed"],
                                   scales=["small", "micro"], window_opens=TODAY - D(10), window_closes=TODAY + D(60)),
        }
        w["limit"] = add_measure(w["valid"], "限额以上商贸企业入统奖励", industries=["F", "H"],
                                 other_conditions="首次纳入限额以上批发零售住宿餐饮企业统计（餐饮业年主营业务收入200万元以上）",
                                 window_opens=TODAY - D(10), window_closes=TODAY + D(60))
        slow = Qualification.objects.create(name="国家级技术创新示范企业", slug="chuang-xin-shi-fan", lead_days=180)
        w["slow_soon"] = add_measure(w["valid"], "示范企业奖励（本期）", quals=[slow], window_opens=TODAY - D(20),
                                     window_closes=TODAY + D(6))
        w["slow_later"] = add_measure(w["valid"], "示范企业奖励（下期）", quals=[slow], window_opens=TODAY + D(100),
                                      window_closes=TODAY + D(200))
        yield w
    cache.clear()


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return _text(html[start:html.find("</section>", start)])


def _item(section_text, title):
    """The text of one result in a section, from its title to the next 政策依据."""
    start = section_text.index(title)
    return section_text[start:section_text.index("政策依据", start)]


# -- citizens -------------------------------------------------------------------


def test_retiree_matches_an_old_age_measure_and_is_never_told_about_age(world, client):
    response = client.get(f"/jisuanqi/geren/?{RETIREE}")
    assert response.status_code == 200
    html = response.content.decode()
    results = _section(html, "results-heading")
    assert "符合条件的惠民事项（" in results
    assert "符合：年龄60周岁以上；符合：本区户籍" in _item(results, "老年人养老服务补贴")
    # min_age 80: a 68-year-old cannot become older by applying — no 差一点 about age, anywhere.
    assert "高龄津贴" not in html and "年龄80" not in html
    # Enterprise-only measures are not offered to a person.
    assert "技术改造补助" not in html and "限额以上商贸企业入统奖励" not in html


def test_graduate_matches_a_job_measure_and_is_offered_registering_unemployment(world, client):
    html = client.get(f"/jisuanqi/geren/?{GRADUATE}").content.decode()
    results = _section(html, "results-heading")
    assert "符合：未就业（未登记失业）；符合：毕业2年内的高校毕业生（2024年毕业）" in _item(results, "高校毕业生就业补贴")
    near = _section(html, "near-heading")
    assert "差一点或需确认" in near
    assert "差一点：需要到公共就业服务机构办理失业登记" in _item(near, "失业保险金")
    # A measure for both audiences: its enterprise conditions are shown, not silently met.
    assert "另需核实（企业申请条件）：企业规模为小型企业、微型企业" in _item(near, "创业担保贷款贴息")
    # Blank income: 需确认, never assumed; the 住房 condition in words: 另需核实.
    zufang = _item(near, "公租房租赁补贴")
    assert "需确认：家庭月人均收入不超过1500元（未填写家庭月人均收入）" in zufang
    assert "另需核实：本人及家庭成员在本区无自有住房" in zufang


def test_person_api_and_canonical_query(world, client):
    p = world["people"]
    body = client.get("/api/matcher/person/?graduated=2024&employment=jobless&age=23&residence=resident").json()
    assert body["query"] == GRADUATE
    assert body["feed"] == f"/jisuanqi/geren/feed/?{GRADUATE}"
    assert body["profile"]["summary"] == "23周岁，非本区户籍、在本区居住，未就业（未登记失业），2024年高校毕业"
    assert [m["id"] for m in body["matches"]] == [p["jiuye"].pk]
    near = {m["title"]: m for m in body["near_misses"]}
    assert near["失业保险金"]["missing"] == ["差一点：需要到公共就业服务机构办理失业登记"]
    assert near["公租房租赁补贴"]["to_check"] == ["另需核实：本人及家庭成员在本区无自有住房"]


@pytest.mark.parametrize("query, field, message", [
    ("age=abc", "age", "年龄必须是整数（周岁）。"),
    ("age=-1", "age", "年龄不能为负数。"),
    ("graduated=2999", "graduated", "毕业年份不能晚于今年（2025年）。"),
    ("employment=boss", "employment", "未知的就业状态：boss。"),
    ("group=alien", "group", "未知的人群：alien。"),
    ("disability=2", "disability", "填写残疾等级时，请同时在“所属人群”中选择“残疾人”。"),
    ("income=１２００", "income", "家庭月人均收入请用半角阿拉伯数字（0-9）填写。"),
])
def test_bad_person_profiles_get_chinese_errors(world, client, query, field, message):
    page = client.get(f"/jisuanqi/geren/?{query}")
    assert page.status_code == 400
    html = page.content.decode()
    assert f'<p class="error-message" id="err-{field}">{message}</p>' in html
    assert 'id="results-heading"' not in html
    api = client.get(f"/api/matcher/person/?{query}")
    assert api.status_code == 400 and api.json()["error"]["errors"][field] == [message]


def test_person_mode_needs_no_industry(world, client):
    response = client.get("/jisuanqi/geren/?age=30")
    assert response.status_code == 200
    assert "行业门类" not in response.content.decode()


def test_person_feed_is_valid_atom(world, client):
    response = client.get(f"/jisuanqi/geren/feed/?{RETIREE}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("个人政策计算器：68周岁，本区户籍，退休")
    assert {e.title for e in feed.entries} == {"老年人养老服务补贴（申报中）"}


def test_person_subscription_remembers_its_mode_and_gets_new_measures(world, client):
    response = client.post("/dingyue/", {"email": "lao@example.com", "kind": "person", "query": RETIREE})
    assert response.status_code == 200
    assert f'href="/jisuanqi/geren/?{RETIREE.replace("&", "&amp;")}"' in response.content.decode()
    sub = Subscription.objects.get()
    assert (sub.kind, sub.query, sub.title) == ("person", RETIREE, "个人政策计算器：68周岁，本区户籍，退休")
    sub.confirmed_at = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9)))
    sub.save()
    mail.outbox.clear()
    with time_machine.travel(dt.datetime.combine(TODAY + D(1), dt.time(8)), tick=False):
        fresh = make_policy(world["library"], "fresh", [world["jxw"]], title="南川区关爱老年人若干措施",
                            written=TODAY, published_date=TODAY + D(1))
        fresh.first_published_at = timezone.now()
        fresh.save()
        add_measure(fresh, "老年人助餐补贴", audience="person", min_age=60, other_conditions="在社区老年食堂就餐")
        add_measure(fresh, "企业助残岗位补贴", audience="enterprise")
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.subject == "【南川区政务公开专区】个人政策计算器：68周岁，本区户籍，退休（1 条新信息）"
    assert "老年人助餐补贴" in digest.body and "另需核实：在社区老年食堂就餐" in digest.body
    assert "企业助残岗位补贴" not in digest.body and "/jisuanqi/geren/?" in digest.body


def test_openapi_documents_the_person_api(world, client):
    spec = client.get("/api/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/matcher/person/"]["get"]["parameters"]}
    assert params == {"age", "residence", "region", "employment", "graduated", "group", "disability", "children", "income"}
    assert "/jisuanqi/geren/feed/" in spec["paths"]
    assert "PersonMatcherResult" in spec["components"]["schemas"]


# -- businesses -----------------------------------------------------------------


def test_catering_individual_is_not_told_it_simply_meets_a_limit_measure(world, client):
    html = client.get(f"/jisuanqi/?{CATERER}").content.decode()
    item = _item(_section(html, "results-heading"), "限额以上商贸企业入统奖励")
    assert "另需核实：首次纳入限额以上批发零售住宿餐饮企业统计（餐饮业年主营业务收入200万元以上）" in item
    body = client.get(f"/api/matcher/?{CATERER}").json()
    [limit] = [m for m in body["matches"] if m["title"] == "限额以上商贸企业入统奖励"]
    assert limit["to_check"] == ["另需核实：首次纳入限额以上批发零售住宿餐饮企业统计（餐饮业年主营业务收入200万元以上）"]
    # Person-only measures are not offered to a business; one for both shows its person conditions.
    titles = [m["title"] for m in body["matches"] + body["near_misses"]]
    assert "高校毕业生就业补贴" not in titles and "老年人养老服务补贴" not in titles


def test_both_audience_measure_shows_person_conditions_to_a_business(world, client):
    body = client.get("/api/matcher/?scale=small&industry=C").json()
    [loan] = [m for m in body["matches"] if m["title"] == "创业担保贷款贴息"]
    assert loan["to_check"] == ["另需核实（个人申请条件）：登记失业"]


def test_qualification_that_cannot_be_had_before_the_window_closes_is_no_near_miss(world, client):
    body = client.get(f"/api/matcher/?{FIRM}").json()
    near = {m["title"]: m["missing"] for m in body["near_misses"]}
    assert "示范企业奖励（本期）" not in near  # closes in 6 days; the qualification takes ~180
    assert near["示范企业奖励（下期）"] == ["需要：国家级技术创新示范企业认定"]
    html = client.get(f"/jisuanqi/?{FIRM}").content.decode()
    assert "示范企业奖励（本期）" not in html


def test_results_come_first_with_a_folded_form_and_a_profile_summary(world, client):
    html = client.get(f"/jisuanqi/?{FIRM}").content.decode()
    folded = re.search(r'<details class="matcher-profile">\s*<summary>(.*?)</summary>', html, re.DOTALL)
    assert folded, "the form is folded when results are shown"
    assert _text(folded.group(1)).strip() == (
        "您填写的：小型企业 · 制造业 · 东城街道 · 专精特新中小企业 · 2018年成立 · 80人 · 营业收入3000万元 修改")
    # Nothing but the heading, tabs and that one line before the results.
    before = _text(html[html.index('<main'):html.index('id="results-heading"')])
    assert "填写企业基本情况，查看" not in before
    person = client.get(f"/jisuanqi/geren/?{RETIREE}").content.decode()
    assert re.search(r'<details class="matcher-profile">\s*<summary><span class="matcher-summary">您填写的：68周岁 · 本区户籍 · 退休</span>', person)
    assert '<a href="/jisuanqi/geren/" aria-current="page">个人</a>' in person
    # Without a profile the form is open.
    assert '<details class="matcher-profile" open>' in client.get("/jisuanqi/geren/").content.decode()
