"""Image fields whose uploads go through the checks of uploads.py.

The model field only changes which form field the admin builds: whatever
reaches the model through a form is the cleaned copy, named by its content.
Code that stores images without a form calls ``check_image`` itself (see
services.py).
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .uploads import ImageRejected, check_image, check_video

ACCEPT = "image/jpeg,image/png,image/webp"


class CheckedImageFormField(forms.FileField):
    """One image, checked by its content and stripped of its metadata."""

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return check_image(upload).content
        except ImageRejected as rejected:
            raise forms.ValidationError(rejected.messages, code=rejected.code) from None


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImagesField(CheckedImageFormField):
    """Several images at once. Every file is checked, and every refusal is
    reported with the file's name, so one bad file among twenty is easy to find."""

    widget = MultipleImageInput(attrs={"accept": ACCEPT, "multiple": True})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"])
            return []
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class CheckedImageField(models.ImageField):
    """An ImageField whose form field checks and cleans the upload."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", CheckedImageFormField)
        kwargs.setdefault(
            "help_text", _("JPEG, PNG or WebP, at most 20 MB and 12,000 px a side.")
        )
        return super().formfield(**kwargs)


class CheckedVideoFormField(forms.FileField):
    """An MP4 file, checked by its header and named by its content."""

    widget = forms.ClearableFileInput(attrs={"accept": "video/mp4"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return check_video(upload)
        except ImageRejected as rejected:
            raise forms.ValidationError(rejected.messages, code=rejected.code) from None


class CheckedVideoField(models.FileField):
    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", CheckedVideoFormField)
        return super().formfield(**kwargs)
