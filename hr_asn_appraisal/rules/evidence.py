"""Which files may be uploaded as bukti dukung (evidence of a realisasi).

Evidence is read by the appraiser and HR, so it must be a document they can
open safely: PDF, an image, or an office document. The type is judged on the
content (the caller guesses the MIME type from the bytes, not from the name):
a renamed executable or HTML page stays refused. Names with an executable or
markup extension are refused too, as a download keeps the name.

Errors are returned as a ``code`` with plain ``params`` so that the caller can
build a translated message.
"""

from urllib.parse import urlsplit

DEFAULT_MAX_MB = 10

ALLOWED_MIMETYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/bmp",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "text/plain",
        "text/csv",
    }
)

REFUSED_EXTENSIONS = frozenset(
    {
        "exe", "com", "bat", "cmd", "msi", "scr", "dll", "ps1", "vbs", "js", "jar",
        "sh", "apk", "htm", "html", "xhtml", "svg", "svgz", "xml", "php", "hta",
    }
)  # fmt: skip

# Plain text that a browser would still run as a page.
_MARKUP_SIGNS = (b"<script", b"<html", b"<svg", b"<iframe", b"<!doctype html")


def max_bytes(max_mb):
    """The size limit in bytes for a limit in megabytes (default when unset)."""
    try:
        value = float(max_mb)
    except (TypeError, ValueError):
        value = DEFAULT_MAX_MB
    if value <= 0:
        value = DEFAULT_MAX_MB
    return int(value * 1024 * 1024)


def file_problem(mimetype, size, limit, file_name=None, head=b""):
    """Why the file may not be evidence: (code, params), or None when it may.

    mimetype is guessed from the content, size and limit are in bytes, head is
    the first bytes of the content (to catch markup passed off as text).
    """
    if size > limit:
        return "size", {"size_mb": size / 1048576, "max_mb": limit / 1048576}
    name = (file_name or "").strip()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in REFUSED_EXTENSIONS:
        return "extension", {"extension": extension}
    if mimetype not in ALLOWED_MIMETYPES:
        return "type", {"mimetype": mimetype}
    if mimetype.startswith("text/") and any(
        sign in head.lower() for sign in _MARKUP_SIGNS
    ):
        return "type", {"mimetype": "text/html"}
    return None


def url_problem(url):
    """Why a link may not be evidence (code), or None: only web links, so that a
    ``javascript:`` or ``data:`` link can never run when clicked."""
    value = (url or "").strip()
    if not value:
        return None
    scheme = urlsplit(value).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return "scheme"
    return None
