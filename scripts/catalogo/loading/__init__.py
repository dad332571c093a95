"""Loading: the only layer that reads and writes catalogue files and parses YAML, keeping every
line number.
"""
