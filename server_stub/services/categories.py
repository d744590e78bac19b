"""The category tree (tickets and knowledge share it): paths, deadlines, admin CRUD."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.protocol.schemas.categories import CategoryCreate, CategoryOut, CategoryUpdate

from ..api.errors import Conflict, InvalidInput
from ..db.models import Category, KnowledgeArticle, Ticket

logger = logging.getLogger(__name__)

_MAX_DEPTH = 16


def load_with_ancestors(session: Session, ids: Iterable[int | None]) -> dict[int, Category]:
    """The given categories and every ancestor, by id — a few small queries, however many ids."""
    found: dict[int, Category] = {}
    wanted = {i for i in ids if i is not None}
    for _ in range(_MAX_DEPTH):
        wanted -= found.keys()
        if not wanted:
            break
        rows = session.scalars(select(Category).where(Category.id.in_(wanted))).all()
        for row in rows:
            found[row.id] = row
        wanted = {row.parent_id for row in rows if row.parent_id is not None}
    return found


def path_of(category_id: int | None, by_id: dict[int, Category]) -> list[str]:
    path: list[str] = []
    current = by_id.get(category_id) if category_id is not None else None
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        path.append(current.name)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return list(reversed(path))


def effective_deadline_days(category_id: int | None, by_id: dict[int, Category]) -> int | None:
    """The category's deadline, else its nearest ancestor's; ``None`` means the global default."""
    current = by_id.get(category_id) if category_id is not None else None
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.deadline_days is not None:
            return current.deadline_days
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return None


def category_out(category: Category, by_id: dict[int, Category]) -> CategoryOut:
    return CategoryOut(
        id=category.id,
        parent_id=category.parent_id,
        name=category.name,
        code=category.code,
        deadline_days=category.deadline_days,
        sort_order=category.sort_order,
        path=path_of(category.id, by_id),
    )


def list_categories(session: Session) -> list[Category]:
    """Every category in tree order: each parent directly before its children, siblings by sort order."""
    rows = session.scalars(select(Category).order_by(Category.sort_order, Category.id)).all()
    children: dict[int | None, list[Category]] = {}
    known = {row.id for row in rows}
    for row in rows:
        parent = row.parent_id if row.parent_id in known else None
        children.setdefault(parent, []).append(row)
    ordered: list[Category] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.id, [])))
    return ordered


def get_category(session: Session, *, category_id: int) -> Category | None:
    return session.get(Category, category_id)


def require_category(session: Session, category_id: int) -> Category:
    category = session.get(Category, category_id)
    if category is None:
        raise InvalidInput(
            f"There is no category {category_id}; pick one from GET /api/v1/categories.",
            error_id="unknown_category",
            details={"category_id": category_id},
        )
    return category


def _check_unique(
    session: Session, *, name: str, parent_id: int | None, code: str | None, own_id: int | None
) -> None:
    same_name = session.scalar(
        select(Category.id).where(
            Category.name == name,
            Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id,
        )
    )
    if same_name is not None and same_name != own_id:
        raise Conflict(
            f"A category named {name!r} already exists at this place in the tree.", error_id="duplicate"
        )
    if code is not None:
        same_code = session.scalar(select(Category.id).where(Category.code == code))
        if same_code is not None and same_code != own_id:
            raise Conflict(f"The category code {code!r} is already used.", error_id="duplicate")


def create_category(session: Session, *, data: CategoryCreate) -> Category:
    if data.parent_id is not None:
        require_category(session, data.parent_id)
    _check_unique(session, name=data.name, parent_id=data.parent_id, code=data.code, own_id=None)
    category = Category(
        name=data.name,
        parent_id=data.parent_id,
        code=data.code,
        deadline_days=data.deadline_days,
        sort_order=data.sort_order,
    )
    session.add(category)
    session.flush()
    return category


def update_category(session: Session, *, category: Category, data: CategoryUpdate) -> Category:
    fields = data.model_fields_set
    parent_id = data.parent_id if "parent_id" in fields else category.parent_id
    if "parent_id" in fields and parent_id is not None:
        require_category(session, parent_id)
        # refuse cycles: the new parent must not be this node or one of its descendants
        by_id = load_with_ancestors(session, [parent_id])
        node: int | None = parent_id
        while node is not None:
            if node == category.id:
                raise InvalidInput(
                    "A category cannot be moved under itself or one of its own subcategories.",
                    error_id="category_cycle",
                )
            node = by_id[node].parent_id if node in by_id else None
    name = data.name if data.name is not None else category.name
    code = data.code if "code" in fields else category.code
    _check_unique(session, name=name, parent_id=parent_id, code=code, own_id=category.id)
    category.name = name
    category.parent_id = parent_id
    category.code = code
    if "deadline_days" in fields:
        category.deadline_days = data.deadline_days
    if data.sort_order is not None:
        category.sort_order = data.sort_order
    session.flush()
    return category


def delete_category(session: Session, *, category: Category) -> None:
    children = session.scalar(select(func.count()).where(Category.parent_id == category.id)) or 0
    tickets = session.scalar(select(func.count()).where(Ticket.category_id == category.id)) or 0
    articles = (
        session.scalar(
            select(func.count()).where(
                KnowledgeArticle.category_id == category.id, KnowledgeArticle.deleted.is_(False)
            )
        )
        or 0
    )
    if children or tickets or articles:
        raise Conflict(
            f"The category is still used ({children} subcategories, {tickets} tickets, {articles} articles); "
            "move them first.",
            error_id="category_in_use",
            details={"subcategories": children, "tickets": tickets, "articles": articles},
        )
    session.delete(category)
    session.flush()
