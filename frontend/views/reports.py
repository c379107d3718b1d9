"""Progress report pages: an agreement's reports, the report form (values with their
sources, the story, evidence files, submission), evidence files behind an access check,
and the coordinators' review queue and review page.

Views stay thin: forms check the shape of input, partnerships.services.reports does the
writes and raises ValidationError for anything a person can fix, partnerships.rules
decide who may, and partnerships.selectors read.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontend.forms.proposals import error_text, errors_from_service
from frontend.forms.reports import (
    AnnualReportStartForm,
    EventReportStartForm,
    EvidenceForm,
    ReportForm,
    ReviewForm,
)
from frontend.pagination import CappedPaginator
from frontend.views.access import permission_require
from partnerships import selectors, services
from partnerships.models import (
    Agreement,
    AgreementStatus,
    Evidence,
    ProgressReport,
    ReportingRhythm,
    ReportStatus,
)


def _agreement_or_404(pk: int) -> Agreement:
    try:
        return selectors.agreement_get_for_reports(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def _report_or_404(pk: int) -> ProgressReport:
    try:
        return selectors.report_get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None


# --- an agreement's reports --------------------------------------------------------------


def _start_form(request: HttpRequest, agreement: Agreement, reports: list[ProgressReport]):
    if agreement.programme.reporting_rhythm == ReportingRhythm.PER_EVENT:
        return EventReportStartForm(request.POST or None)
    taken = {r.period_end.year for r in reports if not r.event_name}
    years = [
        year
        for year in range(timezone.localdate().year, agreement.start_date.year - 1, -1)
        if year not in taken
    ]
    return AnnualReportStartForm(request.POST or None, years=years) if years else None


def _report_list_page(request: HttpRequest, agreement: Agreement, *, form=None) -> HttpResponse:
    reports = selectors.report_list_for_agreement(agreement=agreement, user=request.user)
    may_start = agreement.status != AgreementStatus.ENDED and request.user.has_perm(
        "partnerships.start_report", agreement
    )
    context = {
        "agreement": agreement,
        "reports": reports,
        "start_form": (form or _start_form(request, agreement, reports)) if may_start else None,
        "per_event": agreement.programme.reporting_rhythm == ReportingRhythm.PER_EVENT,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "frontend/partnerships/reports/list.html", context, status=status)


@never_cache
@login_required
@require_GET
def report_list(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    permission_require(request, "partnerships.view_reports", agreement)
    return _report_list_page(request, agreement)


@login_required
@require_POST
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    permission_require(request, "partnerships.start_report", agreement)
    reports = selectors.report_list_for_agreement(agreement=agreement, user=request.user)
    form = _start_form(request, agreement, reports)
    if form is None:
        messages.info(request, _("Every year so far has a report."))
        return redirect("frontend:report_list", pk=agreement.pk)
    if form.is_valid():
        try:
            report = services.report_start(
                agreement=agreement, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The report is started. Fill in the values."))
            return redirect(report)
    return _report_list_page(request, agreement, form=form)


# --- one report ----------------------------------------------------------------------------


def _report_page(
    request: HttpRequest,
    report: ProgressReport,
    *,
    form: ReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    submit_errors: list[str] | None = None,
) -> HttpResponse:
    user = request.user
    values = selectors.report_values(report=report)
    editable = (
        report.is_editable
        and report.agreement.status != AgreementStatus.ENDED
        and user.has_perm("partnerships.change_report", report)
    )
    if editable and form is None:
        form = ReportForm(
            commitments=selectors.report_commitments(report=report),
            values={v.commitment_id: v for v in values},
            initial={"story": report.story},
        )
    context = {
        "report": report,
        "agreement": report.agreement,
        "values": values,
        "evidence": selectors.report_evidence(report=report, values=values),
        "form": form if editable else None,
        "evidence_form": (evidence_form or EvidenceForm(values=values)) if editable else None,
        "can_submit": editable and user.has_perm("partnerships.submit_report", report),
        "can_review": report.status == ReportStatus.SUBMITTED
        and user.has_perm("partnerships.review_report", report),
        "submit_errors": submit_errors or [],
        "max_files": services.EVIDENCE_MAX_FILES,
    }
    failed = (
        (form is not None and form.errors)
        or (evidence_form is not None and evidence_form.errors)
        or submit_errors
    )
    return render(
        request,
        "frontend/partnerships/reports/detail.html",
        context,
        status=400 if failed else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: its form for the organisation's members while it is a draft or sent
    back; read-only otherwise. POST saves the values and the story."""
    report = _report_or_404(pk)
    permission_require(request, "partnerships.view_report", report)
    if request.method == "GET":
        return _report_page(request, report)
    permission_require(request, "partnerships.change_report", report)
    if not report.is_editable:
        messages.info(request, _("The report cannot be changed now."))
        return redirect(report)
    values = selectors.report_values(report=report)
    form = ReportForm(
        request.POST,
        commitments=selectors.report_commitments(report=report),
        values={v.commitment_id: v for v in values},
    )
    if form.is_valid():
        try:
            services.report_values_set(
                report=report,
                actor=request.user,
                entries=form.entries(),
                story=form.cleaned_data["story"],
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The report is saved."))
            return redirect(report)
    return _report_page(request, report, form=form)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(pk)
    permission_require(request, "partnerships.submit_report", report)
    try:
        services.report_submit(report=report, actor=request.user)
    except ValidationError as exc:
        return _report_page(request, _report_or_404(pk), submit_errors=exc.messages)
    messages.success(
        request, _("The report is submitted. The programme's coordinators will verify it.")
    )
    return redirect(report)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(pk)
    permission_require(request, "partnerships.change_report", report)
    values = selectors.report_values(report=report)
    form = EvidenceForm(request.POST, request.FILES, values=values)
    if form.is_valid():
        value = next((v for v in values if v.pk == form.cleaned_data["value"]), None)
        try:
            services.evidence_add(
                report=report, actor=request.user, upload=form.cleaned_data["file"], value=value
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The file is added."))
            return redirect(report)
    return _report_page(request, report, evidence_form=form)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    evidence = _evidence_or_404(pk, file_pk)
    permission_require(request, "partnerships.change_report", evidence.report)
    try:
        services.evidence_remove(evidence=evidence, actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("frontend:report_detail", pk=pk)


def _evidence_or_404(pk: int, file_pk: int) -> Evidence:
    try:
        return selectors.evidence_get(report_pk=pk, pk=file_pk)
    except Evidence.DoesNotExist:
        raise Http404 from None


_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


@require_GET
def evidence_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """An evidence file, to the people partnerships.rules lets see it: the organisation
    and the programme's coordinators, and anyone once what it backs is verified. Sent with
    the content type stored at upload (PDF, JPEG or PNG, checked by content), a
    Content-Disposition (PDFs download, images show), and kept out of shared caches
    while private. Nobody else learns that it exists (404)."""
    evidence = _evidence_or_404(pk, file_pk)
    if not request.user.has_perm("partnerships.view_evidence", evidence):
        raise Http404
    if not evidence.file.storage.exists(evidence.file.name):
        raise Http404
    safe_name = _UNSAFE_NAME.sub("_", evidence.original_name).strip() or "evidence"
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=evidence.content_type == "application/pdf",
        filename=safe_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = (
        "private, no-store" if not evidence.is_public else "public, max-age=3600"
    )
    return response


# --- the coordinators' review --------------------------------------------------------------


@never_cache
@login_required
@require_GET
def report_queue(request: HttpRequest) -> HttpResponse:
    """Submitted reports awaiting verification in the programmes the person coordinates
    (all of them for an admin), the longest waiting first."""
    permission_require(request, "partnerships.view_report_queue")
    number = request.GET.get("page")
    page = CappedPaginator(
        selectors.report_list_awaiting_names(user=request.user), 25, number=number
    ).get_page(number)
    context = {
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }
    return render(request, "frontend/partnerships/reports/queue.html", context)


def _review_page(
    request: HttpRequest, report: ProgressReport, *, form: ReviewForm | None = None
) -> HttpResponse:
    values = selectors.report_values(report=report)
    context = {
        "report": report,
        "agreement": report.agreement,
        "form": form or ReviewForm(values=values),
        "evidence": selectors.report_evidence(report=report, values=values),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "frontend/partnerships/reports/review.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(pk)
    permission_require(request, "partnerships.review_report", report)
    if report.status != ReportStatus.SUBMITTED:
        messages.info(request, _("The report is not awaiting verification."))
        return redirect(report)
    if request.method == "GET":
        return _review_page(request, report)
    form = ReviewForm(request.POST, values=selectors.report_values(report=report))
    if form.is_valid():
        try:
            report = services.report_review(
                report=report, actor=request.user, decisions=form.decisions()
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict") and exc.code == "not_submitted":
                messages.info(request, error_text(exc))
                return redirect(report)
            errors_from_service(form, exc)
        else:
            if report.status == ReportStatus.VERIFIED:
                messages.success(request, _("The report is verified."))
            else:
                messages.success(
                    request, _("The values you sent back are returned to the organisation.")
                )
            return redirect("frontend:report_queue")
    return _review_page(request, report, form=form)
