"""Lessons (Qt-free): one module per lesson, plus the catalog and the lesson model."""
