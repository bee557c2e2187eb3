"""Text primitives shared by the file filters and exact dedup: the token definition, bytes to text.

The token definition (the InCoder paper, Fried et al. 2022, section 3 counts "tokens" without naming a tokenizer) is a simple,
documented regex so every stage counts the same way:

- a *word token* is a maximal run of Unicode word characters (letters, digits, underscore): ``\\w+``;
- every other non-space character is a *punctuation token* on its own: ``[^\\w\\s]``;
- whitespace separates tokens and is not a token.

``foo_bar(x, 42);`` -> ``foo_bar ( x , 42 ) ;`` (7 tokens, 3 of them alphanumeric).

Decoding: UTF-8 (a byte-order mark is stripped), UTF-16/32 when a BOM says so, otherwise the best
legacy encoding ``charset_normalizer`` finds with low "chaos"; anything else is undecodable. Binary data
(NUL bytes, many control characters) is recognised before decoding.
"""

from __future__ import annotations

import codecs
import hashlib
import re

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_RE = re.compile(r"\w+")
NON_ASCII_WORD_RE = re.compile(r"[^\W\x00-\x7f]")
NON_ASCII_PUNCT_RE = re.compile(r"[^\w\s\x00-\x7f]")

# Characters counted at a time when a token count only needs to pass a limit.
COUNT_CHUNK = 1 << 16
# How much of a file the binary sniffing looks at (the whole file is not needed to see NULs).
SNIFF_BYTES = 8192
# Control characters other than \t \n \r \f \v \b and ESC are rare in text; above this share: binary.
MAX_CONTROL_FRACTION = 0.10
# charset_normalizer's "chaos" (mess) score above which a guess is not trusted.
MAX_CHAOS = 0.2
# Bytes charset_normalizer looks at when guessing a legacy encoding (it samples; we bound it).
DETECT_BYTES = 256 * 1024

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 8, 27)) + b"\x7f"
_ASCII_WORD = bytes(b for b in range(128) if chr(b).isalnum() or b == ord("_"))
_ASCII_SPACE = bytes(b for b in range(128) if chr(b).isspace())
_HIGH_BYTES = bytes(range(128, 256))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def tokens(text: str) -> list[str]:
    """All tokens of ``text`` (words and single punctuation characters), in order."""
    return TOKEN_RE.findall(text)


def count_tokens(text: str, limit: int | None = None) -> int:
    """Number of tokens (equal to ``len(tokens(text))``), counted without a Python object per token.

    With ``limit``, long text is counted in chunks of ``COUNT_CHUNK`` characters (cut between tokens)
    and counting stops once the limit is passed: the result is then only known to be ``> limit``. A
    50 MB single-line file costs one chunk, not 25 million token matches.
    """
    if limit is None or len(text) <= COUNT_CHUNK:
        return _count(text)
    total, pos, size = 0, 0, len(text)
    while pos < size and total <= limit:
        end = min(pos + COUNT_CHUNK, size)
        if end < size and WORD_RE.match(text, end - 1):
            match = WORD_RE.match(text, end)  # do not cut a word in two: finish it in this chunk
            end = match.end() if match else end
        total += _count(text[pos:end])
        pos = end
    return total


def _count(text: str) -> int:
    return WORD_RE.subn("", text)[1] + _punct_count(text)


def _punct_count(text: str) -> int:
    """Characters that are neither word characters nor whitespace (each is one token)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_WORD + _ASCII_SPACE))
    ascii_part = len(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_WORD + _ASCII_SPACE + _HIGH_BYTES))
    return ascii_part + len(NON_ASCII_PUNCT_RE.findall(text))


def alnum_fraction(text: str) -> float:
    """Share of characters that are alphanumeric or underscore (``\\w``); 0.0 for empty text."""
    if not text:
        return 0.0
    # Delete the ASCII word bytes in C (no per-character Python objects); non-ASCII letters are rare
    # in code and counted by a regex that matches only them.
    encoded = text.encode("utf-8", "surrogatepass")
    words = len(encoded) - len(encoded.translate(None, _ASCII_WORD))
    if not text.isascii():
        words += len(NON_ASCII_WORD_RE.findall(text))
    return words / len(text)


def exact_dedup_key(ext: str, text: str) -> str:
    """InCoder's exact-dedup key (the InCoder paper, Fried et al. 2022, section 3): extension, token count, MD5 of the
    alphanumeric-token sequence (word tokens joined by NUL). Whitespace-only edits collide; a changed
    punctuation token changes the count. Returned as one string ``"<ext>|<count>|<md5>"``."""
    words = WORD_RE.findall(text)
    digest = hashlib.md5("\x00".join(words).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{ext}|{len(words) + _punct_count(text)}|{digest}"


def looks_binary(data: bytes) -> str | None:
    """``None`` for text-like bytes, else why they look binary (``nul_bytes``, ``control_chars``)."""
    head = data[:SNIFF_BYTES]
    if not head:
        return None
    if _bom_encoding(head) in ("utf-16", "utf-32"):
        return None  # NULs are expected there
    if b"\x00" in head:
        return "nul_bytes"
    control = len(head) - len(head.translate(None, _CONTROL))
    if control / len(head) > MAX_CONTROL_FRACTION:
        return f"control_chars:{control}/{len(head)}"
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def decode(data: bytes) -> tuple[str | None, str]:
    """``(text, encoding)``; ``(None, why)`` when no encoding decodes the bytes credibly."""
    bom = _bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            return None, f"bad {bom} after BOM at byte {exc.start}"
        return text.lstrip("\ufeff") if bom != "utf-8-sig" else text, bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    import charset_normalizer  # imported lazily: only legacy-encoded files need it

    matches = list(charset_normalizer.from_bytes(data[:DETECT_BYTES]))
    if not matches or min(m.chaos for m in matches) > MAX_CHAOS:
        fallback = _mostly_ascii_cp1252(data)
        if fallback is not None:
            return fallback, "cp1252"
        return None, f"invalid utf-8 at byte {utf8_error}; no credible legacy encoding"
    best = _prefer_common(matches)
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None, f"invalid utf-8 at byte {utf8_error}; {best.encoding} guess failed on the full file"


# Code in a legacy encoding is mostly ASCII with a few accented letters in comments and strings;
# charset_normalizer gives up on short or repetitive samples, so that case is recognised directly.
MAX_NON_ASCII_FRACTION = 0.3


def _mostly_ascii_cp1252(data: bytes) -> str | None:
    try:
        decoded = data.decode("cp1252")  # strict: the five undefined bytes fail
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for ch in decoded if ord(ch) > 127)
    if non_ascii / max(len(decoded), 1) > MAX_NON_ASCII_FRACTION:
        return None
    return decoded


# On short samples several single-byte code pages decode equally "cleanly"; among the cleanest guesses
# prefer the ones source code is most often written in (Windows-1252 / Latin-1 editors), in this order.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp932", "gb18030", "euc_kr", "big5")


def _prefer_common(matches: list) -> object:
    cleanest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= cleanest + 0.01]
    for name in _PREFERRED:
        for match in tied:
            if match.encoding == name:
                return match
    return tied[0]
