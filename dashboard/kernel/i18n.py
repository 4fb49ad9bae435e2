"""One translation mechanism (gettext catalogs); numbers and dates: formatting.py.

Every visible string goes through `translator(lang)("English text")`; the catalogs
are the `.po` files in `dashboard/locale/<lang>/LC_MESSAGES/` (one per area of the
product, merged), read with Babel at first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else falls back to English."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """The translations of one language, msgid → msgstr (empty for English)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=BABEL_LOCALES[lang])
        messages.update(
            (message.id, message.string)
            for message in po
            if message.id and message.string and not message.fuzzy
        )
    return messages


def translator(lang: str | None) -> Callable[..., str]:
    """`_` for one language: `_("Hello {name}", name=...)` translates, then fills."""
    messages = catalog(normalise_language(lang))

    def _(message: str, **values: object) -> str:
        text = messages.get(message, message)
        return text.format(**values) if values else text

    return _


def _locale(lang: str) -> str:
    return BABEL_LOCALES[normalise_language(lang)]


LIST_SEPARATORS = {"en": ", ", "zh": "、"}


def join_list(items: Iterable[str], lang: str) -> str:
    """Items of a list as the language separates them: "A, B" / "A、B"."""
    return LIST_SEPARATORS[normalise_language(lang)].join(items)
