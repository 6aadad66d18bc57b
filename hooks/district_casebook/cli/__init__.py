"""The `casebook` command: validate, new, schema and ledger."""
from .commands import entry_point, main

__all__ = ["entry_point", "main"]
