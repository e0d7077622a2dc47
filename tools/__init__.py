"""Developer tools that are not part of the app (load test client)."""
