"""The static website of the goals: a folder of pages, charts and one stylesheet, built by `goaltrack site`.

``build.build_site`` is the entry point; ``gather`` reads the database, ``views`` turns statuses into
the cells of the pages, ``pages`` renders the templates (Jinja2, imported only there), ``paths`` names
every file safely and links them relatively, ``folder`` writes the site whole, and ``words`` holds
the site's own words in English and Danish.
"""
