"""Editing pages in the admin (issue 19): pinyin slugs unique among siblings,
redirects when a slug changes, drafts that save only whole 惠企事项, a 发文字号
taken by a draft, and errors on the tab of their field."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from policies.models import PolicyIndexPage, PolicyPage, SupportMeasure
from portal.models import Department, Topic
from portal.page_forms import PageForm
from portal.text import word_slug

from .search_support import es_index  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

TITLE = "小微企业担保贷款实施办法"


@pytest.fixture
def editor(demo, django_user_model, client):
    user = django_user_model.objects.create_user("slug_editor", "se@example.com", "pw-123456")
    user.groups.add(Department.objects.get(slug="scjgj").editor_group)
    client.force_login(user)
    return user


@pytest.fixture
def library(demo):
    return PolicyIndexPage.objects.get()


def _add_form(client, library):
    url = reverse("wagtailadmin_pages:add", args=("policies", "policypage", library.pk))
    return url, querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")


def _post(client, url, data, **fields):
    data = data.copy()
    data.update({
        "title": TITLE, "slug": TITLE,  # the admin's script copies a Chinese title into the slug as it is
        "written_date": "2025-03-01", "published_date": "2025-03-05", "genre": "measures", "level": "district",
        "disclosure": "decision", "topic": str(Topic.objects.filter(parent__isnull=False).first().pk),
    })
    data.setlist("issuing_offices", [str(Department.objects.get(slug="scjgj").pk)])
    measure, autosave = fields.pop("measure", None), fields.pop("autosave", False)
    if measure is not None:
        data["measures-TOTAL_FORMS"] = "1"
        data.update({"measures-0-id": "", "measures-0-ORDER": "1", "measures-0-audience": "enterprise", "measures-0-delivery_mode": "application"})
        data.update({f"measures-0-{k}": v for k, v in measure.items()})
    data.update(fields)
    return client.post(url, dict(data.lists()), **({"HTTP_ACCEPT": "application/json"} if autosave else {}))


def test_word_slug_spells_words_in_pinyin():
    assert word_slug("小微企业担保贷款") == "xiaowei-qiye-danbao-daikuan"
    assert word_slug("关于2025年稳岗补贴的通知（试行）") == "guanyu-2025-nian-wengang-butie-de-tongzhi-shixing"
    assert word_slug("ＡＢＣ政策 v2") == "abc-zhengce-v2"
    assert len(word_slug("南川区支持专精特新中小企业高质量发展若干措施" * 3)) <= 60


def test_every_page_type_makes_readable_slugs():
    for model in get_page_models():
        if model is not Page:
            assert issubclass(model.get_edit_handler().get_form_class(), PageForm), model


def test_a_chinese_slug_becomes_pinyin_unique_within_its_parent(client, editor, library):
    url, data = _add_form(client, library)
    first = _post(client, url, data)
    assert first.status_code == 302
    page = PolicyPage.objects.get(title=TITLE)
    assert page.slug == "xiaowei-qiye-danbao-daikuan-shishibanfa"
    # The same title again (a second draft) gets the next free slug, no error.
    assert _post(client, url, data, document_number="").status_code == 302
    assert sorted(PolicyPage.objects.filter(title=TITLE).values_list("slug", flat=True)) == [
        "xiaowei-qiye-danbao-daikuan-shishibanfa", "xiaowei-qiye-danbao-daikuan-shishibanfa-2"]


def test_an_editor_types_their_own_slug_and_hears_when_it_is_taken(client, editor, library):
    url, data = _add_form(client, library)
    assert _post(client, url, data, slug="danbao-daikuan").status_code == 302
    assert PolicyPage.objects.get(title=TITLE).slug == "danbao-daikuan"
    taken = _post(client, url, data, slug="danbao-daikuan", title="另一个文件")
    assert taken.status_code == 200
    assert taken.context["form"].errors["slug"] == ["网址标识“danbao-daikuan”已被同一上级页面下的其他页面使用。"]


def test_a_published_page_keeps_its_old_address_when_the_slug_changes(client, demo, django_user_model, django_capture_on_commit_callbacks,
                                                                     es_index):
    # es_index: publishing indexes the new address; the demo's index (read by
    # other test files on this worker) must not keep it after the rollback.
    client.force_login(django_user_model.objects.create_superuser("slug_admin", "sa@example.com", "pw-123456"))
    page = PolicyPage.objects.live().filter(measures__isnull=False).first()
    old_url = page.url
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form")
    data["slug"] = "xin-wangzhi"
    data["action-publish"] = "1"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirect once the change is committed
        assert client.post(edit, dict(data.lists())).status_code == 302
    page.refresh_from_db()
    assert page.slug == "xin-wangzhi" and page.url != old_url
    assert Redirect.objects.filter(redirect_page=page).exists()
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"].endswith(page.url)


def test_a_draft_saves_only_whole_measures(client, editor, library):
    url, data = _add_form(client, library)
    half = {"title": "担保贷款贴息"}  # typed the name, nothing else yet
    saved = _post(client, url, data, measure=half)
    assert saved.status_code == 200 and not PolicyPage.objects.filter(title=TITLE).exists()
    errors = saved.context["form"].formsets["measures"].forms[0].errors
    assert set(errors) == {"support_type", "content"}
    autosaved = _post(client, url, data, measure=half, autosave="1")
    assert autosaved.status_code == 400 and autosaved.json()["success"] is False
    assert not SupportMeasure.objects.filter(title="担保贷款贴息").exists()
    whole = {**half, "support_type": "interest", "content": "按贷款利息的50%给予贴息"}
    assert _post(client, url, data, measure=whole).status_code == 302
    assert SupportMeasure.objects.get(title="担保贷款贴息").page.title == TITLE


def test_a_document_number_taken_by_a_draft_links_to_the_draft(client, editor, library):
    url, data = _add_form(client, library)
    assert _post(client, url, data, document_number="南川市场监管发〔2025〕7号").status_code == 302
    draft = PolicyPage.objects.get(title=TITLE)
    assert not draft.live
    again = _post(client, url, data, title="重新录入的同一文件", document_number="南川市场监管发[2025]7号")
    assert again.status_code == 200
    html = again.content.decode()
    assert f"发文字号“南川市场监管发〔2025〕7号”已被尚未发布的草稿《{TITLE}》使用" in html
    link = BeautifulSoup(html, "html.parser").find("a", string="打开该草稿")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])


def test_errors_show_on_the_tab_of_their_field(client, editor, library):
    """Wagtail counts the errors inside each tab (".error-message", ".help-critical") onto the tab's label."""
    taken = library.get_children().first().slug
    url, data = _add_form(client, library)
    response = _post(client, url, data, slug=taken, document_number="乱写", published_date="2025-02-01",
                     measure={"title": "担保贷款贴息"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    counted = {}
    for tab in soup.select("[role=tab][id^=tab-label-]"):
        panel = soup.find("section", id=tab["href"][1:])
        counted[" ".join(tab.find(string=True).split())] = len(panel.select(":is(.error-message, .help-critical):not([hidden])"))
    assert {tab: n for tab, n in counted.items() if n} == {"正文": 1, "文件信息": 2, "惠企事项": 2}
    assert not [e for e in soup.select(".error-message, .help-critical") if not e.find_parent("section", id=re.compile("^tab-"))]


def test_the_topic_chooser_lists_every_topic_under_its_parent_and_searches(client, editor):
    chooser = Topic.snippet_viewset.chooser_viewset

    def choices(url):
        response = client.get(url)
        html = response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()
        return [a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select("a[data-chooser-modal-choice]")]

    listed = choices(reverse(chooser.get_url_name("choose")))
    assert len(listed) == Topic.objects.count() > 60  # one list, not pages of ten
    for topic in Topic.objects.filter(parent__isnull=False):
        assert listed.index(str(topic)) > listed.index(topic.parent.name)
        assert str(topic) == f"{topic.parent.name} / {topic.name}"
    found = choices(reverse(chooser.get_url_name("choose_results")) + "?q=金融")
    assert found == ["财政、金融、审计"] + [str(t) for t in Topic.objects.filter(parent__name="财政、金融、审计").order_by("sort_order", "id")]


def test_the_portal_office_finds_issuing_offices_by_typing_district_first(client, editor, library, django_user_model):
    url, _ = _add_form(client, library)
    # A department editor issues in their own department's name: one checkbox.
    own = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    assert [i["value"] for i in own.select("input[name=issuing_offices]")] == [str(Department.objects.get(slug="scjgj").pk)]
    client.force_login(django_user_model.objects.create_superuser("office_ac", "oa@example.com", "pw-123456"))
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    select = soup.select_one("select[name=issuing_offices][data-department-autocomplete]")
    assert [g["label"] for g in select.find_all("optgroup")] == ["区级部门", "市级部门", "中央和国家机关"]
    district = [o.get_text() for o in select.find("optgroup").find_all("option")]
    assert district[0] == Department.objects.filter(level="district").order_by("sort_order", "id").first().name
    assert len(select.find_all("option")) == Department.objects.count()
    assert soup.find("script", src=re.compile(r"department-autocomplete\..*js"))
