"""The portal's select rendering writes exactly what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from kyodo_portal.form_renderer import PortalFormRenderer

CHOICES = [
    ("", "すべて"),
    (1, '埼玉県 <県民生活部> & "共助社会づくり課"'),
    (2, "さいたま市 市民協働推進課"),
    (
        "市町村",
        [(3, "川越市 市民活動支援課"), (4, "所沢市 'まちづくり' 推進課")],
    ),
]


def both(widget: forms.Widget, value, attrs=None) -> tuple[str, str]:
    portal = widget.render("office", value, attrs=attrs, renderer=PortalFormRenderer())
    django = widget.render("office", value, attrs=attrs, renderer=DjangoTemplates())
    return portal, django


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, None),
        ("", {"id": "id_office"}),
        (2, {"id": "id_office", "class": "form-select", "aria-invalid": "true"}),
        (4, {"required": True, "disabled": False, "aria-describedby": "office-error x<y"}),
        ("<script>", {"data-x": 'a"b'}),
    ],
)
def test_select_matches_django_templates(value, attrs):
    portal, django = both(forms.Select(choices=CHOICES), value, attrs)
    assert portal == django
    assert "<script>" not in portal


def test_selected_option_is_marked_and_escaped():
    portal, _django = both(forms.Select(choices=CHOICES), 1)
    label = "埼玉県 &lt;県民生活部&gt; &amp; &quot;共助社会づくり課&quot;"
    assert f'<option value="1" selected>{label}</option>' in portal
    assert '<optgroup label="市町村">' in portal


def test_multiple_select_matches_django_templates():
    portal, django = both(forms.SelectMultiple(choices=CHOICES), [2, 3], {"id": "id_office"})
    assert portal == django
    assert portal.count(" selected") == 2


def test_other_widgets_and_custom_option_templates_use_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    portal, django = both(Custom(choices=CHOICES), 2)
    assert portal == django
    portal, django = both(forms.TextInput(), "協働")
    assert portal == django


def test_forms_in_the_portal_use_the_portal_renderer(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    try:
        assert isinstance(get_default_renderer(), PortalFormRenderer)
    finally:
        get_default_renderer.cache_clear()


def test_select_is_written_without_a_template_per_option(monkeypatch):
    renderer = PortalFormRenderer()
    monkeypatch.setattr(renderer, "get_template", lambda name: pytest.fail(f"template {name}"))
    html = forms.Select(choices=CHOICES).render("office", 3, renderer=renderer)
    assert '<option value="3" selected>川越市 市民活動支援課</option>' in html
