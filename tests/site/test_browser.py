"""The site in a real browser (headless Chromium): every page loads cleanly from file://, every link and
image resolves inside the site, the language switch, the scope index, keyboard use, and what it looks like."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

CONTRAST = 4.5  # WCAG AA for body text


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pages_of(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def visit(page, path: Path) -> dict[str, list[str]]:
    """Open a page; what it logged as errors, and every request it made that is not a file of the site."""
    seen: dict[str, list[str]] = {"errors": [], "foreign": []}

    def console(message):
        if message.type in ("error", "warning"):
            seen["errors"].append(message.text)

    def request(req):
        if not req.url.startswith("file://"):
            seen["foreign"].append(req.url)

    page.on("console", console)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("request", request)
    try:
        page.goto(path.as_uri(), wait_until="load")
    finally:
        page.remove_listener("console", console)
        page.remove_listener("request", request)
    return seen


def test_every_page_loads_without_errors_and_every_link_resolves(both, page):
    out = both.out.resolve()
    checked = 0
    for path in pages_of(out):
        seen = visit(page, path)
        assert seen == {"errors": [], "foreign": []}, path
        targets = page.eval_on_selector_all("a[href], link[href], img[src]",
                                            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))")
        for target in targets:
            if target.startswith("#"):  # the skip link: to an element of the page itself
                assert page.locator(target).count() == 1, f"{path}: no {target} on the page"
                continue
            assert not re.match(r"^[a-z]+:|^//|^/", target), f"{path}: {target} is not a relative link"
            file = (path.parent / unquote(urlparse(target).path)).resolve()
            assert file.is_file(), f"{path}: {target} leads to no file"
            assert file.is_relative_to(out), f"{path}: {target} leaves the site"
            checked += 1
        broken = page.eval_on_selector_all("img", "els => els.filter(e => !e.complete || e.naturalWidth === 0)"
                                                  ".map(e => e.src)")
        assert broken == [], path
    assert checked > 500


def test_every_page_is_structured_for_a_screen_reader(both, page):
    for path in pages_of(both.out):
        page.goto(path.resolve().as_uri())
        levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "els => els.map(e => +e.tagName[1])")
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{path}: headings skip a level: {levels}"
        assert page.eval_on_selector_all("img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim())"
                                                ".length") == 0, path
        tables = page.eval_on_selector_all("table", """els => els.map(t => ({
            caption: (t.caption && t.caption.textContent.trim()) || '',
            cols: t.querySelectorAll('thead th[scope=col]').length,
            heads: t.querySelectorAll('thead th').length,
            rows: t.querySelectorAll('tbody tr').length,
            rowheads: t.querySelectorAll('tbody th[scope=row]').length}))""")
        for table in tables:
            assert table["caption"] and table["cols"] == table["heads"] > 0, path
            assert table["rowheads"] == table["rows"], path
        assert page.get_attribute("html", "lang") in ("en", "da")


def test_the_language_switch_leads_to_the_same_page(both, page):
    for lang, other in (("en", "da"), ("da", "en")):
        for path in pages_of(both.out / lang):
            page.goto(path.resolve().as_uri())
            page.click(f"header a[hreflang={other}]")
            twin = both.out.resolve() / other / path.relative_to(both.out / lang)
            assert page.url == twin.as_uri(), path
            assert page.get_attribute("html", "lang") == other
    page.goto((both.out / "index.html").resolve().as_uri())
    page.click("a[hreflang=da]")
    assert page.url == (both.out / "da" / "index.html").resolve().as_uri()


def test_the_scope_index_links_to_every_scope_page(both, page):
    for lang in ("en", "da"):
        folder = (both.out / lang / "scopes").resolve()
        page.goto((folder / "index.html").as_uri())
        linked = set(page.eval_on_selector_all("main th[scope=row] a", "els => els.map(e => e.href)"))
        pages = {p.as_uri() for p in folder.glob("*.html") if p.name != "index.html"}
        assert linked == pages and len(pages) == 4
        page.goto((both.out / lang / "goals" / "homelessness.html").resolve().as_uri())
        compared = set(page.eval_on_selector_all("[aria-labelledby=compare-table] th[scope=row] a",
                                                 "els => els.map(e => e.href)"))
        assert compared == pages  # København, Aarhus, Odense and the nation: each scope compared has a page


def test_the_keyboard_reaches_every_link_and_table(both, page):
    page.goto((both.out / "en" / "goals" / "homelessness.html").resolve().as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-1600px"  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    wanted = page.evaluate("document.querySelectorAll('main a[href], main .scroll[tabindex=\"0\"]').length")
    reached, outlined = set(), True
    for _ in range(wanted + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.closest('main') ? (e.getAttribute('href') || e.getAttribute('aria-labelledby')) : null,
                    getComputedStyle(e).outlineStyle]; }""")
        if focused[0]:
            reached.add(focused[0])
            outlined = outlined and focused[1] != "none"
    tables = page.eval_on_selector_all("main .scroll", "els => els.map(e => e.getAttribute('aria-labelledby'))")
    assert set(tables) <= reached and {"figures-table", "compare-table", "history-table"} <= reached
    assert "../scopes/101.html" in reached
    assert outlined  # a visible focus ring on everything reached


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_text_has_good_contrast(both, page):
    page.goto((both.out / "en" / "goals" / "homelessness.html").resolve().as_uri())
    pairs = page.evaluate("""() => {
        const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                                                            if (c !== 'rgba(0, 0, 0, 0)') return c; }
                          return 'rgb(255, 255, 255)'; };
        return [...document.querySelectorAll('p, a, th, td, dt, dd, caption, figcaption, h1, h2, h3')]
            .map(e => [e.tagName + '.' + e.className, getComputedStyle(e).color, bg(e)]); }""")
    assert len(pairs) > 100
    low = {(name, fg, bg) for name, fg, bg in pairs if contrast(fg, bg) < CONTRAST}
    assert low == set()


def test_screenshots_of_the_front_page_and_a_goal_page(both, page, tmp_path):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    for name, path in (("front", both.out / "en" / "index.html"), ("goal", both.out / "en" / "goals" /
                                                                   "homelessness.html"),
                       ("scope-da", both.out / "da" / "scopes" / "101.html")):
        page.goto(path.resolve().as_uri())
        page.screenshot(path=str(shots / f"{name}.png"), full_page=name == "goal")
        assert (shots / f"{name}.png").stat().st_size > 20_000
    print(f"screenshots of the site: {shots}")
