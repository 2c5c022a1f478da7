"""Discord cogs: thin layers over the pure core."""
