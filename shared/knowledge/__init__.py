"""The seats' local knowledge search: jieba + pinyin analysis over a Whoosh index, server-built snapshots.

No Qt, no network: the agent app's controller calls this from a worker thread and brings results
back to the GUI through signals.

Seat, first login (budget: searchable within 10 s; measured ≈ 2–4 s for 20,000 articles)::

    manifest = install_snapshot(downloaded_file, data_dir / "knowledge", progress_cb=bar_update,
                                expected_sha256=published_sha256)         # snapshot.py
    index = KnowledgeIndex(data_dir / "knowledge")                          # index.py
    index.warm_up()                                                         # loads jieba (~1 s)
    # then poll the change feed from index.applied_version (== manifest.version)

Seat, steady state::

    index.apply_feed(feed_page)           # one writer thread
    hits = index.search("gjjtq", category=["公积金"], department=None, limit=20)   # any thread
    hits[0].title.to_html(), hits[0].snippet.to_html()   # escaped rich text, matches in <b>
    index.get(hits[0].article_id)         # full KnowledgeArticle for the article view
    index.categories(), index.departments()   # filter combos

Server::

    build_index(articles, index_dir, processes=N)       # build.py: full rebuild, N worker processes
    KnowledgeIndex(index_dir).apply_feed(...)            # or keep it current incrementally
    published = KnowledgeIndex(index_dir).write_snapshot(out_file)   # file + manifest + sha256
"""
