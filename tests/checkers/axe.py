"""axe-core's verdict on a page in the browser, as it is at the moment of the call."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()
# axe files an aria-labelledby that names a missing id under "needs review", not "violations";
# no page of ours has a reason for one, so it counts as a violation here.
STRICT_REVIEW_RULES = ("aria-valid-attr-value",)
# Resolves once every running animation with an end has ended (the looping step animations
# never end), or after 2 s so that a paused one cannot hold the check up.
_TRANSITIONS_ENDED = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.playState === "running"
            && Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 2000))])"""


@dataclass(frozen=True)
class AxeViolation:
    """One axe rule a page breaks: its id, impact, what it asks and the elements that break it."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        where = ", ".join(self.targets)
        return f"{self.rule} ({self.impact}): {self.help} at {where}: {self.summary}"


def axe_violations(
    page: Page, review_rules: Collection[str] = STRICT_REVIEW_RULES
) -> list[AxeViolation]:
    """Every axe-core violation of any impact on the page in its current state.

    Results axe leaves for review count too when their rule is in `review_rules`.
    """
    # A fade still running (the phone-width search opens over 0.3 s) gives axe a colour that
    # is neither the start nor the end; wait for every finite transition to end first.
    page.evaluate(_TRANSITIONS_ENDED)
    options = {"resultTypes": ["violations", "incomplete"]}
    results: dict[str, Any] = _AXE.run(page, options=options).response
    found = results["violations"] + [r for r in results["incomplete"] if r["id"] in review_rules]
    return [
        AxeViolation(
            rule=v["id"],
            impact=v.get("impact") or "",
            help=v["help"],
            targets=tuple(" ".join(map(str, node["target"])) for node in v["nodes"]),
            summary=" ".join((v["nodes"][0].get("failureSummary") or "").split())[:300],
        )
        for v in found
    ]
