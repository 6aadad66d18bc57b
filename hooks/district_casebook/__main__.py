"""`python -m district_casebook` is the `casebook` command."""
from .cli import entry_point

entry_point()
