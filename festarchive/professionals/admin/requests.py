"""Staff follow every screener request here and read its history; the
holder and the professional write it. The one thing staff do is send the
holder a new link, which the service records."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import ScreenerRequest, ScreenerRequestEvent
from ..services.requests import MailNotSent, request_renew_holder_link


class EventInline(admin.TabularInline):
    model = ScreenerRequestEvent
    fields = ["at", "party", "action", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["at", "id"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScreenerRequest)
class ScreenerRequestAdmin(admin.ModelAdmin):
    list_display = [
        "film",
        "professional",
        "holder_name",
        "kind",
        "status",
        "created_at",
        "reminders_sent",
    ]
    list_filter = ["status", "kind", "created_at"]
    search_fields = [
        "film__title_en",
        "film__title_nl",
        "film__title_original",
        "professional__email",
        "professional__display_name",
        "holder_name",
        "holder_email",
        "purpose",
    ]
    list_select_related = ["film", "professional"]
    date_hierarchy = "created_at"
    fields = [
        "film",
        "professional",
        "kind",
        "purpose",
        ("wanted_from", "wanted_until"),
        "message",
        "language",
        ("holder_name", "holder_email"),
        "status",
        ("screener_url", "screener_password"),
        ("created_at", "updated_at"),
        ("reminders_sent", "reminded_at"),
    ]
    readonly_fields = [
        "film",
        "professional",
        "kind",
        "purpose",
        "wanted_from",
        "wanted_until",
        "message",
        "language",
        "holder_name",
        "holder_email",
        "status",
        "screener_url",
        "screener_password",
        "created_at",
        "updated_at",
        "reminders_sent",
        "reminded_at",
    ]
    inlines = [EventInline]
    actions = ["send_new_link"]

    # A request is made by a professional and answered by its holder; what
    # staff would type here would bypass both and the e-mails between them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_renew_permission(self, request):
        return request.user.has_perm("professionals.change_screenerrequest")

    @admin.action(description=_("Send the holder a new link"), permissions=["renew"])
    def send_new_link(self, request, queryset):
        sent = 0
        for screener_request in queryset:
            try:
                request_renew_holder_link(
                    screener_request=screener_request, by=request.user
                )
            except MailNotSent:
                self.message_user(
                    request,
                    _(
                        "The e-mail to %(email)s could not be sent; the old "
                        "link still works. Try again later."
                    )
                    % {"email": screener_request.holder_email},
                    messages.ERROR,
                )
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "Sent %(count)d holder a new link; their old links no longer work.",
                    "Sent %(count)d holders a new link; their old links no "
                    "longer work.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
