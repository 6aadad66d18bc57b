"""The generated pages as Markdown: case pages, lists split over pages, citations."""
