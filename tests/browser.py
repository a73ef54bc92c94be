"""Headless Chromium for the tests of web pages and printing: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM_ENV = "GOALTRACK_TEST_CHROMIUM"  # a path to the browser; .ci/run sets it, so CI never skips
# The background-networking flags keep Chromium from calling out of this closed network at start.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    """The browser to drive: $GOALTRACK_TEST_CHROMIUM, else /usr/bin/chromium, else None."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted:
        return wanted
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium() -> Iterator[object]:
    """A launched headless browser (a Playwright Browser); skips with a reason where there is none,
    and fails instead when CI named one (GOALTRACK_TEST_CHROMIUM) that does not start."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium (apt-get install chromium, or set GOALTRACK_TEST_CHROMIUM)")
    if os.environ.get(CHROMIUM_ENV) is None:
        pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=path, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
