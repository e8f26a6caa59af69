from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models import DelegateProfile
from ..vocabulary import ProfessionalRole


class DelegateSearchForm(forms.Form):
    """The directory's filters, from the query string; all optional."""

    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("What they do"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Any"))] + list(ProfessionalRole.choices)
        self.fields["country"].choices = [("", _("Any"))] + sorted(
            ((code, countries.name(code)) for code in country_codes),
            key=lambda choice: choice[1],
        )

    def filters(self) -> dict:
        """What to search for; a value that does not fit is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name, "").strip()
            for name in ("organisation", "role", "country")
            if data.get(name)
        }


class DelegateProfileForm(forms.ModelForm):
    class Meta:
        model = DelegateProfile
        fields = ["is_listed", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "is_listed": _(
                "Other accredited professionals and festival staff can then find "
                "you, with your name, organisation, role, country and the text "
                "below. Your e-mail address is never shown."
            ),
            "bio": _("What you do and what you are looking for, in a few lines."),
        }
