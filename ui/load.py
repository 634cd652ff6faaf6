"""The one loader of the app's content: data/ read once per process, or one plain error and a stop.

Every page and part asks here (``content_or_stop``, ``words``, ``glossary_terms``) and passes what it got on: the
core (src/explainer) never fetches content behind a caller's back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

import explainer
from explainer import glossary
from explainer.content import cached_words, default_data_dir

__all__ = ["PAGE_WORDS", "content_or_stop", "glossary_terms", "loaded_or_stop", "words"]

_LOG = logging.getLogger("explainer.app")
T = TypeVar("T")


def loaded_or_stop(load: Callable[[], T], what: str) -> T:
    """``load()``, or, if a data file is broken, one plain error and a stop. The visitor reads a plain sentence;
    the people who run the site get the file, row and field, on the page and in the server log."""
    try:
        return load()
    except explainer.DataError as err:
        _LOG.error("%s failed to load: %s", what, err)
        st.error(
            f"{what} cannot be shown because one of its content files is broken. "
            "Please tell the people who run this site.\n\n"
            f"Details for them: {err}",
            icon=":material/error:",
        )
        st.stop()
        raise  # unreachable: st.stop() raises


def content_or_stop() -> explainer.Content:
    """The validated content, or one plain error and a stop.

    Read once per process (``functools.cache`` in :mod:`explainer.content`), outside Streamlit's caches: a
    visitor's ``clear_cache`` message clears ``st.cache_*`` for every session, and must change nothing here. New
    content comes with a restart (see README "Host it"), never by editing the files under a running server.
    """
    return loaded_or_stop(lambda: explainer.cached_content(str(default_data_dir())), "The explainer")


PAGE_WORDS = "pages.toml"


def words(table: str) -> dict[str, str]:
    """The words of one page or shared part, from ``data/pages.toml``; a broken file stops with a plain error."""
    return loaded_or_stop(lambda: cached_words(PAGE_WORDS, str(default_data_dir())), "The explainer")[table]


def glossary_terms() -> tuple[glossary.Term, ...]:
    """The glossary of the data folder in use; a broken file stops with a plain error."""
    return loaded_or_stop(lambda: glossary.cached_glossary(str(default_data_dir())), "The word list")
