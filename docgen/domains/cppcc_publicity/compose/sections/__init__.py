"""Section composers: each turns one part of the facts into draft blocks."""
