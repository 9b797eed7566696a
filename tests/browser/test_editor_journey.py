"""The editor's journey in the Chinese admin, in a real browser: import a
changed power list with a dry run first; create a policy with a measure and
an attachment, submit it for review, approve it and see it live.

The live server sees only committed data: each journey commits through the
browser, and puts the demo back afterwards on a connection of its own."""

import io
import re

import pytest
from openpyxl import load_workbook

from .conftest import _committed
from .support import BROWSER, run_axe, screenshot

pytestmark = BROWSER

PASSWORD = "journey-pw-8361-xyz"


@pytest.fixture
def users():
    """A department editor of 市场监管局 and a portal-office reviewer, committed; removed afterwards."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal.models import Department
    from portal.permissions import PORTAL_OFFICE_GROUP

    User = get_user_model()

    def create():
        editor = User.objects.create_user("journey-editor", password=PASSWORD)
        editor.groups.add(Department.objects.get(slug="scjgj").editor_group)
        office = User.objects.create_user("journey-office", password=PASSWORD)
        office.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))

    _committed(create)
    yield {"editor": "journey-editor", "office": "journey-office"}
    _committed(lambda: User.objects.filter(username__startswith="journey-").delete())


def log_in(page, site, username):
    page.goto(site + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site + "/admin/")


# -- power-list import --------------------------------------------------------

def _changed_list():
    """市场监管局's current list with one item added, one changed, one delegated and one cancelled."""
    from powerlists import xlsx
    from powerlists.models import PowerItem

    items = [i.to_data() for i in PowerItem.objects.current().filter(department__slug="scjgj")
             .prefetch_related("legal_bases", "steps", "accountability_cases")]
    workbook = load_workbook(io.BytesIO(xlsx.write(items)))
    sheet = workbook["权力事项"]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows["XK00002000"], 7).value = 3
    sheet.cell(rows["XK00003000"], 5).value = "乡镇（街道）"
    for ws in workbook.worksheets:
        for r in range(ws.max_row, 1, -1):
            if ws.cell(r, 1).value == "JL00001000":
                ws.delete_rows(r)
    sheet.append(["XK00090000", "大型群众性活动食品安全保障审查", "行政许可", "南川区市场监督管理局", "区县级", 10, 5,
                  "", "", "023-71438315", "", "", "", ""])
    workbook["设定依据"].append(["XK00090000", 1, "《中华人民共和国食品安全法》", "第一百零九条", "依据风险分级实施监督管理。"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def restored_power_list():
    """Puts 市场监管局's list back as it was (items, records and the search outbox) after the journey."""
    from powerlists import services
    from powerlists.models import Adjustment, PowerItem

    saved = {}

    def snapshot():
        saved["items"] = {i.code: i.to_data() for i in PowerItem.objects.filter(department__slug="scjgj")}
        saved["state"] = {code: {"live": live, "status": status} for code, live, status in
                          PowerItem.objects.filter(department__slug="scjgj").values_list("code", "live", "status")}
        saved["last"] = Adjustment.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def restore():
        Adjustment.objects.filter(id__gt=saved["last"]).delete()
        PowerItem.objects.filter(department__slug="scjgj").exclude(code__in=saved["items"]).delete()
        for code, data in saved["items"].items():
            item = services.write_item(data, PowerItem.objects.get(code=code).department, PowerItem.objects.get(code=code))
            PowerItem.objects.filter(pk=item.pk).update(**saved["state"][code])

    _committed(snapshot)
    yield
    _committed(restore)


def _import_rows(page):
    return {(row.get_attribute("data-kind"), row.locator("td").nth(1).inner_text())
            for row in page.locator("table.import-entries tbody tr").all()}


EXPECTED_ROWS = {("add", "XK00090000"), ("change", "XK00002000"), ("delegate", "XK00003000"), ("cancel", "JL00001000")}


def test_import_a_changed_power_list_with_a_dry_run_first(site, new_page, users, restored_power_list):
    data = {"name": "市场监管局权力清单.xlsx", "buffer": _changed_list(),
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    page, watcher = new_page("desktop")
    log_in(page, site, users["office"])
    page.get_by_role("link", name="权责清单导入").click()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "权责清单导入"

    # 仅检查，不写入: no notice asked for, the whole difference shown.
    page.get_by_label("部门").select_option(label="南川区市场监督管理局")
    page.get_by_label("清单文件（.xlsx）").set_input_files(data)
    page.get_by_role("button", name="仅检查，不写入").click()
    assert "检查通过（未写入）：南川区市场监督管理局" in page.inner_text("main")
    assert "新增 1 项，变更 1 项，下放 1 项，取消 1 项" in page.inner_text("main")
    assert _import_rows(page) == EXPECTED_ROWS
    assert "承诺时限：5 → 3" in page.locator("table.import-entries").inner_text()
    assert run_axe(page, "admin-powerlist-dry-run") == []

    # The real import asks for the notice, then writes and shows what it did.
    page.get_by_label("清单文件（.xlsx）").set_input_files(data)
    page.get_by_role("button", name="导入", exact=True).click()
    assert "导入将产生调整，请填写调整依据。" in page.inner_text("main")
    page.get_by_label("调整依据").fill("《中华人民共和国食品安全法》；机构职能调整")
    page.get_by_label("生效日期").fill("2026-12-01")
    page.get_by_label("公告名称").fill("关于调整区市场监管局权力清单的通知")
    page.get_by_label("公告文号").fill("南川府办发[2026]88号")
    page.get_by_label("清单文件（.xlsx）").set_input_files(data)
    page.get_by_role("button", name="导入", exact=True).click()
    page.wait_for_url(site + "/admin/powerlists/import/")
    main = page.inner_text("main")
    assert "导入完成：南川区市场监督管理局" in main and "（南川府办发〔2026〕88号）" in main
    assert _import_rows(page) == EXPECTED_ROWS
    assert page.get_by_label("调整依据").input_value() == ""  # the form is empty again
    screenshot(page, "admin-powerlist-imported")
    page.reload()  # a GET: nothing is submitted twice
    assert "导入完成" not in page.inner_text("main")

    page.goto(site + "/quanze/shixiang/XK00090000/")
    assert "大型群众性活动食品安全保障审查" in page.inner_text("main")
    assert not watcher.errors, watcher.errors


# -- a policy from draft to live ----------------------------------------------

TITLE = "南川区支持小微企业数字化转型试点措施"
MEASURE = "小微企业数字化改造补助"


@pytest.fixture
def removed_policy():
    """Deletes the journey's policy and its attachment afterwards."""
    from wagtail.documents.models import Document
    from wagtail.models import Page

    yield
    _committed(lambda: (Page.objects.filter(title__startswith=TITLE).delete(),
                        Document.objects.filter(title="试点申报表").delete()))


def test_a_policy_with_a_measure_and_an_attachment_from_draft_to_live(site, new_page, users, removed_policy, tmp_path):
    from policies.models import PolicyIndexPage

    library = PolicyIndexPage.objects.get(slug="zhengce")
    page, watcher = new_page("desktop")
    log_in(page, site, users["editor"])
    page.goto(f"{site}/admin/pages/add/policies/policypage/{library.pk}/")
    page.wait_for_load_state("networkidle")  # the admin's widgets are set up before anyone types

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("支持小微企业开展数字化改造。")
    page.locator("#id_attachments-ADD").click()
    page.locator("#id_attachments-0-document-chooser button[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="上传").click()
    sheet = tmp_path / "shenbaobiao.pdf"
    sheet.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    modal.locator("input[name='document-chooser-upload-title']").fill("试点申报表")
    modal.locator("input[name='document-chooser-upload-file']").set_input_files(str(sheet))
    modal.locator("form button[type=submit]").last.click()
    modal.wait_for(state="hidden")
    assert page.locator("#id_attachments-0-document-title").inner_text().strip() == "试点申报表"

    page.get_by_role("tab", name="文件信息").click()
    page.locator("#id_written_date").fill("2026-11-20")
    page.locator("#id_issuing_offices").get_by_label("南川区市场监督管理局").check()
    page.locator("#id_topic-chooser button[data-chooser-action-choose]").first.click()
    page.locator(".modal-dialog table a").first.click()
    page.locator(".modal-dialog").wait_for(state="hidden")
    page.locator("#id_genre").select_option(index=1)

    page.get_by_role("tab", name="惠企事项").click()
    page.locator("#id_measures-ADD").click()
    page.locator("#id_measures-0-title").fill(MEASURE)
    page.locator("#id_measures-0-support_type").select_option(index=1)
    page.locator("#id_measures-0-content").fill("按改造投入的20%给予补助，最高20万元。")

    page.wait_for_timeout(1000)  # as a person would pause before submitting (autosave, when on, would fire)
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=re.compile("提交")).first.click()
    page.wait_for_url(f"{site}/admin/pages/{library.pk}/")
    screenshot(page, "admin-policy-submitted")
    assert "审核中" in page.locator("tr", has_text=TITLE).inner_text()  # submitted, not live

    # The portal office finds it on the dashboard, approves and publishes it.
    reviewer, _w = new_page("desktop")
    log_in(reviewer, site, users["office"])
    drafts = reviewer.locator("#dashboard-department_policies-section")
    drafts.get_by_role("link", name=TITLE).click()
    reviewer.locator("footer .w-dropdown__toggle").first.click()
    reviewer.get_by_role("button", name=re.compile("批准")).first.click()
    reviewer.wait_for_url(f"{site}/admin/pages/{library.pk}/")
    screenshot(reviewer, "admin-policy-approved")
    assert "在用" in reviewer.locator("tr", has_text=TITLE).inner_text()  # live
    from wagtail.models import Page
    assert Page.objects.filter(title=TITLE).count() == 1  # one page, not an autosaved twin

    from policies.models import PolicyPage

    url = _committed_value(lambda: PolicyPage.objects.get(title=TITLE).url)
    public, public_watcher = new_page("desktop")
    public.goto(site + url)
    main = public.inner_text("main")
    assert TITLE in main and MEASURE in main and "试点申报表" in main
    # Only the public page's console is checked: Wagtail's autosave answers 400 while the new page is incomplete.
    assert not public_watcher.errors, public_watcher.errors


def _committed_value(read):
    box = []
    _committed(lambda: box.append(read()))
    return box[0]
