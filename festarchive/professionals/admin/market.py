"""Admin of the market library: its films with their screeners, holders and
role limits, and the viewing log (read only). Every save goes through
``services.market``.

The screener is uploaded through a plain file field, not the model's own
widget, which would link to the file at the private storage's (dummy)
address: no page shows where a screener is stored.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from festarchive.core.admin import RecordedAdmin

from ..market_links import holder_path
from ..models import MarketEntry, Viewing
from ..queries.market import role_labels, viewer_label
from ..screeners import check_screener
from ..services.market import (
    market_add,
    market_holder_link_replace,
    market_limit_roles,
    market_remove,
    market_report_send,
    market_set_holder,
    market_set_screener,
)
from ..vocabulary import ProfessionalRole


class MarketEntryForm(forms.ModelForm):
    allowed_roles = forms.MultipleChoiceField(
        label=_("Only for"),
        choices=ProfessionalRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Leave every box empty for every professional. The rights holder "
            "can change this from their page."
        ),
    )
    new_screener = forms.FileField(
        label=_("Upload a screener"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm"}),
        help_text=_(
            "An MP4 (H.264) or WebM video. It replaces the screener stored now, "
            "and is only ever served to the professional who is watching it."
        ),
    )
    remove_screener = forms.BooleanField(label=_("Remove the screener"), required=False)

    class Meta:
        model = MarketEntry
        fields = ["film", "edition", "holder_name", "holder_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allowed_roles"].initial = self.instance.allowed_roles
        if self.instance.pk is None:
            del self.fields["remove_screener"]
        self.fields["holder_name"].help_text = _(
            "Left empty, the film's credited screening-copy holder or world "
            "sales agent with an e-mail address on record is taken."
        )

    def clean_new_screener(self):
        upload = self.cleaned_data.get("new_screener")
        if upload:
            check_screener(upload)
        return upload


@admin.register(MarketEntry)
class MarketEntryAdmin(RecordedAdmin):
    record_prefix = "professionals.market"
    form = MarketEntryForm
    autocomplete_fields = ["film", "edition"]
    list_display = [
        "film",
        "edition",
        "has_screener",
        "roles",
        "holder_name",
        "viewings",
    ]
    list_filter = ["edition"]
    list_select_related = ["film", "edition__festival"]
    search_fields = [
        "film__title_en",
        "film__title_original",
        "holder_name",
        "holder_email",
    ]
    readonly_fields = ["screener_state", "holder_link", "added_at"]
    actions = ["send_reports", "replace_holder_links"]

    def get_fieldsets(self, request, obj=None):
        screener = ["screener_state", "new_screener"]
        if obj is not None:
            screener.append("remove_screener")
        holder = ["holder_name", "holder_email"]
        if obj is not None:
            holder.append("holder_link")
        return [
            (None, {"fields": ["film", "edition", "added_at"]}),
            (_("Screener"), {"fields": screener}),
            (_("Who may watch"), {"fields": ["allowed_roles"]}),
            (_("Rights holder"), {"fields": holder}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # The viewing log belongs to one film in one edition.
        if obj is not None:
            return [*self.readonly_fields, "film", "edition"]
        return self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(viewing_count=Count("viewings"))

    @admin.display(boolean=True, description=_("screener"))
    def has_screener(self, obj) -> bool:
        return bool(obj.screener)

    @admin.display(description=_("only for"))
    def roles(self, obj) -> str:
        return ", ".join(role_labels(obj.allowed_roles)) or "—"

    @admin.display(description=_("viewings"), ordering="viewing_count")
    def viewings(self, obj):
        url = reverse("admin:professionals_viewing_changelist")
        return format_html(
            '<a href="{}?entry__id__exact={}">{}</a>', url, obj.pk, obj.viewing_count
        )

    @admin.display(description=_("screener stored"))
    def screener_state(self, obj) -> str:
        if obj is None or not obj.screener:
            return _("No screener yet.")
        try:
            size = filesizeformat(obj.screener.size)
        except FileNotFoundError:
            return _("The screener file is missing from the private storage.")
        kind = obj.screener.name.rsplit(".", 1)[-1].upper()
        return _("A %(kind)s video of %(size)s.") % {"kind": kind, "size": size}

    @admin.display(description=_("holder's page"))
    def holder_link(self, obj) -> str:
        # Signed afresh each time the form is shown.
        return format_html(
            '<a href="{}" rel="noreferrer">{}</a><br>{}',
            holder_path(obj),
            _("The rights holder's page"),
            _(
                "Copy this link to send it to the rights holder: it works for "
                "90 days, or until the holder's links are replaced."
            ),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            entry = market_add(
                film=data["film"],
                edition=data["edition"],
                screener=data.get("new_screener"),
                holder_name=data.get("holder_name", ""),
                holder_email=data.get("holder_email", ""),
                by=request.user,
            )
            # The admin goes on with the form's instance (for its messages and
            # the redirect): make it the saved entry.
            for field in MarketEntry._meta.concrete_fields:
                setattr(obj, field.attname, getattr(entry, field.attname))
            obj._state.adding = False
            obj._state.db = entry._state.db
        else:
            if {"holder_name", "holder_email"} & set(form.changed_data):
                market_set_holder(
                    entry=obj,
                    holder_name=data["holder_name"],
                    holder_email=data["holder_email"],
                    by=request.user,
                )
            if data.get("new_screener"):
                market_set_screener(
                    entry=obj, screener=data["new_screener"], by=request.user
                )
            elif data.get("remove_screener"):
                market_set_screener(entry=obj, screener=None, by=request.user)
        if list(data.get("allowed_roles") or []) != list(obj.allowed_roles):
            market_limit_roles(
                entry=obj,
                roles=data.get("allowed_roles") or [],
                by_holder=False,
                by=request.user,
            )

    def delete_model(self, request, obj):
        market_remove(entry=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            market_remove(entry=entry, by=request.user)

    @admin.action(description=_("Send the rights holders their viewing reports now"))
    def send_reports(self, request, queryset):
        sent = 0
        for entry in queryset.select_related("film", "edition__festival"):
            sent += bool(market_report_send(entry=entry, by=request.user))
        self.message_user(
            request,
            ngettext(
                "Sent %(count)d viewing report.",
                "Sent %(count)d viewing reports.",
                sent,
            )
            % {"count": sent}
            + " "
            + _("Films without an e-mail address or new viewings got none."),
            messages.SUCCESS,
        )

    @admin.action(description=_("Replace the rights holders' links"))
    def replace_holder_links(self, request, queryset):
        count = 0
        for entry in queryset:
            market_holder_link_replace(entry=entry, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Replaced %(count)d holder's link: the links sent before no "
                "longer work.",
                "Replaced %(count)d holders' links: the links sent before no "
                "longer work.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Viewing)
class ViewingAdmin(admin.ModelAdmin):
    """The viewing log, as recorded: nobody edits or deletes a viewing. The
    number shown in a player's watermark is a viewing's id."""

    list_display = ["id", "started_at", "viewer_name", "entry", "minutes"]
    list_filter = ["entry__edition", "started_at"]
    list_select_related = ["viewer", "entry__film", "entry__edition__festival"]
    search_fields = [
        "=id",
        "viewer__email",
        "viewer__display_name",
        "entry__film__title_en",
    ]
    date_hierarchy = "started_at"
    readonly_fields = [
        "entry",
        "viewer",
        "started_at",
        "last_seen_at",
        "seconds_watched",
    ]
    fields = readonly_fields

    @admin.display(description=_("viewer"), ordering="viewer__display_name")
    def viewer_name(self, obj) -> str:
        return f"{viewer_label(obj.viewer)} <{obj.viewer.email}>"

    @admin.display(description=_("minutes"), ordering="seconds_watched")
    def minutes(self, obj) -> int:
        return (obj.seconds_watched + 30) // 60

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
