"""The seats' local knowledge search: jieba + pinyin analysis over a Whoosh index, server-built snapshots.

Public API: :class:`~shared.knowledge.index.KnowledgeIndex` (search, change feed),
:func:`~shared.knowledge.build.build_index` (fast parallel full build on the server) and
:mod:`~shared.knowledge.snapshot` (publish / install a prebuilt index). No Qt, no network.
"""
