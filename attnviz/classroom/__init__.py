"""Classroom helpers: data generators, toy and feature attention, lesson packs, exports, settings."""
