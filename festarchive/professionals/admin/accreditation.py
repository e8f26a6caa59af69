"""Admin of the accreditation feature: the queue of applications, trusted
e-mail domains and delegate profiles.

An application is never edited in place: every decision goes through the
services, which record it, clear the access cache and e-mail the applicant.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festarchive.core.admin import RecordedAdmin
from festarchive.core.numbers import parse_int

from ..models import Accreditation, DelegateProfile, TrustedDomain
from ..services.accreditation import (
    accreditation_approve,
    accreditation_refuse,
    accreditation_withdraw,
    default_valid_until,
)


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Sent in the e-mail and shown on their Professionals page."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


DECISIONS = {
    "approve": Accreditation.Status.PENDING,
    "refuse": Accreditation.Status.PENDING,
    "withdraw": Accreditation.Status.APPROVED,
}


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "email",
        "organisation",
        "role",
        "country",
        "scope_shown",
        "status",
        "created_at",
        "valid_until",
        "decide_link",
    ]
    list_filter = ["status", "role", "scope", "approved_automatically"]
    list_select_related = ["user", "edition__festival"]
    search_fields = [
        "user__email",
        "user__display_name",
        "user__first_name",
        "user__last_name",
        "organisation",
    ]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "refuse_selected"]
    fields = [
        "user",
        "email",
        "organisation",
        "role",
        "country",
        "website",
        "description",
        "scope",
        "edition",
        "language",
        "created_at",
        "status",
        "approved_automatically",
        "valid_from",
        "valid_until",
        "decided_at",
        "decided_by",
        "decision_message",
    ]
    readonly_fields = fields

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("access"), ordering="scope")
    def scope_shown(self, obj):
        if obj.scope == Accreditation.Scope.EDITION and obj.edition:
            return str(obj.edition)
        return obj.get_scope_display()

    @admin.display(description=_("decision"))
    def decide_link(self, obj):
        if obj.status not in (
            Accreditation.Status.PENDING,
            Accreditation.Status.APPROVED,
        ):
            return ""
        url = reverse("admin:professionals_accreditation_decide", args=[obj.pk])
        label = (
            _("Approve or refuse")
            if obj.status == Accreditation.Status.PENDING
            else _("Withdraw")
        )
        return format_html('<a href="{}">{}</a>', url, label)

    # Applications come from applicants, and stay on record.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return request.user.has_perm("professionals.change_accreditation")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="professionals_accreditation_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_decide": self.has_decide_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, object_id):
        """Approve, refuse or withdraw one accreditation, with a message."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        pk = parse_int(object_id)
        if pk is None:
            raise Http404
        accreditation = get_object_or_404(
            Accreditation.objects.select_related("user", "edition__festival"), pk=pk
        )
        form = DecisionForm(request.POST or None)
        if request.method == "POST":
            decision = request.POST.get("decision", "")
            if DECISIONS.get(decision) != accreditation.status:
                form.add_error(None, _("That decision does not fit this application."))
            elif form.is_valid():
                try:
                    self._decide(request, accreditation, decision, form.cleaned_data)
                except ValidationError as error:
                    for problem in error.messages:
                        form.add_error(None, problem)
                else:
                    return redirect("admin:professionals_accreditation_changelist")
        pending = accreditation.status == Accreditation.Status.PENDING
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Decide on %(application)s") % {"application": accreditation},
            "accreditation": accreditation,
            "original": accreditation,
            "form": form,
            "pending": pending,
            "may_withdraw": accreditation.status == Accreditation.Status.APPROVED,
            "default_until": default_valid_until(accreditation) if pending else None,
            "changelist_url": reverse("admin:professionals_accreditation_changelist"),
        }
        return TemplateResponse(
            request, "admin/professionals/accreditation/decide.html", context
        )

    def _decide(self, request, accreditation, decision: str, data: dict) -> None:
        message = data["message"]
        if decision == "approve":
            accreditation_approve(
                accreditation=accreditation,
                by=request.user,
                message=message,
                valid_until=data["valid_until"],
            )
            self.message_user(
                request,
                _("Approved %(application)s until %(date)s; the applicant is e-mailed.")
                % {
                    "application": accreditation,
                    "date": date_format(accreditation.valid_until),
                },
                messages.SUCCESS,
            )
        elif decision == "refuse":
            accreditation_refuse(
                accreditation=accreditation, by=request.user, message=message
            )
            self.message_user(
                request,
                _("Refused %(application)s; the applicant is e-mailed.")
                % {"application": accreditation},
                messages.SUCCESS,
            )
        else:
            accreditation_withdraw(
                accreditation=accreditation, by=request.user, message=message
            )
            self.message_user(
                request,
                _("Withdrew %(application)s; the professional is e-mailed.")
                % {"application": accreditation},
                messages.SUCCESS,
            )

    def _each(self, request, queryset, decide) -> tuple[int, int]:
        done = skipped = 0
        for accreditation in queryset.select_related("user", "edition"):
            try:
                decide(accreditation=accreditation, by=request.user)
            except ValidationError:
                skipped += 1
            else:
                done += 1
        return done, skipped

    def _report(self, request, skipped: int, done_message: str | None) -> None:
        if done_message:
            self.message_user(request, done_message, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Left %(count)d application alone: it was decided already.",
                    "Left %(count)d applications alone: they were decided already.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(
        description=_("Approve selected applications for the usual period"),
        permissions=["decide"],
    )
    def approve_selected(self, request, queryset):
        done, skipped = self._each(request, queryset, accreditation_approve)
        self._report(
            request,
            skipped,
            ngettext(
                "Approved %(count)d application; the applicant is e-mailed.",
                "Approved %(count)d applications; the applicants are e-mailed.",
                done,
            )
            % {"count": done}
            if done
            else None,
        )

    @admin.action(
        description=_("Refuse selected applications, without a message"),
        permissions=["decide"],
    )
    def refuse_selected(self, request, queryset):
        def refuse(*, accreditation, by):
            accreditation_refuse(accreditation=accreditation, by=by, message="")

        done, skipped = self._each(request, queryset, refuse)
        self._report(
            request,
            skipped,
            ngettext(
                "Refused %(count)d application; the applicant is e-mailed.",
                "Refused %(count)d applications; the applicants are e-mailed.",
                done,
            )
            % {"count": done}
            if done
            else None,
        )


class TrustedDomainForm(forms.ModelForm):
    class Meta:
        model = TrustedDomain
        fields = ["domain", "note"]

    def clean_domain(self):
        # Kept as the applicants' addresses are compared: lower case, no @.
        domain = self.cleaned_data["domain"].strip().lower().removeprefix("@")
        if not domain or "@" in domain or any(c.isspace() for c in domain):
            raise ValidationError(
                _("Write the part after the @ of an e-mail address, e.g. vpro.nl.")
            )
        if "." not in domain:
            raise ValidationError(_("A domain has a dot in it, e.g. vpro.nl."))
        return domain


@admin.register(TrustedDomain)
class TrustedDomainAdmin(RecordedAdmin):
    record_prefix = "professionals.trusted_domain"
    form = TrustedDomainForm
    list_display = ["domain", "note"]
    search_fields = ["domain", "note"]


@admin.register(DelegateProfile)
class DelegateProfileAdmin(RecordedAdmin):
    record_prefix = "professionals.delegate_profile"
    list_display = ["user", "is_listed", "person", "company", "updated_at"]
    list_filter = ["is_listed"]
    list_select_related = ["user", "person", "company"]
    search_fields = ["user__email", "user__display_name", "bio"]
    autocomplete_fields = ["user", "person", "company"]
    fields = ["user", "is_listed", "bio", "person", "company"]
