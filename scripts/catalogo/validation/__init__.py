"""Validation: the rule table, diagnostics, the checks of each file and across files, the cache
and the report formats.
"""
