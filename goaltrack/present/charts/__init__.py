"""Progress charts: one a goal, and an overview of small multiples.

``data`` (what a chart shows, as numbers), ``layout`` (where everything goes, decided before drawing),
``draw`` (matplotlib, imported only inside its functions) and ``files`` (folders, names, and writing
the charts with worker processes).
"""
