"""Readers turn a file or a string into a :class:`~vanban_lint.document.Document`.

One reader per format; the format is chosen by the file's extension (``--stdin-filename`` for
standard input). Every reader produces the same model, so no check knows the format.
"""

from __future__ import annotations

import os

from vanban_lint.document import Document
from vanban_lint.errors import InputError

MARKDOWN_EXT = {".md", ".markdown", ".mdown", ".mkd"}
DOCX_EXT = {".docx"}
LINTABLE_EXT = MARKDOWN_EXT | DOCX_EXT | {".txt", ".text"}


def decode(path: str, data: bytes) -> str:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; else a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"không đọc được UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, "tệp nhị phân, không phải văn bản (binary file, not text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"không phải UTF-8: byte 0x{data[exc.start]:02x} ở dòng {line} "
            f"(not UTF-8: byte 0x{data[exc.start]:02x} on line {line}); hãy lưu tệp ở dạng Unicode UTF-8",
        ) from None


def read_text(path: str, source: str) -> Document:
    """Build a document from text already in memory; the format comes from ``path``."""
    ext = os.path.splitext(path)[1].lower()
    if ext in MARKDOWN_EXT:
        from vanban_lint.readers import markdown

        return markdown.read(path, source)
    from vanban_lint.readers import text

    return text.read(path, source)


def read_bytes(path: str, data: bytes) -> Document:
    """Build a document from the bytes of a file named ``path``."""
    ext = os.path.splitext(path)[1].lower()
    if ext in DOCX_EXT:
        from vanban_lint.readers import docx

        return docx.read(path, data)
    return read_text(path, decode(path, data))


def read_path(path: str) -> Document:
    """Read a file from disk."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(path, "không tìm thấy tệp (file not found)") from None
    except IsADirectoryError:
        raise InputError(path, "là thư mục, không phải tệp (is a directory)") from None
    except OSError as exc:
        raise InputError(path, f"không đọc được tệp ({exc.strerror})") from None
    return read_bytes(path, data)
