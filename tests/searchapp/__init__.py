"""A content app that exists only in tests: it registers a search source in
its documents.py, and search must pick it up with no edit under search/."""
