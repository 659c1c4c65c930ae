"""parse_date: common publication-date forms to ISO, and "" rather than a guess."""

from __future__ import annotations

import pytest

from ingest.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-04-28", "2022-04-28"),
        ("2022-4-8", "2022-04-08"),
        ("2022-04-28T10:00:00", "2022-04-28"),
        ("2022-04-28T10:00:00Z", "2022-04-28"),
        ("2022-04-28T10:00:00+02:00", "2022-04-28"),
        ("2022-04-28T23:30:00-05:00", "2022-04-28"),  # the date as written, not moved to UTC
        ("2022-04-28 10:00:00.123456", "2022-04-28"),
        ("April 28, 2022", "2022-04-28"),
        ("April 28 2022", "2022-04-28"),
        ("Apr. 28, 2022", "2022-04-28"),
        ("Apr 28, 2022", "2022-04-28"),
        ("Sept 3, 2021", "2021-09-03"),
        ("Thursday, April 28th, 2022", "2022-04-28"),
        ("28 April 2022", "2022-04-28"),
        ("28th April, 2022", "2022-04-28"),
        ("2 April 2024", "2024-04-02"),
        ("28 apr 2022", "2022-04-28"),
        ("2022/04/28", "2022-04-28"),
        ("2022.04.28", "2022-04-28"),
        ("Thu, 28 Apr 2022 10:00:00 GMT", "2022-04-28"),
        ("Thu, 28 Apr 2022 10:00:00 +0000", "2022-04-28"),
        ("28 Apr 2022 at 10:00 am BST", "2022-04-28"),
        ("April 28, 2022, 10:15 p.m.", "2022-04-28"),
        ("28.04.2022", "2022-04-28"),
        ("  April   28,\n2022 ", "2022-04-28"),
        # numeric dates only when day and month cannot be swapped
        ("13/05/2022", "2022-05-13"),
        ("05/13/2022", "2022-05-13"),
        ("04/04/2022", "2022-04-04"),
        ("13-05-2022", "2022-05-13"),
    ],
)
def test_known_forms(value: str, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "04/05/2022",  # 4 May or 5 April: ambiguous
        "12/11/2022",
        "2022",
        "April 2022",
        "April 28",
        "yesterday",
        "3 hours ago",
        "2022-02-30",  # no such day
        "2022-13-01",
        "31 June 2022",
        "32.01.2022",
        "2022-04/28",  # mixed separators
        "28 Aprill 2022",
        "April 28, 2022 and then some",
        "1651140000",  # a timestamp is not a date string
    ],
)
def test_unknown_or_ambiguous_is_empty(value: str) -> None:
    assert parse_date(value) == ""
