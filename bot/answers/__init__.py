"""Reading questions, the answer engine, comparisons and composing Markdown answers."""
