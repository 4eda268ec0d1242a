"""The item tree of a package's organization: what the learner moves through."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One node of the organization's item tree; href is "" for a cluster without a resource."""

    identifier: str
    title: str
    href: str
    children: tuple[Item, ...] = ()


def leaves(items) -> list[Item]:
    """The launchable items depth-first: the order in which the learner moves through them."""
    found: list[Item] = []
    for item in items:
        if item.href:
            found.append(item)
        found.extend(leaves(item.children))
    return found
