"""Fill in admin change forms the way a browser would, for tests through HTTP."""


def _form_values(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)
    return data


def change_form_data(response) -> dict:
    """The POST data of an admin add or change page as it was rendered."""
    data = _form_values(response.context["adminform"].form)
    # The history page's revert form has no inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    return data


def add_inline_row(data: dict, prefix: str, values: dict) -> dict:
    """Fill the next empty row of an inline formset, as 'Add another' does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    return data
