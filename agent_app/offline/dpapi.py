"""Windows DPAPI (``CryptProtectData`` / ``CryptUnprotectData``) through ctypes, for data at rest that only
the same Windows user on the same PC can read back (the offline sign-in record).

Standard library only, so the installer's embeddable Python can exercise it under wine.
"""

from __future__ import annotations

import sys

# CRYPTPROTECT_UI_FORBIDDEN: a seat must never pop up a DPAPI prompt (there is nobody to answer it when
# the app starts before the call-taker sits down)
_UI_FORBIDDEN = 0x1


def available() -> bool:
    return sys.platform == "win32"


def protect(data: bytes, description: str) -> bytes:
    """``data`` sealed for the current Windows user; ``OSError`` when DPAPI refuses or off Windows."""
    return _call(data, description, protect=True)


def unprotect(blob: bytes) -> bytes:
    """The data :func:`protect` sealed; ``OSError`` for another user's, another PC's or a damaged blob."""
    return _call(blob, None, protect=False)


def _call(data: bytes, description: str | None, *, protect: bool) -> bytes:
    if not available():
        raise OSError("DPAPI exists only on Windows")
    import ctypes
    from ctypes import wintypes

    class DataBlob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    windll = ctypes.windll  # type: ignore[attr-defined]
    crypt32, kernel32 = windll.crypt32, windll.kernel32
    crypt32.CryptProtectData.restype = wintypes.BOOL
    crypt32.CryptUnprotectData.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    buffer = ctypes.create_string_buffer(data, len(data))
    blob_in = DataBlob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    blob_out = DataBlob()
    if protect:
        ok = crypt32.CryptProtectData(
            ctypes.byref(blob_in),
            ctypes.c_wchar_p(description),
            None,
            None,
            None,
            _UI_FORBIDDEN,
            ctypes.byref(blob_out),
        )
    else:
        ok = crypt32.CryptUnprotectData(
            ctypes.byref(blob_in), None, None, None, None, _UI_FORBIDDEN, ctypes.byref(blob_out)
        )
    if not ok:
        code = int(getattr(ctypes, "GetLastError", lambda: 0)())
        raise OSError(code, "Windows DPAPI refused the data" + (" (sealing)" if protect else " (opening)"))
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(ctypes.cast(blob_out.pbData, ctypes.c_void_p))
