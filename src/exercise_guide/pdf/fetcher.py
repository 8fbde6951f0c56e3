"""The URL fetcher WeasyPrint gets: file: and data: URLs inside the allowed folders only.

Imported only in render workers, because importing it imports WeasyPrint.
"""

from __future__ import annotations

from typing import Any

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .confine import refusal


class RefusedURL(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for a URL it may not load; stops the render (WeasyPrint would only warn)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    """A URLFetcher that refuses every URL outside content/, templates/ and the font package."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = roots

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Fetch a URL after checking it is allowed; raise RefusedURL when it is not."""
        reason = refusal(url, self.roots)
        if reason is not None:
            raise RefusedURL(url, reason)
        return super().fetch(url, headers)
