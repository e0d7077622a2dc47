"""A Streamlit protocol client for load tests and benchmarks."""
