from email import policy
from email.parser import BytesParser

from django.core.mail import EmailMultiAlternatives

from engage.mail.backends import EmlFileBackend


def test_eml_backend_writes_one_parseable_file_per_message(tmp_path):
    message = EmailMultiAlternatives(
        subject="Svar på dit forslag: grønne tage",
        body="Kære borger, tak for forslaget om grønne tage på Ærøgade.",
        from_email="Hverdagsmål <noreply@example.com>",
        to=["borger@example.com"],
    )
    message.attach_alternative("<p>Kære borger, tak for forslaget.</p>", "text/html")
    other = EmailMultiAlternatives(subject="Nummer to", body="To", to=["b@example.com"])

    sent = EmlFileBackend(directory=tmp_path / "mail").send_messages([message, other])

    assert sent == 2
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    parsed = [BytesParser(policy=policy.default).parse(f.open("rb")) for f in files]
    first = next(p for p in parsed if p["To"] == "borger@example.com")
    assert first["Subject"] == "Svar på dit forslag: grønne tage"
    assert first["From"].addresses[0].display_name == "Hverdagsmål"
    assert "grønne tage på Ærøgade" in first.get_body(("plain",)).get_content()
    assert "<p>Kære borger" in first.get_body(("html",)).get_content()


def test_eml_backend_defaults_to_mail_eml_dir(tmp_path, settings):
    settings.MAIL_EML_DIR = tmp_path / "var-mail"
    EmlFileBackend().send_messages([EmailMultiAlternatives(subject="Hej", to=["a@example.com"])])
    assert len(list((tmp_path / "var-mail").glob("*.eml"))) == 1
