"""The pages of the site in one language, rendered from their templates (Jinja2, every value escaped).

Jinja2 is imported here only, when a site is built: goaltrack's start-up never pays for it. Every
value a template shows is escaped (autoescape on: a goal named ``<script>`` is text on the page),
and control characters from the data are shown as escapes, as everywhere else in goaltrack.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from goaltrack import __version__
from goaltrack.judging.status import THE_NATION, GoalStatus, Place
from goaltrack.present.charts.files import chart_folder, chart_name
from goaltrack.present.i18n import kind_name
from goaltrack.present.report import no_figures, sentence
from goaltrack.present.status_text import by_set, shown, summary_lines, vintage_of
from goaltrack.site import views
from goaltrack.site.details import definition_facts, verdict_facts
from goaltrack.site.gather import GoalDossier, ScopeDossier, SiteData
from goaltrack.site.paths import FRONT, SCOPE_INDEX, STYLESHEET, goal_page, relative, scope_page
from goaltrack.site.words import KINDS, SITE_WORDS, words

TEMPLATES = "templates"


def environment() -> Any:
    """The Jinja2 environment of the site's templates (package data): autoescaped, strict about
    undefined names, every string from the data shown as goaltrack shows text (``shown``)."""
    import jinja2
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        return shown(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    @jinja2.pass_context
    def link(context: Any, target: str) -> str:
        return relative(context["here"], target)

    env = jinja2.Environment(loader=jinja2.PackageLoader("goaltrack.site", TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=finalize)
    env.globals["link"] = link
    return env


def stylesheet() -> str:
    """The site's one stylesheet, as shipped beside the templates."""
    from importlib.resources import files

    return files("goaltrack.site").joinpath(TEMPLATES, STYLESHEET).read_text(encoding="utf-8")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class SitePages:
    """Every page of one language's tree: ``root`` is its folder in the site ("" or "en/"); ``other``
    the other language built beside it, if any; ``charts`` the chart names drawn (charts.files)."""

    env: Any
    data: SiteData
    lang: str
    root: str = ""
    other: str | None = None
    charts: set[str] = field(default_factory=set)
    today: datetime.date = field(default_factory=datetime.date.today)

    @cached_property
    def w(self) -> dict[str, str]:
        return words(self.lang)

    @cached_property
    def scope_pages(self) -> dict[str, str]:
        return {d.scope.code: scope_page(d.scope.code) for d in self.data.scopes}

    @cached_property
    def site_title(self) -> str:
        groups = by_set(self.data.home, THE_NATION)
        named = groups[0][2][0].set_name if len(groups) == 1 and groups[0][2] else None
        return named or self.data.name or self.w["site"]

    @cached_property
    def stamp(self) -> str:
        w = self.w
        text = f"{w['report_date']}: {self.today.isoformat()} · {w['as_of']} {self.data.as_of}"
        day = vintage_of(self.data.home)
        return text + (f" · {w['known_at']} {day.isoformat()}" if day else "")

    def pages(self) -> Iterator[tuple[str, str]]:
        """(path in the tree, HTML) of every page: the front page, the scope index, each goal, each scope."""
        yield self.front()
        yield self.scope_index()
        for dossier in self.data.goals:
            yield self.goal(dossier)
        for dossier in self.data.scopes:
            yield self.scope(dossier)

    def render(self, template: str, here: str, page_title: str, **values: Any) -> tuple[str, str]:
        full = self.root + here
        other = None if self.other is None else {
            "lang": self.other, "href": relative(full, f"{self.other}/{here}")}
        html = self.env.get_template(template).render(
            lang=self.lang, w=self.w, here=here, stylesheet=relative(full, STYLESHEET), other=other,
            site_title=self.site_title, page_title=page_title, stamp=self.stamp, version=__version__, **values)
        return here, html

    def chart(self, status: GoalStatus) -> str | None:
        name = chart_name(status)
        return f"charts/{name}" if name in self.charts else None

    def status_parts(self, statuses: list[GoalStatus], fallback: Place, overview: bool) -> list[dict]:
        """A part per goal set: its heading, its status table and (on the front page) its overview."""
        w, parts = self.w, []
        for set_name, place, group in by_set(statuses, fallback):
            caption = w["status_caption"].format(place=place.label(self.lang), as_of=w["as_of"], year=self.data.as_of)
            folder = chart_folder(group[0]) if group else ""
            drawn = f"{folder}/overview.png" if folder else "overview.png"
            summary = " · ".join(summary_lines(group, self.lang, with_place=False))
            parts.append({
                "heading": f"{w['report_status']} · {set_name}" if set_name else w["report_status"],
                "table": views.status_table(group, self.lang, caption, lambda s: goal_page(s)),
                "overview": f"charts/{drawn}" if overview and drawn in self.charts else None,
                "overview_alt": w["overview_alt"].format(place=place.label(self.lang), summary=summary)})
        return parts

    def front(self) -> tuple[str, str]:
        home = self.data.home
        summary = summary_lines(home, self.lang, with_place=len({s.place.code for s in home}) > 1)
        return self.render("index.html", FRONT, self.w["front"], title=self.site_title, summary=summary,
                           parts=self.status_parts(home, THE_NATION, overview=True),
                           scope_count=len(self.data.scopes))

    def scope_index(self) -> tuple[str, str]:
        w, sections = self.w, []
        for kind in KINDS:
            members = [d for d in self.data.scopes if (d.scope.kind if d.scope.kind in KINDS else "other") == kind]
            if members:
                heading = w[f"section_{kind}"]
                caption = w["scopes_caption"].format(kind=heading, n=len(members))
                sections.append({"heading": heading, "table": views.scopes_table(
                    members, self.lang, caption, self.data.all_scopes, self.scope_pages)})
        return self.render("scopes.html", SCOPE_INDEX, w["scopes_title"], title=w["scopes_title"], sections=sections)

    def goal(self, dossier: GoalDossier) -> tuple[str, str]:
        s, w, lang = dossier.status, self.w, self.lang
        title, place = s.goal.title(lang), s.place.label(lang)
        said = sentence(s, lang)
        compare = None
        if dossier.comparison.entries:
            from goaltrack.present.compare import compare_heading

            compare = views.compare_table(dossier.comparison, lang, compare_heading(dossier.comparison, lang),
                                          self.scope_pages)
        return self.render(
            "goal.html", goal_page(s), title, title=title, set_name=s.set_name or s.goal.set_id, place=place,
            sentence=said, definition=definition_facts(s, lang), verdict=verdict_facts(s, lang),
            chart=self.chart(s), chart_alt=w["chart_alt"].format(sentence=said), source=_source(s, lang),
            no_chart=capital(no_figures(s, lang)),
            figures=views.figures_table(s, lang, w["figures_caption"].format(goal=title, place=place)),
            compare=compare, no_history=w["no_history"].format(place=place),
            history=views.history_table(dossier.history, s.goal.unit, lang,
                                        w["history_caption"].format(goal=title, place=place)))

    def scope(self, dossier: ScopeDossier) -> tuple[str, str]:
        w, lang, place = self.w, self.lang, dossier.place
        parent_scope = self.data.all_scopes.get(dossier.scope.parent or "")
        parent = None
        if parent_scope is not None and parent_scope.code in self.scope_pages:
            parent = {"name": Place.of(parent_scope).display_name(lang), "link": self.scope_pages[parent_scope.code]}
        goals = []
        for s in dossier.drawn:
            said = sentence(s, lang)
            goals.append({"title": s.goal.title(lang), "page": goal_page(s), "sentence": said, "chart": self.chart(s),
                          "chart_alt": w["chart_alt"].format(sentence=said), "source": _source(s, lang),
                          "figures": views.figures_table(s, lang, w["figures_caption"].format(
                              goal=s.goal.title(lang), place=place.label(lang)))})
        without = [(s.goal.title(lang), goal_page(s), no_figures(s, lang)) for s in dossier.statuses
                   if not s.has_figures]
        return self.render(
            "scope.html", scope_page(dossier.scope.code), place.label(lang), title=place.label(lang),
            kind=capital(kind_name(dossier.scope.kind, lang)), parent=parent,
            summary=summary_lines(dossier.statuses, lang, with_place=False),
            parts=self.status_parts(dossier.statuses, place, overview=False), goals=goals,
            goals_heading=w["scope_goals"].format(place=place.display_name(lang)), without=without)


def _source(status: GoalStatus, lang: str) -> str:
    from goaltrack.present.report import source_line

    return source_line(status, lang)


def choose_page(env: Any, title: str, langs: tuple[str, ...]) -> str:
    """The page at the top of a site in both languages: a link to each language's front page."""
    languages = [(lang, f"{lang}/{FRONT}", SITE_WORDS[lang]["language"], SITE_WORDS[lang]["front"]) for lang in langs]
    return env.get_template("choose.html").render(site_title=title, languages=languages, version=__version__)
