"""Builds the seat installers on Linux: Windows payload, NSIS setup.exe, x64 MSI and PyInstaller bundles.

Kept import-free so ``installer.selftest`` also runs inside the embeddable Windows Python.
"""
