"""The optional language model: chat models, prompts, the fluent engine, grounding."""
