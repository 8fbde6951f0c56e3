"""Driving the programme builder like a clinician does, with the keyboard, in real Chromium."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.site.support import Served

CHOSEN = ["upper-back-loosener", "elbow-flapping", "shoulder-rolling"]
PROGRAMME = "programme/"
# The doses the clinician types, by exercise and field (the ids of the inputs on the page).
NEW_DOSES = {
    "shoulder-rolling": {"reps": "12", "sets": "3", "frequency": "twice a day, after work"},
    "elbow-flapping": {"frequency": "every morning"},
}


def press(page: Page, name: str) -> None:
    """Focus the button with this accessible name and press Enter, as a keyboard user does."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    page.keyboard.press("Enter")


def add_from_pages(page: Page, site: Served, ids: list[str]) -> None:
    """Open each exercise's page and add it with its "Add to programme" button."""
    for exercise_id in ids:
        page.goto(f"{site.url}exercises/{exercise_id}/", wait_until="networkidle")
        press(page, "Add to programme")
        expect(page.get_by_role("button", name="Remove from programme")).to_be_visible()


def open_programme(page: Page, url: str) -> None:
    """Open the programme page (or a link to it) and wait until the script has filled it in."""
    page.goto(url, wait_until="networkidle")
    expect(page.locator(".eg-editor")).to_be_visible()


def type_into(page: Page, selector: str, text: str) -> None:
    """Type into a field key by key, the way a person does (every keystroke fires input)."""
    page.locator(selector).focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def set_doses(page: Page, doses: dict[str, dict[str, str]]) -> None:
    """Type each new dose into its field."""
    for exercise_id, fields in doses.items():
        for part, value in fields.items():
            type_into(page, f"#eg-{exercise_id}-{part}", value)


def programme_on_page(page: Page) -> list[tuple[str, dict[str, str]]]:
    """The exercises the page shows, in order, with the value of each dose field."""
    rows: list[tuple[str, dict[str, str]]] = page.eval_on_selector_all(
        "li.eg-item",
        """items => items.map(li => [li.id.slice(3), Object.fromEntries(
            [...li.querySelectorAll('fieldset.eg-dose input')].map(
                i => [i.id.slice(li.id.length + 1), i.value]))])""",
    )
    return [(exercise_id, fields) for exercise_id, fields in rows]


def build_programme(page: Page, site: Served, *, add: bool = True) -> str:
    """Add three exercises, change doses, move one down by keyboard; return the programme link."""
    if add:
        add_from_pages(page, site, CHOSEN)
    open_programme(page, site.url + PROGRAMME)
    set_doses(page, NEW_DOSES)
    press(page, "Move down: Upper Back Loosener")
    link = page.locator("#eg-link").input_value()
    assert link.startswith(site.url + PROGRAMME + "#x=")
    return link


def everything_stored(context: BrowserContext) -> str:
    """Every place a page could have kept something, as one text: storage, cookies, IndexedDB."""
    kept: list[Any] = [context.storage_state(indexed_db=True), context.cookies()]
    for page in context.pages:
        kept.append(page.url)
        kept.append(
            page.evaluate(
                """async () => {
                    const dump = s => Object.fromEntries(Object.keys(s).map(k => [k, s.getItem(k)]));
                    const dbs = {};
                    for (const info of await indexedDB.databases()) {
                        const db = await new Promise((ok, fail) => {
                            const r = indexedDB.open(info.name);
                            r.onsuccess = () => ok(r.result);
                            r.onerror = () => fail(r.error);
                        });
                        for (const name of db.objectStoreNames) {
                            dbs[info.name + '/' + name] = await new Promise(ok => {
                                const r = db.transaction(name).objectStore(name).getAll();
                                r.onsuccess = () => ok(JSON.stringify(r.result));
                            });
                        }
                        db.close();
                    }
                    return {local: dump(localStorage), session: dump(sessionStorage), dbs,
                            history: history.length, href: location.href, state: history.state};
                }"""
            )
        )
    return json.dumps(kept)
