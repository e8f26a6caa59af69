from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Accreditation
from ..queries.accreditation import open_editions


def _formfield(field, **kwargs):
    # A website typed without a scheme is taken as https (Django 6's default).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AccreditationForm(forms.ModelForm):
    """An application for professional access. The edition is one of the
    host festival's coming editions; a year's access needs none."""

    class Meta:
        model = Accreditation
        fields = [
            "organisation",
            "role",
            "country",
            "website",
            "description",
            "scope",
            "edition",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "scope": forms.RadioSelect,
        }
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = open_editions()
        self.fields["edition"].empty_label = _("Choose an edition")
        self.fields["edition"].help_text = _(
            "For access for one edition: the edition you are coming to."
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("scope") == Accreditation.Scope.EDITION
            and not data.get("edition")
            and "edition" not in self.errors
        ):
            self.add_error("edition", _("Choose the edition you are coming to."))
        return data
