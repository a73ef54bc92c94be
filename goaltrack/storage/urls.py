"""Database URLs with passwords in them: parsed as typed, and masked wherever they might be printed.

No password from a URL is ever printed: every message passes through ``redact``, and ``secrets`` gives
the command line's passwords to hide from ``ps``. Standard library only (SQLAlchemy inside parse_url).
"""

from __future__ import annotations

import re

# A password in a URL: after "user:" up to the LAST "@" of the address (a password may hold "@", ":"
# and "/" as typed), and any query parameter that carries one (?password=…).
_USERINFO_PASSWORD = re.compile(r"([A-Za-z][\w+.-]*://[^:@/\s]*:)[^\s?#]*(@)")
_QUERY_PARAMETER = re.compile(r"([?&;])([^=&;#\s]+)=([^&;#\s]*)")
_SECRET_KEYS = ("password", "passwd", "pwd", "pass", "sslpassword")


def _secret_key(key: str) -> bool:
    """Whether a query parameter's name, as written (p%41ssword, PASSWORD), names a password."""
    from urllib.parse import unquote_plus

    return unquote_plus(key).lower() in _SECRET_KEYS


def _masked_parameter(match: re.Match[str]) -> str:
    return f"{match[1]}{match[2]}=***" if _secret_key(match[2]) else match[0]


def mask_url(text: str) -> str:
    """``text`` (a URL, or a message holding URLs) with every password replaced by ***, fit to print."""
    return _QUERY_PARAMETER.sub(_masked_parameter, _USERINFO_PASSWORD.sub(r"\1***\2", text))


def _userinfo(url: str) -> tuple[str, str, str | None, str] | None:
    """(scheme, user, password or None, the rest) of a URL with user-info, else None.

    The user-info ends at the last "@" before the query, so a password may hold any character as
    typed; a database name holding "@" must be written %40. SQLite paths have no user-info.
    """
    scheme, sep, rest = url.partition("://")
    head = rest.split("?", 1)[0]
    if not sep or "@" not in head or head.startswith("/"):
        return None
    at = head.rfind("@")
    user, colon, password = head[:at].partition(":")
    if "/" in user:
        return None  # no user-info: an "@" further on, in a path
    return scheme, user, password if colon else None, rest[at + 1:]


def secrets(url: str | None) -> list[str]:
    """The passwords a URL holds (as typed and decoded), longest first: text to redact wherever it
    turns up, whole or in the pieces a parser may have cut it into."""
    from urllib.parse import parse_qsl, unquote

    if not url:
        return []
    found: set[str] = set()
    parts = _userinfo(url)
    if parts is not None and parts[2]:
        found |= {parts[2], unquote(parts[2])}
    query = url.partition("?")[2]
    found |= {value for key, value in parse_qsl(query, keep_blank_values=False) if key.lower() in _SECRET_KEYS}
    # ... and as written, which is what the command line holds: ab+cd, p%41ss, a key spelt p%41ssword
    found |= {value for _, key, value in _QUERY_PARAMETER.findall("?" + query) if value and _secret_key(key)}
    pieces = {piece for secret in found for piece in re.split(r"[@:/]", secret) if len(piece) >= 4}
    return sorted(found | pieces, key=len, reverse=True)


def redact(text: str, url: str | None) -> str:
    """``text`` with the URL's passwords masked, wherever and however they appear in it."""
    text = mask_url(text)
    for secret in secrets(url):
        text = text.replace(secret, "***")
    return text


def parse_url(url: str):
    """The SQLAlchemy URL for ``url``, reading a password with "@", ":" or "/" in it as typed."""
    from urllib.parse import unquote

    from sqlalchemy.engine import make_url

    parts = _userinfo(url)
    if parts is None:
        return make_url(url)
    scheme, user, password, rest = parts
    return make_url(f"{scheme}://{rest}").set(username=unquote(user) or None,
                                              password=None if password is None else unquote(password))


def shown_url(url) -> str:
    """A SQLAlchemy URL as printed: the password masked, in the address and in the query."""
    return mask_url(url.render_as_string(hide_password=True))
