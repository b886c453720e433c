"""Site search for patients: everyday words, glossary expansion, highlighted snippets, pages.

* :mod:`search.query` turns what a patient typed into a search (only its words, plus the
  glossary terms its everyday words stand for);
* :mod:`search.engines` runs it: on PostgreSQL straight on Wagtail's full-text index, elsewhere
  (SQLite in development) through Wagtail's search backend;
* :mod:`search.pagination` pages the results without counting every match;
* :mod:`search.snippets` quotes each guide on the page with the matched words marked.
"""
