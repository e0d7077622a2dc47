"""Figures and highlighted HTML: numpy in, Plotly figure or escaped HTML out (no model code)."""
