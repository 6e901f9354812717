"""Writing the site: the model → pages, rendered and written, with the machine files
(sitemap, feed, JSON, JSON-LD) and the search index."""
