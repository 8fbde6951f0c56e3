"""The reference checkers, for any test: veraPDF (PDF/UA-1), axe-core and the Nu HTML checker.

Each takes many inputs per call, so a test session starts each checker's JVM once:
`verapdf_failures(pdf_paths)` and `axe_violations(playwright_page)`. `make checkers` installs
what they need into .checkers/. `site_pages(site_root)` lists every page a built site holds, with
its page type, so site-wide checks cover new page types without being told.
"""

from tests.checkers.axe import AxeViolation, axe_violations
from tests.checkers.pages import SitePage, site_pages
from tests.checkers.verapdf import RuleFailure, verapdf_failures

__all__ = [
    "AxeViolation",
    "RuleFailure",
    "SitePage",
    "axe_violations",
    "site_pages",
    "verapdf_failures",
]
