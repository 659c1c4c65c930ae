"""The quote index, hybrid retrieval and speaker links: what a question is answered from."""
