import pytest
from wagtail.rich_text import RichText

from festarchive.editorial.models import EditorialPage
from festarchive.editorial.services import translate

DUTCH = {
    "The institute": "Het instituut",
    "institute": "instituut",
    "Who we are and what we keep.": "Wie we zijn en wat we bewaren.",
    "Our history": "Onze geschiedenis",
    "Founded in 1988.": "Opgericht in 1988.",
    "Films are memory.": "Films zijn geheugen.",
    "Read the archive": "Lees het archief",
}


def _institute(home, *, publish=True):
    page = EditorialPage(
        title="The institute",
        slug="institute",
        live=publish,
        intro="Who we are and what we keep.",
        body=[
            ("heading", "Our history"),
            ("paragraph", RichText("<p>Founded in 1988.</p>")),
            ("quote", {"text": "Films are memory.", "source": ""}),
            (
                "call_to_action",
                {
                    "text": "Read the archive",
                    "page": None,
                    "url": "https://example.org/",
                },
            ),
        ],
    )
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def _translate(page, language_code, capture_on_commit):
    """Translate the page as a translator does, and publish it (which
    wagtail-localize does once the transaction commits)."""
    with capture_on_commit(execute=True):
        translated = translate(page, language_code=language_code, texts=DUTCH)
    translated.refresh_from_db()
    return translated


@pytest.mark.django_db
def test_staff_open_the_page_admin_with_their_one_login(staff_client):
    response = staff_client.get("/cms/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_editorial_page_is_served_in_english_inside_the_site(client, home):
    _institute(home)
    response = client.get("/en/institute/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>The institute</h1>" in html
    assert "<h2>Our history</h2>" in html
    assert "<p>Founded in 1988.</p>" in html
    assert "<blockquote><p>Films are memory.</p></blockquote>" in html
    assert 'href="https://example.org/">Read the archive</a>' in html
    assert 'class="site-header"' in html  # base.html around it
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_its_dutch_translation_is_served_under_nl(
    client, home, django_capture_on_commit_callbacks
):
    page = _institute(home)
    dutch = _translate(page, "nl", django_capture_on_commit_callbacks)
    assert dutch.live
    response = client.get(f"/nl/{dutch.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Het instituut</h1>" in html
    assert "<h2>Onze geschiedenis</h2>" in html
    assert "<p>Opgericht in 1988.</p>" in html
    assert 'href="https://example.org/">Lees het archief</a>' in html


@pytest.mark.django_db
def test_an_unpublished_page_is_not_found_for_visitors(client, home):
    _institute(home, publish=False)
    response = client.get("/en/institute/")
    assert response.status_code == 404
    assert b'class="site-header"' in response.content  # our own 404 page


@pytest.mark.django_db
def test_an_address_no_page_has_is_still_our_404(client, home):
    _institute(home)
    assert client.get("/en/no-such-page/").status_code == 404
    # No slash is added to an address that would not exist with one either.
    assert client.get("/en/no-such-page").status_code == 404


@pytest.mark.django_db
def test_a_translation_missing_a_text_is_refused_whole(home):
    from django.db import transaction

    from festarchive.editorial.services import MissingTranslation

    page = _institute(home)
    with pytest.raises(MissingTranslation, match="Our history"):
        with transaction.atomic():
            translate(
                page,
                language_code="nl",
                texts={k: v for k, v in DUTCH.items() if k != "Our history"},
            )
    assert not page.get_translations().exists()
