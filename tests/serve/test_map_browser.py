"""The atlas map in a real browser: Debian's chromium with the network cut off."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from cartel_atlas.serve.reports.map import write_group_map
from cartel_atlas.store import Store, load_reference
from cartel_atlas.vocab import get_vocabulary

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: `make system-deps` should install it")
        pytest.skip(f"{CHROMIUM} not installed (run `make system-deps` as root to install it)")
    return CHROMIUM


def test_map_renders_every_state_offline_in_chromium(
    chromium: Path, sqlite_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Route, sync_playwright

    vocab = get_vocabulary()
    with Store.open(sqlite_url) as store:
        load_reference(store, vocab)
        page_file = write_group_map(
            store, vocab, "cjng", date(2025, 6, 30), "state", tmp_path / "atlas.html"
        )

    attempted: list[str] = []

    def block(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    shot = tmp_path / "atlas.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route("**/*", block)
            page.goto(page_file.resolve().as_uri())
            page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=60_000)
            drawn = page.locator(".js-plotly-plot .choroplethlocation").count()
            points = page.locator(".js-plotly-plot .scattergeo .point").count()
            legend = page.locator(".js-plotly-plot .legendtext").all_text_contents()
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()

    assert attempted == []
    assert drawn >= 32
    assert points > 0  # ports and border crossings at least
    assert any("Present" in t for t in legend)
    assert any("No information" in t for t in legend)
    assert shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")
