"""Loading: the only layer that reads files and parses YAML. It keeps every line number."""
