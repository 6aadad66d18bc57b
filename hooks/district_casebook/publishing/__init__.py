"""Files beside the pages: the data API, feeds, redirects, embeds, finder data and page metadata."""
