"""政府信息公开指南 (/zhinan/), 目录 (/mulu/) and 年度报告 (/nianbao/): what the
public and the staff see, with small worlds of their own on top of the demo."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from govinfo import exports
from govinfo.models import AnnualReport, GuideSettings
from inforequests.models import InformationRequest
from policies.models import PolicyChange, PolicyIndexPage
from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP
from powerlists.models import PowerItem
from tests.policy_helpers import department, make_policy

pytestmark = pytest.mark.django_db

YEAR = 2023


def _login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office_user(demo, django_user_model):
    user = django_user_model.objects.create_user("gi-office", password="pw")
    user.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))
    return user


@pytest.fixture
def office(office_user):
    return _login(office_user)


@pytest.fixture
def dept(demo):
    return department("gi-test", "南川区信息公开测试局", "12500119MB1234567X", order=1)


def _text(response):
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _row(response, table, label):
    """The numbers a reader sees in the row headed `label` of table `table`."""
    html = response.content.decode()
    body = html[html.index(f'id="{table}"'):]
    body = body[:body.index("</table>")]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if heading and unescape(heading.group(1)).strip() == label:
            return [int(v) for v in re.findall(r'<td class="num">(\d+)</td>', row)]
    raise AssertionError(f"no row {label!r} in {table}")


# -- 指南 ---------------------------------------------------------------------

def test_guide_shows_every_element_of_article_12(demo, client):
    guide = GuideSettings.load()
    text = _text(client.get("/zhinan/"))
    for label in ("政府信息的分类", "编排体系", "主动公开", "依申请公开", "机构名称", "办公地址", "办公时间",
                  "联系电话", "传真号码", "网址", "监督和救济"):
        assert label in text
    for name in ("office_name", "address", "office_hours", "phone", "fax", "website"):
        assert getattr(guide, name) and getattr(guide, name) in text
    assert " ".join(guide.classification.split()) in " ".join(text.split())
    assert guide.missing() == []


def test_the_office_edits_the_guide_and_department_editors_cannot(demo, office, django_user_model, client):
    guide = GuideSettings.load()
    url = reverse("wagtailsettings:edit", args=["govinfo", "guidesettings", guide.pk])
    data = {f.name: getattr(guide, f.name) for f in GuideSettings._meta.fields
            if f.name not in ("id", "updated_on")}
    data["fax"] = "023-70000000"
    response = office.post(url, data)
    assert response.status_code == 302, _text(response)[:2000]
    assert "023-70000000" in _text(office.get("/zhinan/"))
    data["fax"] = "传真"
    assert "电话号码格式不正确" in _text(office.post(url, data))

    editor = django_user_model.objects.create_user("gi-editor", password="pw")
    editor.groups.add(Department.objects.get(slug="scjgj").editor_group)
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {**data, "fax": "023-79999999"})
    assert GuideSettings.load().fax == "023-70000000"


# -- 目录 ---------------------------------------------------------------------

@pytest.fixture
def documents(dept):
    library = PolicyIndexPage.objects.get()
    return {
        "normative": make_policy(library, "gi-p1", [dept], title="信息公开测试办法", written=dt.date(YEAR, 3, 1),
                                 genre="measures", summary="测试办法的内容概述"),
        "formula": make_policy(library, "gi-formula", [dept], title='=HYPERLINK("http://evil.example")',
                               written=dt.date(YEAR - 1, 2, 1), summary="@SUM(1+1)"),
    }


def test_catalogue_lists_documents_with_their_elements_and_filters(documents, dept, client):
    policy = documents["normative"]
    response = client.get(f"/mulu/?kind=policy&department={dept.slug}&year={YEAR}")
    text = _text(response)
    assert response.status_code == 200
    for value in (policy.index_number, "信息公开测试办法", "测试办法的内容概述", f"{YEAR}-03-01", dept.name):
        assert value in text
    assert "HYPERLINK" not in text  # another year
    assert "共 1 条" in " ".join(text.split())

    item = PowerItem.objects.current().select_related("department").first()
    text = _text(client.get(f"/mulu/?kind=power&q={item.code}"))
    assert f"{item.department.org_code}/{item.code}" in text and item.name in text


def test_catalogue_lists_published_answers_without_their_tracking_code(dept, client):
    published = _request(dept, "GIPUBLIC123", dt.date(YEAR, 3, 1), answered=dt.date(YEAR, 3, 9), outcome="disclosed")
    published.publish_answer, published.reply_text = True, "经查，所申请的信息予以公开。"
    published.save()
    _request(dept, "GIPRIVATE45", dt.date(YEAR, 3, 2), answered=dt.date(YEAR, 3, 9), outcome="disclosed")
    text = _text(client.get(f"/mulu/?kind=answer&department={dept.slug}"))
    assert "共 1 条" in " ".join(text.split())
    assert f"{dept.org_code}/YSQ-{published.pk:06d}" in text and "经查，所申请的信息予以公开。" in text
    assert "GIPUBLIC123" not in text and "GIPRIVATE45" not in text


def test_catalogue_parameters_are_checked(demo, client):
    response = client.get("/mulu/?kind=laws")
    assert response.status_code == 400 and "类别" in _text(response)
    assert client.get("/mulu/?year=２０２３").status_code == 400
    assert client.get("/mulu/export.csv?department=nowhere").status_code == 400


def test_exports_are_formula_safe(documents, dept, client):
    response = client.get(f"/mulu/export.csv?department={dept.slug}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == exports.HEADERS
    formula = next(r for r in rows if "HYPERLINK" in r[1])
    assert formula[1] == "'" + '=HYPERLINK("http://evil.example")' and formula[3] == "'@SUM(1+1)"
    assert len(rows) == 1 + 2

    response = client.get(f"/mulu/export.xlsx?department={dept.slug}&kind=policy")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row}
    cell = cells['=HYPERLINK("http://evil.example")']
    assert cell.data_type == "s" and cell.quotePrefix


def test_exports_are_bounded(documents, dept, client, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 1)
    response = client.get(f"/mulu/export.xlsx?department={dept.slug}")
    assert response.status_code == 400
    assert "共 2 条，超过单次导出上限 1 条" in _text(response)
    assert client.get(f"/mulu/export.csv?department={dept.slug}&year={YEAR}").status_code == 200


# -- 年度报告 -----------------------------------------------------------------

def _request(dept, code, received, applicant="person", kind="", answered=None, outcome="", status=None):
    at = timezone.make_aware(dt.datetime.combine(received, dt.time(10)))
    category = outcome.split(".")[0]
    return InformationRequest.objects.create(
        code=code, applicant_type=applicant, organisation_kind=kind, name="申请人", phone="023-12345678",
        description="某项政府信息", received_at=at, department=dept, outcome=category, outcome_reason=outcome if "." in outcome else "",
        answered_on=answered, status=status or ("answered" if answered else "processing"))


@pytest.fixture
def requests_world(dept):
    d = dt.date
    return {
        "carried": _request(dept, "GI1", d(YEAR - 1, 12, 20), answered=d(YEAR, 1, 10), outcome="disclosed"),
        "business": _request(dept, "GI2", d(YEAR, 3, 1), "organisation", "business", d(YEAR, 3, 20), "withheld.third_party"),
        "open": _request(dept, "GI3", d(YEAR, 12, 28), "organisation", "research"),
        "old": _request(dept, "GI4", d(YEAR - 1, 5, 1), answered=d(YEAR - 1, 6, 1), outcome="disclosed"),
        "late": _request(dept, "GI5", d(YEAR, 6, 1), "organisation", "legal_service", d(YEAR + 1, 1, 5), "partly"),
        "next_year": _request(dept, "GI6", d(YEAR + 1, 1, 2)),
        "not_held": _request(dept, "GI7", d(YEAR, 2, 1), answered=d(YEAR, 2, 10), outcome="unavailable.not_held"),
    }


def test_request_table_is_derived_from_requests_and_balances(requests_world, dept, office):
    report = AnnualReport.objects.create(year=YEAR, department=dept)
    page = office.get(report.get_absolute_url())
    assert page.status_code == 200 and "草稿预览" in _text(page)
    # columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    assert _row(page, "table-requests", "一、本年新收政府信息公开申请数量") == [1, 1, 1, 0, 1, 0, 4]
    assert _row(page, "table-requests", "二、上年结转政府信息公开申请数量") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(page, "table-requests", "（一）予以公开") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(page, "table-requests", "4．保护第三方合法权益") == [0, 1, 0, 0, 0, 0, 1]
    assert _row(page, "table-requests", "1．本机关不掌握相关政府信息") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(page, "table-requests", "（七）总计") == [2, 1, 0, 0, 0, 0, 3]
    assert _row(page, "table-requests", "四、结转下年度继续办理") == [0, 0, 1, 0, 1, 0, 2]
    assert "本年新收 4 + 上年结转 1 = 5；办理结果总计 3 + 结转下年度 2 = 5。两者相等。" in _text(page)

    # Change an outcome: the table follows.
    not_held = requests_world["not_held"]
    not_held.outcome, not_held.outcome_reason = "not_processed", "not_processed.repeat"
    not_held.save()
    page = office.get(report.get_absolute_url())
    assert _row(page, "table-requests", "1．本机关不掌握相关政府信息") == [0, 0, 0, 0, 0, 0, 0]
    assert _row(page, "table-requests", "2．重复申请") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(page, "table-requests", "（七）总计") == [2, 1, 0, 0, 0, 0, 3]


def test_a_published_report_keeps_its_figures_and_is_printable(requests_world, dept, office, client):
    report = AnnualReport.objects.create(year=YEAR, department=dept, overview="总体情况的文字", review_upheld=2,
                                         review_corrected=1, suit_after_pending=4)
    assert client.get(report.get_absolute_url()).status_code == 404  # not yet published
    report.published = True
    report.save()
    requests_world["open"].outcome, requests_world["open"].answered_on = "disclosed", dt.date(YEAR, 12, 30)
    requests_world["open"].save()
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200 and "草稿预览" not in _text(page)
    assert _row(page, "table-requests", "四、结转下年度继续办理") == [0, 0, 1, 0, 1, 0, 2]
    assert "总体情况的文字" in _text(page)
    # Table 4: entered figures, totals computed
    cells = re.findall(r'<td class="num">(\d+)</td>', page.content.decode().split('id="table-review"')[1].split("</table>")[0])
    assert [int(c) for c in cells] == [2, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4]
    printable = client.get(reverse("govinfo:report_department_print", args=[YEAR, dept.slug]))
    assert printable.status_code == 200 and "打印日期" in _text(printable) and "总体情况的文字" in _text(printable)
    catalogue = _text(client.get(f"/mulu/?kind=report&department={dept.slug}"))
    assert str(report) in catalogue and f"{dept.org_code}/NB-{YEAR}" in catalogue


def test_active_disclosure_table_counts_policies(dept, office):
    library = PolicyIndexPage.objects.get()
    d = dt.date
    make_policy(library, "gi-a1", [dept], written=d(YEAR, 3, 1), genre="measures")
    make_policy(library, "gi-a2", [dept], written=d(YEAR - 2, 5, 1), expiry_date=d(YEAR, 6, 30))
    make_policy(library, "gi-a3", [dept], written=d(YEAR - 1, 1, 1), genre="letter")
    make_policy(library, "gi-a4", [dept], written=d(YEAR, 5, 1), genre="order")
    old = make_policy(library, "gi-a5", [dept], written=d(YEAR - 1, 2, 1))
    new = make_policy(library, "gi-a6", [dept], written=d(YEAR, 4, 1), effective_date=d(YEAR, 5, 1))
    PolicyChange.objects.create(page=new, old_policy=old, kind="repeal")
    make_policy(library, "gi-a7", [dept], written=d(YEAR, 4, 1), level="municipal")
    report = AnnualReport.objects.create(year=YEAR, department=dept)
    page = office.get(report.get_absolute_url())
    assert _row(page, "table-active", "规章") == [1, 0, 1]
    assert _row(page, "table-active", "行政规范性文件") == [2, 2, 2]


def test_department_editors_write_their_own_report_only(dept, demo, django_user_model, client):
    scjgj = Department.objects.get(slug="scjgj")
    editor = django_user_model.objects.create_user("gi-writer", password="pw")
    editor.groups.add(scjgj.editor_group)
    client.force_login(editor)
    url = reverse("wagtailsnippets_govinfo_annualreport:add")
    data = {"year": YEAR, "department": scjgj.pk, "overview": "本局总体情况", "problems": "", "other_matters": "",
            "licensing_decisions": 5, "punishment_decisions": 0, "enforcement_decisions": 0, "fees_amount": "0",
            "published": "on", **{f"{g}_{k}": 0 for g in ("review", "suit", "suit_after")
                                 for k in ("upheld", "corrected", "other", "pending")}}
    assert client.post(url, data).status_code == 302
    report = AnnualReport.objects.get(year=YEAR, department=scjgj)
    assert not report.published  # publishing is the office's
    response = client.post(url, {**data, "department": "", "year": YEAR - 1})
    assert "全区年度报告由门户办编制" in _text(response)
    response = client.post(url, {**data, "department": dept.pk, "year": YEAR - 1})
    assert response.status_code == 200 and not AnnualReport.objects.filter(department=dept).exists()
    response = client.post(url, data)
    assert "已经存在" in _text(response)


def test_dashboard_shows_report_deadlines(dept, office_user, django_user_model):
    # Logged in on the day travelled to: a session from today would have expired.
    with time_machine.travel(dt.datetime(2027, 1, 20, 10), tick=False):
        text = " ".join(_text(_login(office_user).get("/admin/")).split())
        assert "2026年度政府信息公开工作年度报告" in text
        assert "全区（本级人民政府）年度报告 还有 70 天（2027-03-31 前发布）" in text
        assert f"{dept.name}年度报告 还有 11 天（2027-01-31 前发布）" in text
        assert "政府信息公开指南尚未填写" not in text
    guide = GuideSettings.load()
    guide.fax = ""
    guide.save()
    with time_machine.travel(dt.datetime(2027, 1, 20, 10), tick=False):
        assert "政府信息公开指南尚未填写：传真号码。" in " ".join(_text(_login(office_user).get("/admin/")).split())
    with time_machine.travel(dt.datetime(2027, 1, 25, 10), tick=False):
        AnnualReport.objects.create(year=2026, department=dept, published=True)
    editor = django_user_model.objects.create_user("gi-dash", password="pw")
    editor.groups.add(Department.objects.get(slug="scjgj").editor_group)
    with time_machine.travel(dt.datetime(2027, 2, 5, 10), tick=False):
        text = " ".join(_text(_login(editor).get("/admin/")).split())
        scjgj = Department.objects.get(slug="scjgj").name
        assert f"{scjgj}年度报告 已逾期 5 天（应于 2027-01-31 前发布）" in text
        assert "全区（本级人民政府）" not in text and dept.name not in text
        text = " ".join(_text(_login(office_user).get("/admin/")).split())
        assert f"{dept.name}年度报告 已于 2027-01-25 发布" in text


def test_demo_report_is_published_and_listed(demo, client):
    report = AnnualReport.objects.get(department=None, published=True)
    listing = _text(client.get("/nianbao/"))
    assert str(report) in listing
    page = client.get(f"/nianbao/{report.year}/")
    assert page.status_code == 200
    assert "两者相等" in _text(page) and report.overview[:10] in _text(page)
    assert client.get("/nianbao/99999999999999999999/").status_code == 404
    assert client.get(f"/nianbao/{report.year}/no-such-department/").status_code == 404
