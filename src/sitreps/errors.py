"""The one error hierarchy of sitreps.

::

    SitrepsError
    ├── ConfigError            bad settings, missing model, unreadable overlay file
    ├── DataError              a packaged or user data file fails validation
    ├── InputError             an input cannot become a Report
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── TooLargeError
    │   ├── EncodingError
    │   ├── LanguageError
    │   └── MalformedInputError
    ├── StoreError             the database cannot be opened, migrated or written
    ├── NotFoundError          an actor, report, place or event asked for does not exist
    └── EvaluationError        a gold file is missing, malformed or changed

Third-party exceptions are mapped at the boundary with ``raise ... from exc``. The CLI prints
``Error: <message>`` on stderr and exits with code 1 for any ``SitrepsError``.
"""

from __future__ import annotations


class SitrepsError(Exception):
    """Base class of every error sitreps raises on purpose."""

    code = "error"


class ConfigError(SitrepsError):
    code = "config"


class DataError(SitrepsError):
    code = "data"


class InputError(SitrepsError):
    code = "input"


class EmptyInputError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class TooLargeError(InputError):
    code = "too_large"


class EncodingError(InputError):
    code = "encoding"


class LanguageError(InputError):
    code = "language"


class MalformedInputError(InputError):
    code = "malformed"


class StoreError(SitrepsError):
    code = "store"


class NotFoundError(SitrepsError):
    code = "not_found"


class EvaluationError(SitrepsError):
    code = "evaluation"
