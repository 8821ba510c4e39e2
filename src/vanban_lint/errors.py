"""Errors that stop one file or one run, with a message that names the culprit."""


class InputError(Exception):
    """A file that cannot be read as a document (missing, not text, bad encoding)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ConfigError(Exception):
    """A configuration file or a data table in ``rules/`` that is malformed."""
