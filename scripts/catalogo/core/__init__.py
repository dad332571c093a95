"""Shared ground under every layer: errors said in Spanish, safe text, words, files and workers."""
