"""Training: data loading and the `python -m attnviz.train` command line."""
