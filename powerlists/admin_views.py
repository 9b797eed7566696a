"""Admin views: the import template and the Excel import with its error report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render

from portal.permissions import is_portal_office

from . import basis_flags, importer, xlsx
from .basis_report import summary
from .forms import ImportForm
from .models import LegalBasis
from .permissions import editable_departments

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE = "powerlists/admin/import.html"
DONE_KEY = "powerlists_import_done"  # the last import's result, shown once after the redirect


def template_download(request):
    response = HttpResponse(xlsx.template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename=\"powerlist-template.xlsx\"; filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    return response


def import_view(request):
    """Department editors may check their own department's file; applying it
    publishes the list directly, so only the portal office (reviewer) may.
    仅检查，不写入 needs no notice; a real import that changes the list asks
    for it, and after writing redirects (post/redirect/get) to a page naming
    every item added, changed, delegated or cancelled."""
    if not editable_departments(request.user).exists():
        raise PermissionDenied
    office = is_portal_office(request.user)
    context = {"office": office, "page_title": "权责清单导入", "header_icon": "upload"}
    if request.method != "POST":
        return render(request, TEMPLATE, {**context, "form": ImportForm(user=request.user),
                                          "done": request.session.pop(DONE_KEY, None)})
    form = ImportForm(request.POST, request.FILES, user=request.user)
    dry_run = request.POST.get("action") == "check" or not office
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    department = form.cleaned_data["department"]
    try:
        report = importer.import_department(form.cleaned_data["file"], department,
                                            notice=form.notice(), dry_run=dry_run)
    except xlsx.WorkbookError as exc:
        return render(request, TEMPLATE, {**context, "file_errors": exc.errors}, status=400)
    if report.needs_notice:
        form.ask_for_notice()
        report.errors = []  # shown on the fields; the difference is shown as for a dry run
        return render(request, TEMPLATE, {**context, "report": report}, status=400)
    if report.applied:
        request.session[DONE_KEY] = {
            "department": department.name, "summary": report.summary(),
            "notice": form.cleaned_data["notice_title"], "notice_number": form.cleaned_data["notice_number"],
            "entries": [e.as_dict() for e in report.entries]}
        return redirect("powerlists_admin:import")
    return render(request, TEMPLATE, {**context, "report": report}, status=400 if report.errors else 200)


def basis_report(request):
    """依据核验: the office sees every department's bases, a department
    editor their own. The office may run the check again (POST)."""
    departments = editable_departments(request.user)
    if not departments.exists():
        raise PermissionDenied
    office = is_portal_office(request.user)
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        flagged = basis_flags.check_all_and_flag()
        messages.success(request, f"已重新核验全部设定依据，新发现 {len(flagged)} 条需要核对，已通知相关部门。")
        return redirect("powerlists_admin:basis_report")
    bases = LegalBasis.objects.filter(item__department__in=departments).select_related(
        "item", "item__department", "law_ref", "article_ref")
    counts, problems, not_held = summary(bases)
    return render(request, "powerlists/admin/basis_report.html", {
        "problems": problems, "not_held": sorted(not_held.items()), "ok": counts.get("ok", 0),
        "unchecked": counts.get("", 0), "office": office,
        "checked_at": bases.aggregate(last=Max("checked_at"))["last"],
    })
