"""Bytes to text: size, binary and encoding checks, each failing with a clear error."""

from __future__ import annotations

from sitreps.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

_CONTROL_OK = {9, 10, 12, 13}


def check_size(size: int, limit: int, origin: str) -> None:
    if size > limit:
        raise TooLargeError(
            f"{origin}: input is {size:,} bytes, larger than the limit of {limit:,} bytes "
            f"(set SITREPS_MAX_REPORT_BYTES to raise it)"
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KiB."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _CONTROL_OK)
    return controls / len(head) > 0.05


def decode(data: bytes, origin: str) -> str:
    """Decode UTF-8 (with or without BOM), else a detected encoding; refuse what is neither."""
    if not data.strip():
        raise EmptyInputError(f"{origin}: input is empty")
    if looks_binary(data):
        raise BinaryInputError(f"{origin}: input looks binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data, origin)
    if not text.strip():
        raise EmptyInputError(f"{origin}: input is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise EncodingError(f"{origin}: text is not UTF-8 and its encoding could not be detected")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(
            f"{origin}: text is not UTF-8 and does not decode as {best.encoding}"
        ) from exc
