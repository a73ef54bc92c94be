"""The commands, one module each; each a thin layer that parses, calls the library and renders."""
