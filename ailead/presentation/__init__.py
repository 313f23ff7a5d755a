"""Reader-facing words and table rows built from analysis results, one module per topic."""
