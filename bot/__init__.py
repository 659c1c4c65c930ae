"""The read side of Quotecheck: retrieval, verdicts, answers and the command line."""
