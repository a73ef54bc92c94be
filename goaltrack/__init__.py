"""goaltrack: track social-policy goals against their targets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("goaltrack")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
