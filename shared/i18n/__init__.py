"""Loading Qt translators for the apps: zh_CN and en, defaulting to the system locale."""

from .translators import SUPPORTED_LANGUAGES, TranslationInstaller, resolve_language, translations_dir

__all__ = ["SUPPORTED_LANGUAGES", "TranslationInstaller", "resolve_language", "translations_dir"]
