"""Receipts attached to expenses: checked by size and by content, never by their name.

Django has no per-file size limit of its own, so the size is checked here (and should be at
the proxy too). The type comes from the file's first bytes: a PDF or a photo (JPEG, PNG, WebP,
HEIC from iPhones). The stored name is random with the extension of the detected type; files
are served only through an authorised view, as attachments.
"""

from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from incubator.errors import DomainError

TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
}
_HEIF_BRANDS = (b"heic", b"heix", b"mif1", b"msf1", b"hevc")


def sniff(head: bytes) -> str | None:
    """The extension matching a file's first bytes, or None.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"\\x89PNG\\r\\n\\x1a\\n..."), sniff(b"MZ\\x90")
    ('pdf', 'png', None)
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    return None


def check_receipt(upload: Any) -> str:
    """Refuse a receipt that is too big or not a PDF or a photo; rename it after its type.

    Returns the detected content type.
    """
    limit = settings.FILE_UPLOAD_MAX_SIZE
    if upload.size > limit:
        raise DomainError(
            _("The receipt is too big (%(size)s); the limit is %(limit)s."),
            code="receipt_size",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = sniff(head)
    if extension is None:
        raise DomainError(
            _("A receipt must be a PDF or a photo (JPEG, PNG, WebP, HEIC)."),
            code="receipt_type",
        )
    upload.name = f"receipt.{extension}"
    return TYPES[extension]


def content_type(name: str) -> str:
    return TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
