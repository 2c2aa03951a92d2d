"""Statute gap analyzer: grade a jurisdiction's encoded statutes against a framework's rules."""
