"""A new seat gets the whole knowledge base from a server-built snapshot; bad downloads are refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from shared.knowledge.build import build_index
from shared.knowledge.index import KnowledgeIndex
from shared.knowledge.schema import INDEX_FORMAT_VERSION
from shared.knowledge.snapshot import (
    SnapshotError,
    install_snapshot,
    read_manifest,
    write_snapshot,
)
from shared.protocol.knowledge import KnowledgeFeed
from tests.shared.knowledge.corpus import corpus


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The server's index of the corpus, published as a snapshot file."""
    with KnowledgeIndex(tmp_path / "server-index") as server:
        server.apply_feed(KnowledgeFeed(since=0, latest_version=18, articles=corpus()))
        server.write_snapshot(tmp_path / "knowledge.snapshot")
    return tmp_path / "knowledge.snapshot"


def test_given_a_published_snapshot_when_a_new_seat_installs_it_then_everything_is_searchable(
    tmp_path: Path, published: Path
) -> None:
    progress: list[tuple[int, int]] = []
    manifest = install_snapshot(published, tmp_path / "seat" / "index", lambda d, t: progress.append((d, t)))
    assert (manifest.version, manifest.article_count) == (18, 18)
    assert progress and progress[-1][0] == progress[-1][1]
    with KnowledgeIndex(tmp_path / "seat" / "index") as seat:
        assert seat.applied_version == 18
        assert seat.search("gjjtq")[0].title.text == "公积金提取条件及办理流程"
        # …and then it follows the feed from the manifest's version
        changed = corpus()[3].model_copy(update={"version": 19, "title": "社保卡补办新流程"})
        seat.apply_feed(KnowledgeFeed(since=manifest.version, latest_version=19, articles=[changed]))
        assert seat.search("社保卡补办")[0].title.text == "社保卡补办新流程"


def test_given_a_truncated_download_when_installing_then_it_is_refused_and_the_old_index_still_works(
    tmp_path: Path, published: Path
) -> None:
    target = tmp_path / "seat-index"
    install_snapshot(published, target)
    partial = tmp_path / "partial.snapshot"
    partial.write_bytes(published.read_bytes()[: published.stat().st_size // 2])
    with pytest.raises(SnapshotError, match="download it again"):
        install_snapshot(partial, target)
    with KnowledgeIndex(target) as seat:
        assert seat.article_count == 18
        assert seat.search("户口迁移")[0].title.text == "户口迁移办理流程"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_given_a_damaged_file_inside_the_snapshot_when_installing_then_it_is_refused(
    tmp_path: Path, published: Path
) -> None:
    damaged = tmp_path / "damaged.snapshot"
    with zipfile.ZipFile(published) as source, zipfile.ZipFile(damaged, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".seg"):
                data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
            out.writestr(info.filename, data)
    with pytest.raises(SnapshotError, match="damaged"):
        install_snapshot(damaged, tmp_path / "seat-index")
    assert not (tmp_path / "seat-index").exists()


def test_given_a_wrong_published_checksum_when_installing_then_it_is_refused(
    tmp_path: Path, published: Path
) -> None:
    with pytest.raises(SnapshotError, match="checksum"):
        install_snapshot(published, tmp_path / "seat-index", expected_sha256="0" * 64)


def test_given_a_snapshot_of_another_format_when_installing_then_the_error_says_to_update(
    tmp_path: Path, published: Path
) -> None:
    other = tmp_path / "other.snapshot"
    with zipfile.ZipFile(published) as source, zipfile.ZipFile(other, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "manifest.json":
                current = f'"index_format": {INDEX_FORMAT_VERSION}'.encode()
                data = data.replace(current, b'"index_format": 99')
            out.writestr(info.filename, data)
    with pytest.raises(SnapshotError, match="update the app"):
        install_snapshot(other, tmp_path / "seat-index")


def test_given_an_installed_index_when_a_newer_snapshot_is_installed_then_it_replaces_the_old(
    tmp_path: Path, published: Path
) -> None:
    target = tmp_path / "seat-index"
    install_snapshot(published, target)
    newer_articles = [a.model_copy(update={"version": a.version + 100}) for a in corpus()[:5]]
    build_index(newer_articles, tmp_path / "server-v2", processes=1)
    newer = write_snapshot(tmp_path / "server-v2", tmp_path / "v2.snapshot")
    install_snapshot(newer.path, target, expected_sha256=newer.archive_sha256)
    assert read_manifest(newer.path).version == 105
    with KnowledgeIndex(target) as seat:
        assert (seat.article_count, seat.applied_version) == (5, 105)


def test_given_a_swap_interrupted_between_its_renames_when_the_seat_restarts_then_the_old_index_is_back(
    tmp_path: Path, published: Path
) -> None:
    target = tmp_path / "seat-index"
    install_snapshot(published, target)
    target.rename(tmp_path / ".seat-index.old-deadbeef")  # the crash left only the set-aside copy
    with KnowledgeIndex(target) as seat:
        assert seat.article_count == 18
        assert seat.applied_version == 18


def test_given_a_folder_with_other_files_when_installing_there_then_it_is_left_alone(
    tmp_path: Path, published: Path
) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SnapshotError, match="not empty"):
        install_snapshot(published, precious)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"
