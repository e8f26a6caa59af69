"""Staff keep contact details and availability here; the public catalogue's
admin pages stay as they are (and as public as they are)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models import Contact, FilmAvailability
from ..services.contacts import availability_save, contact_save
from ..vocabulary import Right, Seeking

WORLDWIDE = "WW"


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "phone", "website"]
    search_fields = ["person__name", "company__name", "email"]
    autocomplete_fields = ["person", "company"]

    def save_model(self, request, obj, form, change):
        contact_save(contact=obj, by=request.user)


class AvailabilityForm(forms.ModelForm):
    rights = forms.MultipleChoiceField(
        label=_("Rights available"),
        choices=Right.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    seeking = forms.MultipleChoiceField(
        label=_("Looking for"),
        choices=Seeking.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    territories = forms.CharField(
        label=_("Territories"),
        required=False,
        help_text=_(
            "Two-letter country codes separated by spaces or commas, e.g. "
            "'NL BE LU'; 'WW' for worldwide."
        ),
    )

    class Meta:
        model = FilmAvailability
        fields = ["film", "rights", "territories", "seeking", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["territories"] = " ".join(self.instance.territories or [])

    def clean_territories(self):
        raw = self.cleaned_data.get("territories") or ""
        codes = [c.strip().upper() for c in raw.replace(",", " ").split() if c.strip()]
        unknown = [c for c in codes if c != WORLDWIDE and not countries.name(c)]
        if unknown:
            raise forms.ValidationError(
                _("Not a country code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes


@admin.register(FilmAvailability)
class FilmAvailabilityAdmin(admin.ModelAdmin):
    form = AvailabilityForm
    list_display = ["film", "updated_at"]
    search_fields = ["film__title_en", "film__title_original"]
    autocomplete_fields = ["film"]

    def save_model(self, request, obj, form, change):
        availability_save(availability=obj, by=request.user)
