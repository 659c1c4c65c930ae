"""Find the spans of an article that sit inside quotation marks.

Handles straight, curly, ``''...''``, guillemet and low-high marks; single marks nested
in double ones (ignored as spans of their own); a double opened and closed by a single
(``"proof’``); quotes that run over several paragraphs (each paragraph opens with a mark,
only the last one closes). Apostrophes (``don’t``, ``Kyiv’s``, ``'90s``, ``candidates’``)
are never marks, so an odd number of them cannot throw the pairing off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    """The quoted spans of one paragraph, and whether a double quote is left open at its end."""
    scan = _Scan(text, start, end, continued)
    scan.marks = [(m.start(), m.end(), m.group()) for m in _MARK.finditer(text, start, end)]
    while scan.i < len(scan.marks):
        ms, me, mk = scan.marks[scan.i]
        scan.i += 1
        if mk in SINGLE_OPENERS or mk in SINGLE_CLOSERS or mk in SINGLE_NEUTRAL:
            scan.single(ms, me, mk)
        elif scan.open_at is None:
            scan.double_outside(ms, me, mk)
        else:
            scan.double_inside(ms, me, mk)
    return scan.finish()


@dataclass
class _Scan:
    """The state of one paragraph's scan: the open double quote, if any, and inside it the
    depth of nested single quotes and a ’ that may turn out to close the double."""

    text: str
    start: int
    end: int
    continued: bool
    marks: list[tuple[int, int, str]] = field(default_factory=list)
    out: list[Marked] = field(default_factory=list)
    i: int = 0
    open_at: int | None = None  # start of the open double mark
    open_inner: int = 0
    single_depth: int = 0
    pending_single_close: tuple[int, int] | None = None  # a ’ that may close a double
    is_cont: bool = False

    def emit(self, cs: int, ce: int, closed: bool = True) -> None:
        assert self.open_at is not None
        _emit(self.out, self.text, self.open_at, self.open_inner, cs, ce, closed, self.is_cont)

    def open_double(self, ms: int, me: int) -> None:
        self.open_at, self.open_inner, self.single_depth = ms, me, 0
        self.pending_single_close = None

    def single(self, ms: int, me: int, mk: str) -> None:
        """A single mark: an apostrophe, a top-level single quote, or one inside a double
        (nested single quotes, or a single closing the double)."""
        text = self.text
        if _is_apostrophe(text, ms, me):
            return
        opens = _is_open_position(text, ms, me) and mk not in SINGLE_CLOSERS
        if self.open_at is None:
            if opens:
                close = _find_single_close(text, self.marks, self.i, self.end)
                if close is not None:
                    cs, ce, j = close
                    s, e = _trimmed(text, me, cs)
                    if e > s:
                        self.out.append(Marked(ms, s, e, ce, True, False, True))
                    self.i = j
            return
        if opens:
            if self.pending_single_close is not None and self.single_depth == 0:
                self.emit(*self.pending_single_close)
                self.open_at, self.is_cont, self.pending_single_close = None, False, None
                self.i -= 1
                return
            self.single_depth += 1
        elif self.single_depth > 0:
            self.single_depth -= 1
        elif mk in SINGLE_CLOSERS and self.pending_single_close is None:
            self.pending_single_close = (ms, me)

    def double_outside(self, ms: int, me: int, mk: str) -> None:
        """A double mark with no quote open: it opens one, unless it is a stray closer."""
        text, start, end = self.text, self.start, self.end
        if (
            mk in DOUBLE_CLOSERS
            and not _is_open_position(text, ms, me)
            and ms != _first_nonspace(text, start, end)  # '” … the train has left,” X wrote'
        ):
            return  # a stray closer
        if mk in DOUBLE_NEUTRAL and not (
            _is_open_position(text, ms, me) or _glued_open(text, ms, me)
        ):
            return
        self.open_double(ms, me)
        self.is_cont = self.continued and not self.out and ms == _first_nonspace(text, start, end)

    def double_inside(self, ms: int, me: int, mk: str) -> None:
        """A double mark inside an open quote: it closes it, or opens the next one."""
        text = self.text
        opener_like = mk in DOUBLE_OPENERS and mk != "\u201c"
        if (
            mk == "\u201c"
            and _is_open_position(text, ms, me)
            and not _is_close_position(text, ms, me)
        ):
            opener_like = True
        if mk in DOUBLE_NEUTRAL and self.pending_single_close and _is_open_position(text, ms, me):
            opener_like = True
        if opener_like:
            if self.pending_single_close is not None:
                self.emit(*self.pending_single_close)
            self.open_double(ms, me)
            self.is_cont = False
            return
        self.emit(ms, me)
        self.open_at, self.is_cont = None, False

    def finish(self) -> tuple[list[Marked], bool]:
        """A quote still open at the paragraph's end: closed by a pending ’, else left open."""
        if self.open_at is None:
            return self.out, False
        nxt_marked = _next_paragraph_opens(self.text, self.end)
        if self.pending_single_close is not None and not nxt_marked:
            self.emit(*self.pending_single_close)
            return self.out, False
        self.emit(self.end, self.end, closed=False)
        return self.out, True


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
