"""Find the spans of an article that sit inside quotation marks.

Handles straight, curly, ``''...''``, guillemet and low-high marks; single marks nested
in double ones (ignored as spans of their own); a double opened and closed by a single
(``"proof’``); quotes that run over several paragraphs (each paragraph opens with a mark,
only the last one closes). Apostrophes (``don’t``, ``Kyiv’s``, ``'90s``, ``candidates’``)
are never marks, so an odd number of them cannot throw the pairing off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.clean import INVISIBLE
from ingest.lexicon.marks import (
    DOUBLE_CLOSERS,
    DOUBLE_NEUTRAL,
    DOUBLE_OPENERS,
    OPEN_CONTEXT,
    SINGLE_CLOSERS,
    SINGLE_NEUTRAL,
    SINGLE_OPENERS,
)

_MARK = re.compile(
    "''|``|\u2019\u2019|\u2018\u2018|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'\u2039\u203a]"
)


@dataclass(frozen=True)
class Marked:
    """One quoted span: ``text[start:end]`` is inside the marks (whitespace trimmed)."""

    open_start: int  # offset of the opening mark
    start: int
    end: int
    close_end: int  # offset just past the closing mark (== end when left open)
    closed: bool  # False when the span runs to the end of its paragraph
    continued: bool  # True when it continues a quote from the previous paragraph
    single: bool  # True for a top-level single-mark quote (‘a quick victory’)


def _char_before(text: str, start: int) -> str:
    """The character before ``start``, read past the invisible ones (zero-width and
    bidirectional controls) that raw text may carry before a mark; cleaning drops them."""
    i = start - 1
    while i >= 0 and text[i] in INVISIBLE:
        i -= 1
    return text[i] if i >= 0 else " "


def _is_open_position(text: str, start: int, end: int) -> bool:
    before = _char_before(text, start)
    after = text[end] if end < len(text) else " "
    opens = before.isspace() or before in OPEN_CONTEXT or before in "\u201c\u2018\"'"
    return opens and not after.isspace()  # any space, a no-break space included


def _glued_open(text: str, start: int, end: int) -> bool:
    """'said one owner."We were deceived."': with no quote open, a straight mark between a
    sentence's end and a capital letter opens the next quote (the space was lost)."""
    return start > 0 and text[start - 1] in ".!?," and text[end : end + 1].isupper()


def _is_close_position(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    return not before.isspace()


def _is_apostrophe(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() and after.isalnum():  # don’t, Kyiv’s
        return True
    if after.isdigit() and not before.isalnum():  # '90s
        return True
    return (
        before.isalnum() and after in "sS" and not (end + 1 < len(text) and text[end + 1].isalpha())
    )


def find_marked(text: str) -> list[Marked]:
    """Every quoted span of ``text`` in order; single marks inside double ones are skipped."""
    spans: list[Marked] = []
    pos = 0
    n = len(text)
    continued = False
    while pos <= n:
        nl = text.find("\n", pos)
        para_end = n if nl < 0 else nl
        if not text[pos:para_end].strip():
            pos = para_end + 1
            if nl < 0:
                break
            continue
        para_spans, open_at_end = _scan_paragraph(text, pos, para_end, continued)
        spans.extend(para_spans)
        pos = para_end + 1
        if nl < 0:
            break
        # A quote left open continues when the next non-empty paragraph opens with a mark.
        nxt = pos
        while nxt < n and text[nxt].isspace():
            nxt += 1
        m = _MARK.match(text, nxt)
        continued = bool(
            open_at_end and m and (m.group() in DOUBLE_OPENERS or m.group() in DOUBLE_NEUTRAL)
        )
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(text: str, start: int, end: int, continued: bool) -> tuple[list[Marked], bool]:
    out: list[Marked] = []
    marks = [(m.start(), m.end(), m.group()) for m in _MARK.finditer(text, start, end)]
    open_at: int | None = None  # start of the open double mark
    open_inner = 0
    single_depth = 0
    pending_single_close: tuple[int, int] | None = None  # a ’ that may close a double
    is_cont = False
    i = 0
    while i < len(marks):
        ms, me, mk = marks[i]
        i += 1
        if mk in SINGLE_OPENERS or mk in SINGLE_CLOSERS or mk in SINGLE_NEUTRAL:
            if _is_apostrophe(text, ms, me):
                continue
            if open_at is None:
                if _is_open_position(text, ms, me) and mk not in SINGLE_CLOSERS:
                    close = _find_single_close(text, marks, i, end)
                    if close is not None:
                        cs, ce, j = close
                        s, e = _trimmed(text, me, cs)
                        if e > s:
                            out.append(Marked(ms, s, e, ce, True, False, True))
                        i = j
                continue
            # Inside a double quote: nested single quotes, or a single closing the double.
            if _is_open_position(text, ms, me) and mk not in SINGLE_CLOSERS:
                if pending_single_close is not None and single_depth == 0:
                    cs, ce = pending_single_close
                    _emit(out, text, open_at, open_inner, cs, ce, True, is_cont)
                    open_at, is_cont, pending_single_close = None, False, None
                    i -= 1
                    continue
                single_depth += 1
            elif single_depth > 0:
                single_depth -= 1
            elif mk in SINGLE_CLOSERS and pending_single_close is None:
                pending_single_close = (ms, me)
            continue
        # A double mark.
        if open_at is None:
            if (
                mk in DOUBLE_CLOSERS
                and not _is_open_position(text, ms, me)
                and ms != _first_nonspace(text, start, end)  # '” … the train has left,” X wrote'
            ):
                continue  # a stray closer
            if mk in DOUBLE_NEUTRAL and not (
                _is_open_position(text, ms, me) or _glued_open(text, ms, me)
            ):
                continue
            open_at, open_inner, single_depth, pending_single_close = ms, me, 0, None
            is_cont = continued and not out and ms == _first_nonspace(text, start, end)
            continue
        opener_like = mk in DOUBLE_OPENERS and mk != "\u201c"
        if (
            mk == "\u201c"
            and _is_open_position(text, ms, me)
            and not _is_close_position(text, ms, me)
        ):
            opener_like = True
        if mk in DOUBLE_NEUTRAL and pending_single_close and _is_open_position(text, ms, me):
            opener_like = True
        if opener_like:
            if pending_single_close is not None:
                cs, ce = pending_single_close
                _emit(out, text, open_at, open_inner, cs, ce, True, is_cont)
            open_at, open_inner, single_depth, pending_single_close = ms, me, 0, None
            is_cont = False
            continue
        _emit(out, text, open_at, open_inner, ms, me, True, is_cont)
        open_at, is_cont = None, False
    if open_at is None:
        return out, False
    nxt_marked = _next_paragraph_opens(text, end)
    if pending_single_close is not None and not nxt_marked:
        cs, ce = pending_single_close
        _emit(out, text, open_at, open_inner, cs, ce, True, is_cont)
        return out, False
    _emit(out, text, open_at, open_inner, end, end, False, is_cont)
    return out, True


def _emit(
    out: list[Marked],
    text: str,
    open_at: int,
    inner: int,
    close_start: int,
    close_end: int,
    closed: bool,
    continued: bool,
) -> None:
    s, e = _trimmed(text, inner, close_start)
    if e > s:
        out.append(Marked(open_at, s, e, close_end, closed, continued, False))


def _first_nonspace(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _next_paragraph_opens(text: str, end: int) -> bool:
    nxt = _first_nonspace(text, end, len(text))
    m = _MARK.match(text, nxt)
    return bool(m and (m.group() in DOUBLE_OPENERS or m.group() in DOUBLE_NEUTRAL))


def _find_single_close(
    text: str, marks: list[tuple[int, int, str]], i: int, end: int
) -> tuple[int, int, int] | None:
    """The closing single mark of a top-level single quote, within 300 characters."""
    limit = marks[i - 1][0] + 300
    for j in range(i, len(marks)):
        ms, me, mk = marks[j]
        if ms > limit:
            return None
        if mk in DOUBLE_OPENERS or mk in DOUBLE_CLOSERS or mk in DOUBLE_NEUTRAL:
            return None
        if mk in SINGLE_OPENERS:
            return None
        if _is_apostrophe(text, ms, me):
            continue
        after = text[me] if me < end else " "
        if _is_close_position(text, ms, me) and not after.isalnum():
            return ms, me, j + 1
    return None
