"""The README's first screen and .ci/run must not drift apart."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _first_screen_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_opens_with_two_commands_run_and_test() -> None:
    run, test = _first_screen_commands()
    assert run.endswith("python app.py")
    assert test.endswith("python -m pytest")
    assert "-e '.[test]'" in test


def test_ci_installs_and_tests_exactly_as_the_readme_says() -> None:
    _, test = _first_screen_commands()
    install, pytest_cmd = test.rsplit(" && ", 1)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install.replace("pip install", "pip install -q") in ci
    assert pytest_cmd in ci.splitlines()
