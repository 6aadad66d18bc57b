"""`python -m district_casebook` is the `casebook` command."""
from .cli.commands import entry_point

entry_point()
