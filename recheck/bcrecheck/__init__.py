"""The independent checker of basincheck's certificates (docs/certificates.md)."""
