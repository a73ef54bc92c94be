"""The storage API in one import: every read and write of goals, scopes and figures (re-exported).

Each function takes an Engine from ``goaltrack.storage.bootstrap.open_goaltrack`` (or
``goaltrack.storage.database.open_database``) and raises GoaltrackError for expected failures (unknown
goal, duplicate figure, a sync that would drop data); every write is one transaction, and on any error
nothing is written. The functions live where their names say: ``sync`` (a catalogue in), ``lookup``
(goals, sets, scopes and their names), ``figures`` (record, correct, delete), ``queries`` (figures out).
"""

from goaltrack.storage.figures import (
    Recorded,
    delete,
    known_figures,
    record,
)
from goaltrack.storage.lookup import (
    active_goal_ids,
    display_names,
    get_goals,
    get_scope,
    get_set,
    list_goals,
    list_scopes,
    list_sets,
    members,
    populations,
    resolve_goal,
    resolve_scope,
    scope_codes,
    scope_names,
    unknown_goal,
)
from goaltrack.storage.queries import (
    HistoryRow,
    current_measurements,
    current_query,
    figures_by_scope,
    figures_in_scopes,
    history,
    population_by_scope,
)
from goaltrack.storage.sessions import reading_session, writing_session
from goaltrack.storage.sync import (
    SyncResult,
    catalogue_name,
    ensure_catalogue,
    sync_catalogue,
)

__all__ = [
    "HistoryRow", "Recorded", "SyncResult", "active_goal_ids", "catalogue_name", "current_measurements", "current_query", "delete", "display_names", "ensure_catalogue", "figures_by_scope",
    "figures_in_scopes", "get_goals", "get_scope", "get_set", "history", "known_figures", "list_goals",
    "list_scopes", "list_sets", "members", "population_by_scope", "populations", "reading_session", "record", "resolve_goal", "resolve_scope", "scope_codes",
    "scope_names", "sync_catalogue", "unknown_goal", "writing_session",
]
