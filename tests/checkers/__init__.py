"""The reference checkers, for any test: veraPDF (PDF/UA-1), axe-core and the Nu HTML checker.

Each takes many inputs per call so a test session starts each checker's JVM or page script once:
`verapdf_failures(pdf_paths)`. `make checkers` installs what they need into .checkers/.
"""

from tests.checkers.verapdf import RuleFailure, verapdf_failures

__all__ = ["RuleFailure", "verapdf_failures"]
