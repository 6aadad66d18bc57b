"""What one build does, engine-neutral: the Build object an engine adapter drives, and keeping the last good site under `mkdocs serve`."""
