"""Staff follow donations here, read-only: the list with its filters, each
donation's payments and history, and three actions, each through its
service and its own permission: export as CSV, cancel a monthly gift, and
erase a donor's personal data (docs/donations.md). The donation page's texts
are edited here too."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festarchive.core.admin import RecordedAdmin
from festarchive.core.spreadsheets import csv_writer

from . import mollie
from .models import Donation, DonationEvent, DonationPageText, DonationPayment
from .queries import EXPORT_COLUMNS, export_rows
from .services.donations import donation_cancel
from .services.erasure import ErasureFailed, donation_erase


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # A donation's payments and history belong to whoever sees it.
        return request.user.has_perm("donations.view_donation")


class PaymentInline(ReadOnlyInline):
    model = DonationPayment
    fields = [
        "mollie_id",
        "sequence",
        "amount",
        "status",
        "method",
        "created_at",
        "paid_at",
        "receipt_sent_at",
    ]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = DonationEvent
    fields = ["at", "action", "by", "data"]
    readonly_fields = fields


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "created_at",
        "kind",
        "amount",
        "status",
        "gift",
        "email",
        "name",
    ]
    list_display_links = ["id", "created_at"]
    list_filter = ["status", "kind", "gift", "created_at", "language"]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    inlines = [PaymentInline, EventInline]
    actions = ["export_csv", "cancel_gifts", "erase_personal_data"]
    fields = [
        ("kind", "amount"),
        ("status", "gift"),
        ("name", "email", "language"),
        "dedication",
        "user",
        ("created_at", "updated_at"),
        ("cancelled_at", "erased_at"),
        ("mollie_customer_id", "mollie_mandate_id", "mollie_subscription_id"),
    ]
    readonly_fields = [
        field for row in fields for field in (row if isinstance(row, tuple) else (row,))
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # financial records: erased, never deleted

    def has_export_permission(self, request):
        return request.user.has_perm("donations.export_donation")

    def has_cancel_permission(self, request):
        return request.user.has_perm("donations.cancel_donation")

    def has_erase_permission(self, request):
        return request.user.has_perm("donations.erase_donation")

    @admin.action(
        description=_("Export the selected donations as CSV"), permissions=["export"]
    )
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read it as UTF-8
        writer = csv_writer(response)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(export_rows(queryset.order_by("created_at", "id")))
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="donations-{day}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(
        description=_("Cancel the selected monthly gifts"), permissions=["cancel"]
    )
    def cancel_gifts(self, request, queryset):
        done = failed = 0
        for donation in queryset.filter(kind=Donation.Kind.MONTHLY):
            if not donation.can_be_cancelled:
                continue
            try:
                donation_cancel(donation=donation, by=request.user)
            except (mollie.Unavailable, mollie.NotConfigured):
                failed += 1
            else:
                done += 1
        self._report(
            request,
            done,
            failed,
            ngettext(
                "Cancelled %(count)d monthly gift.",
                "Cancelled %(count)d monthly gifts.",
                done,
            )
            % {"count": done},
        )

    @admin.action(
        description=_("Erase the donors' personal data"), permissions=["erase"]
    )
    def erase_personal_data(self, request, queryset):
        done = failed = 0
        for donation in queryset:
            try:
                donation_erase(donation=donation, by=request.user)
            except ErasureFailed:
                failed += 1
            else:
                done += 1
        self._report(
            request,
            done,
            failed,
            ngettext(
                "Erased the personal data of %(count)d donation.",
                "Erased the personal data of %(count)d donations.",
                done,
            )
            % {"count": done},
        )

    def _report(self, request, done, failed, message):
        if done:
            messages.success(request, message)
        if failed:
            messages.error(
                request,
                ngettext(
                    "Mollie could not be reached for %(count)d donation; it was left "
                    "as it was. Try again in a few minutes.",
                    "Mollie could not be reached for %(count)d donations; they were "
                    "left as they were. Try again in a few minutes.",
                    failed,
                )
                % {"count": failed},
            )


@admin.register(DonationPageText)
class DonationPageTextAdmin(RecordedAdmin):
    record_prefix = "donations.page_text"
    fields = [
        ("introduction_en", "introduction_nl"),
        "suggested_amounts",
        ("anbi_note_en", "anbi_note_nl"),
    ]

    def has_add_permission(self, request):
        # One row is read; a second would never show.
        return (
            super().has_add_permission(request)
            and not DonationPageText.objects.exists()
        )
