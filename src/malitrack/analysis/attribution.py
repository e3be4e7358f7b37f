"""Who is blamed, and when two claims' blame cannot both be true.

**Attribution conflict.** Two claims conflict when the actors they blame
share no member on the incident's date: none of them can be the same
perpetrator (Gossi 2022: Mali blames France, France blames Wagner). Actors
that are one another's members do not conflict: Akabar (31 January 2026),
"FAMa" and the "AES joint force" of which FAMa is part; "JNIM" and "Katiba
Macina"; the CSP and its movements; the FLA and the CSP it succeeded. The
memberships, each with its dates and a page that says so, are in
``data/raw/actor_membership.csv``. Generic actors are compatible with the
named ones they give way to in the actors register
(``data/raw/actor_aliases.provenance.json``): "terrorists (unspecified)"
with JNIM, "unknown" with anyone. Claims about armed-group dead are
compared only with each other (in a battle the army kills the attackers and
the attackers kill soldiers: two killings, not a dispute). A claim that
names nobody, or covers only part of the incident, does not conflict with
anyone. ``main_perpetrators`` names who is blamed for the incident's victims
(the claims about armed-group dead only when there are no others), generic
actors dropped where a named one they give way to is there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malitrack.clean.registers import in_force, register_date, register_rows
from malitrack.errors import InputFileError
from malitrack.reference import Reference, default

MEMBERSHIP_COLUMNS = ("group", "member", "relation", "from", "until", "url", "says")


@dataclass(frozen=True)
class Membership:
    group: str
    member: str
    relation: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None

    def holds(self, on) -> bool:
        return in_force(on, self.start, self.end)


def actor_membership(reference: Reference | None = None) -> tuple[Membership, ...]:
    """The memberships of ``actor_membership.csv`` in ``reference``'s raw folder (default: the project's)."""
    reference = reference or default()
    return reference.cached("actor_membership", lambda: read_actor_membership(reference.path("actor_membership.csv")))


def read_actor_membership(path) -> tuple[Membership, ...]:
    """The rows of an actor membership register (none when the file is absent)."""
    if not path.exists():
        return ()
    rows = []
    for line, row in register_rows(path, MEMBERSHIP_COLUMNS):
        if row["relation"] not in ("member", "successor"):
            raise InputFileError(path, "relation must be 'member' or 'successor'", row=line, column="relation")
        rows.append(Membership(
            row["group"], row["member"], row["relation"],
            register_date(row["from"], path, line, "from"), register_date(row["until"], path, line, "until"),
        ))
    return tuple(rows)


def members(actor: str, on=None, memberships: tuple[Membership, ...] | None = None) -> frozenset[str]:
    """The actor and every actor inside it on ``on`` (members of members included).

    A successor counts its predecessor as itself: the FLA is the CSP renamed.

    >>> sorted(members("AES joint force", pd.Timestamp("2026-01-31")))
    ['AES joint force', 'Burkinabè armed forces', 'FAMa', 'Nigerien armed forces']
    """
    memberships = actor_membership() if memberships is None else memberships
    found, todo = {actor}, [actor]
    while todo:
        current = todo.pop()
        for link in memberships:
            if link.group == current and link.member not in found and (link.relation == "successor" or link.holds(on)):
                found.add(link.member)
                todo.append(link.member)
    return frozenset(found)


def actor_register() -> dict:
    """The actors register (kinds, and which generic actor gives way to which named one)."""
    from malitrack.parse.actors import actor_register as register

    return register()


def actors(perpetrators) -> frozenset[str]:
    """The canonical actors of a ``perpetrators`` cell ("; "-joined)."""
    if perpetrators is None or pd.isna(perpetrators):
        return frozenset()
    return frozenset(part.strip() for part in str(perpetrators).split(";") if part.strip())


def covers(general: str, specific: str, register: dict) -> bool:
    """Does the generic actor ``general`` give way to ``specific`` in the register?"""
    actor = register.get(general)
    if actor is None or general == specific:
        return False
    other = register.get(specific)
    return (
        "*" in actor.subsumed_by
        or specific in actor.subsumed_by
        or (other is not None and f"kind:{other.kind}" in actor.subsumed_by)
    )


def compatible(first: str, second: str, register: dict, on=None) -> bool:
    """Can one claim's actor and another's be the same perpetrator?

    Equal names are; so are actors that share a member on ``on`` (a coalition
    and its members), and a generic actor with an actor it gives way to in the
    register ("terrorists (unspecified)" with JNIM, "unknown" with anyone).
    """
    return (
        first == second
        or covers(first, second, register)
        or covers(second, first, register)
        or bool(members(first, on) & members(second, on))
    )


def main_perpetrators(rows: list[tuple], register: dict) -> str | None:
    """Actors blamed for the victims (armed-group dead only if nobody else died), most specific first named."""
    victims = [r[2] for r in rows if not r[5] and not r[6]]
    named = [actor for group in (victims if any(victims) else [r[2] for r in rows if not r[5]]) for actor in group]
    kept = {a for a in named if not any(covers(a, b, register) for b in named)}
    return "; ".join(sorted(kept)) or None


def attribution_conflict(sets: list[frozenset[str]], register: dict, on=None) -> bool:
    """True when two claims blame actors none of which can be the same perpetrator."""
    sets = [s for s in sets if s]
    return any(
        not any(compatible(a, b, register, on) for a in first for b in second)
        for i, first in enumerate(sets)
        for second in sets[i + 1 :]
    )
