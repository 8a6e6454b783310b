"""The pages of reports: the start page with what waits for each person (start.py), the report's
own pages and review (pages.py), and the document as HTML and PDF (documents.py)."""
