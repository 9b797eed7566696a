"""The admin is Chinese throughout (issue 19): the screens editors use show no
English message from Wagtail's catalogues, and the JavaScript catalogue
translates every message Wagtail's scripts ask for."""

import json
import re

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real
from wagtail.models import Page, Task, Workflow, get_page_models
from wagtail.snippets.models import get_snippet_models

from policies.models import PolicyPage
from portal.models import Department

from . import admin_english

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def checker():
    return admin_english.Checker()


@pytest.fixture
def office_user(demo, django_user_model):
    user = django_user_model.objects.create_superuser("zh_admin", "zh@example.com", "pw-123456")
    return user


@pytest.fixture
def in_review(office_user):
    """A policy waiting in the 门户办 review, so the workflow screens have something to show."""
    page = PolicyPage.objects.live().first()
    page.save_revision(user=office_user)
    page.get_workflow().start(page, office_user)
    return page


def _snippet_urls(user):
    urls = []
    for model in get_snippet_models():
        viewset, first = model.snippet_viewset, model.objects.order_by("pk").first()
        can = viewset.permission_policy.user_has_permission
        urls.append(reverse(viewset.get_url_name("list")))
        # The edit form, or the add form (the same fields) when there is nothing to edit yet.
        if first is not None and can(user, "change"):
            urls.append(reverse(viewset.get_url_name("edit"), args=[first.pk]))
        elif first is not None and viewset.inspect_view_enabled:
            urls.append(reverse(viewset.get_url_name("inspect"), args=[first.pk]))
        elif can(user, "add"):
            urls.append(reverse(viewset.get_url_name("add")))
    return urls


def _page_urls():
    urls = [reverse("wagtailadmin_explore_root")]
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.order_by("pk").first()
        if page is not None:
            urls.append(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            if model.allowed_subpage_models():
                urls.append(reverse("wagtailadmin_explore", args=[page.pk]))
        for parent_model in model.allowed_parent_page_models():
            parent = parent_model.objects.order_by("pk").first()
            if parent is not None and parent_model is not Page and model.can_create_at(parent):
                urls.append(reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)))
                break
    return urls


def screens(page, user):
    """The admin screens department editors and the 门户办 use."""
    workflow = Workflow.objects.order_by("pk").first()
    task = Task.objects.order_by("pk").first()
    return [
        reverse("wagtailadmin_home"),
        *_page_urls(),
        *_snippet_urls(user),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:search") + "?q=政策",
        reverse("wagtailadmin_choose_page"),
        reverse("wagtaildocs:index"), reverse("wagtaildocs:add_multiple"),
        reverse("wagtailimages:index"), reverse("wagtailimages:add_multiple"),
        reverse("powerlists_admin:import"),
        reverse("wagtailredirects:index"), reverse("wagtailredirects:add"), reverse("wagtailredirects:start_import"),
        reverse("wagtailsearchpromotions:index"), reverse("wagtailsearchpromotions:add"),
        reverse("wagtailadmin_workflows:index"), reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        reverse("wagtailadmin_workflows:task_index"), reverse("wagtailadmin_workflows:edit_task", args=[task.pk]),
        reverse("wagtailadmin_reports:locked_pages"), reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"), reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"), reverse("wagtailadmin_reports:page_types_usage"),
        reverse("search_admin:analytics"),
        reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_account"),
    ]


def _english_on(client, checker, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        english = checker.find(response.content.decode())
        if english:
            found[url] = sorted(english)
    return found


def test_admin_screens_show_no_english_message(client, checker, office_user, in_review):
    client.force_login(office_user)
    urls = screens(in_review, office_user)
    assert len(urls) > 35
    assert _english_on(client, checker, urls) == {}


def test_a_department_editors_dashboard_and_policy_form_are_chinese(client, checker, demo, django_user_model):
    editor = django_user_model.objects.create_user("zh_editor", "zhe@example.com", "pw-123456")
    editor.groups.add(Department.objects.get(slug="scjgj").editor_group)
    client.force_login(editor)
    page = PolicyPage.objects.filter(issuing_offices__slug="scjgj").first()
    urls = [reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:add", args=("policies", "policypage", page.get_parent().pk))]
    assert _english_on(client, checker, urls) == {}


def test_the_check_finds_a_message_put_back_in_english(client, checker, office_user):
    """Take one of the project's translations away: the edit form shows the English again and the check says so."""
    client.force_login(office_user)
    url = reverse("wagtailadmin_pages:edit", args=[PolicyPage.objects.first().pk])
    catalog = trans_real.translation("zh-hans")._catalog
    message = "Autosave is paused"
    assert catalog[message] == "自动保存已暂停"
    catalog[message] = message
    try:
        found = _english_on(client, checker, [url])
    finally:
        catalog[message] = "自动保存已暂停"
    assert found == {url: [message]}


def test_the_javascript_catalogue_translates_every_wagtail_message(client, office_user):
    client.force_login(office_user)
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.DOTALL).group(1))
    missing = sorted(msgid for ctx, msgid, _ in admin_english.messages("djangojs") if (f"{ctx}\x04{msgid}" if ctx else msgid) not in catalogue)
    assert missing == []
    assert catalogue["Write something or type ‘/’ to insert a block"] == "输入内容，或输入“/”插入内容块"


def test_the_compiled_catalogues_match_their_sources():
    """The .mo files Django reads are compiled from the .po files editors maintain."""
    for domain in ("django", "djangojs"):
        path = settings.LOCALE_PATHS[0] / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
        source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural[0] for e in polib.pofile(str(path))}
        compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural[0] for e in polib.mofile(str(path.with_suffix(".mo")))}
        assert compiled == source
