"""Full-text search: Pagefind indexing the pages as the build renders them."""
