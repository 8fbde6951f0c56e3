"""The reference checkers, for any test: veraPDF (PDF/UA-1), axe-core and the Nu HTML checker.

The JVM checkers take many files per call, so a test starts each JVM once:
`verapdf_failures(pdf_paths)`, `vnu_errors(html_files)`; `axe_violations(playwright_page)` checks
a page in the browser as it is. `make checkers` installs what they need into .checkers/.
`site_pages(site_root)` lists every page a built site holds with its page type, so site-wide
checks cover new page types without being told.
"""

from tests.checkers.axe import AxeViolation, axe_violations
from tests.checkers.pages import SitePage, site_pages
from tests.checkers.verapdf import RuleFailure, verapdf_failures
from tests.checkers.vnu import HtmlError, vnu_errors

__all__ = [
    "AxeViolation",
    "HtmlError",
    "RuleFailure",
    "SitePage",
    "axe_violations",
    "site_pages",
    "verapdf_failures",
    "vnu_errors",
]
