"""Reusable pieces the pages are built from (pages -> components -> attnviz).

- `linkstate`: the link state of every page (parse, validate, clamp, serialise)
  and keeping a page's inputs in `st.session_state` when the student leaves it.
- `errors`: a friendly, translated message instead of a traceback; each distinct
  error logged once.
"""
