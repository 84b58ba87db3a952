"""Analysis: pure functions over the store's read API returning result records."""
