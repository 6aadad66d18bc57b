"""Addresses that never break: permanent paths, the URL ledger, and what a built site answers."""
