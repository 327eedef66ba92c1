"""Policy-research workbench for urban grassroots (community) governance."""

__version__ = "0.1.0"
