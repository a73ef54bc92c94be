"""goaltrack: track social-policy goals against their targets."""


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for (not at
    import: ``import goaltrack`` stays instant, see goaltrack.entry)."""
    if name != "__version__":
        raise AttributeError(f"module 'goaltrack' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("goaltrack")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
