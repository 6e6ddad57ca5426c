/* Search client: see docs/search-index.md (issue 5). */
