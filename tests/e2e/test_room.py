"""The room vote in real browsers: a presenter on /present and three phones, each in its own browser context (its
own storage, so its own anonymous id), answer the stage's question; the stage counts them; the reveal reaches the
phones. Screenshots go to the test's artifacts on failure (tests/e2e/conftest.py)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, NewPage, PageLog, StreamlitServer
from tests.e2e.helpers import EXCEPTION, open_page

pytestmark = pytest.mark.browser

STAGE = {"width": 1280, "height": 720}
SHOTS = Path(os.environ.get("ROOM_SHOTS", "")) if os.environ.get("ROOM_SHOTS") else None  # screenshots to look at


def shot(page: Page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(1500)  # the chart draws a moment after its run
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def serious_axe_violations(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} at {node['target']}" for v in violations if v["impact"] in ("serious", "critical")
            for node in v["nodes"]]


def join_phone(new_visitor_page: NewPage, link: str) -> Page:
    phone = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(link)
    expect(phone.get_by_role("button", name="⚠ Crossed")).to_be_visible(timeout=30_000)
    return phone


def test_three_phones_answer_the_stage_counts_three_and_the_reveal_reaches_them(
    app_server: StreamlitServer, new_visitor_page: NewPage, page_log: PageLog
) -> None:
    stage = new_visitor_page(viewport=STAGE)
    open_page(stage, app_server.url, "present", "scenario=stiff_jaw_after_cut&step=1")
    stage.get_by_role("button", name=re.compile("room", re.IGNORECASE)).click()
    join = stage.locator(".st-key-room-join")
    expect(join).to_be_visible(timeout=30_000)
    link = join.locator("a").get_attribute("href") or ""
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/join\?room=[A-Za-z0-9_-]{22}", link), link
    code = join.get_by_text(re.compile(r"Code: [A-Z0-9]{6}")).inner_text()
    # The QR code on the stage opens the same link, and nothing more.
    qr = join.locator("[data-testid='stImage'] img")
    decoded = [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    assert decoded == [link]
    count = stage.locator(".st-key-room-count")
    expect(count).to_contain_text("0 answers")
    shot(stage, "stage-asking")

    phones = [join_phone(new_visitor_page, link) for _ in range(3)]
    assert not serious_axe_violations(phones[0]), "the phone's question, as large buttons"
    for phone, choice in zip(phones, ["⚠ Crossed", "⚠ Crossed", "✓ Not crossed"], strict=True):
        phone.get_by_role("button", name=choice).click()
        expect(phone.get_by_text(f"Answer received: {choice}")).to_be_visible(timeout=15_000)
    shot(phones[0], "phone-received")
    expect(count).to_contain_text("3 answers", timeout=5_000)

    # A reload of a phone is the same phone: it sees its answer, and the count stays at 3.
    phones[2].reload()
    expect(phones[2].get_by_text("Answer received: ✓ Not crossed")).to_be_visible(timeout=30_000)
    stage.wait_for_timeout(2_500)
    expect(count).to_contain_text("3 answers")

    # A phone typing the short code finds the same room.
    typed = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_page(typed, app_server.url, "join")
    typed.get_by_role("textbox", name="Room code").fill(code.removeprefix("Code: ").lower())
    typed.get_by_role("button", name="Join").click()
    expect(typed.get_by_role("button", name="✓ Not crossed")).to_be_visible(timeout=30_000)

    stage.keyboard.press("PageDown")  # a clicker: Show the answer
    votes = stage.locator(".st-key-room-votes")
    expect(votes).to_contain_text("First vote: ⚠ Crossed 2, ✓ Not crossed 1")
    shot(stage, "stage-revealed")
    chart = votes.locator('[data-testid="stVegaLiteChart"]')
    assert "First vote: ⚠ Crossed 2" in (chart.get_attribute("aria-label") or ""), "a screen reader hears the votes"
    for phone in phones:
        expect(phone.get_by_text("The answer: ✓ Not crossed")).to_be_visible(timeout=10_000)  # pain 6: not crossed
    shot(phones[2], "phone-revealed")

    stage.get_by_role("button", name="Vote again").click()
    expect(phones[2].get_by_role("button", name="⚠ Crossed")).to_be_visible(timeout=10_000)
    phones[2].get_by_role("button", name="⚠ Crossed").click()
    expect(stage.locator(".st-key-room-count")).to_contain_text("Second vote: 1 answer", timeout=5_000)
    stage.keyboard.press("PageDown")
    expect(votes).to_contain_text("Second vote: ⚠ Crossed 1, ✓ Not crossed 0")
    shot(stage, "stage-second-vote")

    for page in (stage, *phones):
        assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert "Traceback" not in app_server.log_text()
    assert not page_log.page_errors, page_log.page_errors


def test_an_unknown_code_gets_a_plain_sentence(app_server: StreamlitServer, new_visitor_page: NewPage) -> None:
    phone = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_page(phone, app_server.url, "join", "room=" + "x" * 22)
    expect(phone.get_by_text("No room has this code. It may have ended.")).to_be_visible(timeout=30_000)
    assert phone.locator(EXCEPTION).count() == 0


def test_a_reload_keeps_the_presenters_room_and_a_second_tab_cannot_run_it(
    app_server: StreamlitServer, new_visitor_page: NewPage
) -> None:
    stage = new_visitor_page(viewport=STAGE)
    open_page(stage, app_server.url, "present", "step=2")
    stage.get_by_role("button", name=re.compile("room", re.IGNORECASE)).click()
    code = stage.locator(".st-key-room-join").get_by_text(re.compile(r"Code: [A-Z0-9]{6}"))
    expect(code).to_be_visible(timeout=30_000)
    alias = code.inner_text()
    stage.reload()
    expect(stage.locator(".st-key-room-join").get_by_text(alias)).to_be_visible(timeout=30_000)
    second = stage.context.new_page()  # another tab of the same browser: its own session, no secret
    open_page(second, app_server.url, "present", "step=2")
    expect(second.get_by_role("button", name="Start a room vote")).to_be_visible()
    expect(second.locator(".st-key-room-join")).to_have_count(0)
    second.close()
