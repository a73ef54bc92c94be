"""The domain, pure: figures and their one validation, units, the progress maths, scopes and regions."""
