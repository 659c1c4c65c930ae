"""The write side of Quotecheck: files -> articles -> passages + quotes -> the store."""
