"""Outputs for the public: the site's pages and the open data, generated from the catalogue.

Pages are written as Markdown into a folder outside `docs/` (gitignored) before `mkdocs build`
runs, so nothing generated is committed and the build needs no MkDocs plugin or hook.
"""
