"""What a film's rights holder says is available: one form for staff in the
admin and for the holder on their own page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FilmAvailability
from ..vocabulary import Right, Seeking, territory_known


class AvailabilityForm(forms.ModelForm):
    rights = forms.MultipleChoiceField(
        label=_("Rights available"),
        choices=Right.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    territories = forms.CharField(
        label=_("Territories"),
        required=False,
        max_length=2000,
        help_text=_(
            "Two-letter country codes separated by spaces or commas, e.g. "
            "'NL BE LU'; 'WW' for worldwide."
        ),
    )
    seeking = forms.MultipleChoiceField(
        label=_("Looking for"),
        choices=Seeking.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = FilmAvailability
        fields = ["rights", "territories", "seeking", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["territories"] = " ".join(self.instance.territories or [])

    def clean_territories(self):
        raw = self.cleaned_data.get("territories") or ""
        codes = [c.strip().upper() for c in raw.replace(",", " ").split() if c.strip()]
        unknown = [c for c in codes if not territory_known(c)]
        if unknown:
            raise forms.ValidationError(
                _("Not a country code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes
