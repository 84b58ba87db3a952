"""Interfaces: CLI, API, web, reports and export. No business logic lives here."""
