"""Relevance measurement: judged Dutch queries, their metrics per engine, the CI floor."""
