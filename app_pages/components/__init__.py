"""Reusable pieces the pages are built from (pages -> components -> attnviz).

- `linkstate`: the link state of every page (parse, validate, clamp, serialise)
  and keeping a page's inputs in `st.session_state` when the student leaves it.
- `errors`: a friendly, translated message instead of a traceback; each distinct
  error logged once.
- `page`: the page header (compact in presenter mode) and the input | result columns.
- `review`: the review box (example picker and text area) and the verdict.
- `highlight`: a review shaded by its weights, the legend and the notes under it.
- `exports`: one row of download buttons.
- `join`: the Join panel: the link students open (the server's network address) and
  its QR code.
- `timing`: how long a page run took, kept in the session and shown folded away.

Components import `app_pages.shared` and `attnviz`, never a page.
"""
