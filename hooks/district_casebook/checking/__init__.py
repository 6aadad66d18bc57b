"""Every rule a contribution must pass: the JSON Schema, rules across cases, and hostile input."""
