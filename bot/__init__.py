"""Ballard FAQ bot: a curated knowledge base, a pure matcher, a CLI and a Discord bot."""
