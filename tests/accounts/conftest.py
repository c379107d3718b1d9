"""Helpers for the account tests: a clean rate-limit cache and links read from sent mail."""

import re

from django.core import mail

from tests.factories import DEFAULT_PASSWORD


def link_in_mail(message: mail.EmailMessage, path_prefix: str) -> str:
    """The path of the first link in `message` whose path starts with `path_prefix`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[^\s<>\"]*)", message.body)
    assert match, f"no {path_prefix} link in mail:\n{message.body}"
    return match.group(1)


def login(client, email: str, password: str = DEFAULT_PASSWORD, **extra):
    """Post the login form with `extra` fields (next=...); upper-case names (REMOTE_ADDR,
    HTTP_X_FORWARDED_FOR) go into the request's META instead."""
    meta = {key: value for key, value in extra.items() if key.isupper()}
    fields = {key: value for key, value in extra.items() if not key.isupper()}
    return client.post("/accounts/login/", {"login": email, "password": password, **fields}, **meta)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def main_text(response) -> str:
    """The page's <main> element, where the messages a person reads are."""
    html = response.content.decode()
    start = html.index("<main")
    return html[start : html.index("</main>", start)]
