"""docgen: Chinese official speeches and reports from YAML facts."""

__version__ = "0.1.0"
