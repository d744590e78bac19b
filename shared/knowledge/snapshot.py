"""Index snapshots: the server publishes its built index as one file, a new seat installs it.

Building the index on a seat takes minutes; unpacking a prebuilt one takes seconds. A snapshot is a
ZIP of the Whoosh index folder plus ``manifest.json``::

    {"snapshot_format": 1, "index_format": 1, "version": 1234, "article_count": 20000,
     "created_at": "…", "files": {"<name>": {"size": n, "sha256": "…"}, …}, "content_sha256": "…"}

``content_sha256`` hashes the sorted file list with sizes and hashes, so it identifies the content
whatever the ZIP's compression. The seat downloads the file (transport is not this module's business),
calls :func:`install_snapshot`, opens :class:`~shared.knowledge.index.KnowledgeIndex` on the target
and asks the change feed for everything since ``manifest.version``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from shared.knowledge.dirswap import recover_interrupted_swap, replace_dir
from shared.knowledge.schema import INDEX_FORMAT_VERSION
from shared.knowledge.state import INDEX_NAME, STATE_FILE, read_state

logger = logging.getLogger(__name__)

SNAPSHOT_FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
_CHUNK = 1 << 20

#: ``progress_cb(done_bytes, total_bytes)``; called from the installing thread.
ProgressCallback = Callable[[int, int], None]


class SnapshotError(Exception):
    """A snapshot cannot be written or installed; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class SnapshotManifest:
    version: int
    article_count: int
    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # name -> (size, sha256)
    created_at: str = ""
    snapshot_format: int = SNAPSHOT_FORMAT_VERSION
    index_format: int = INDEX_FORMAT_VERSION

    @property
    def content_sha256(self) -> str:
        items = sorted(self.files.items())
        listing = "".join(f"{name}\0{size}\0{digest}\n" for name, (size, digest) in items)
        return hashlib.sha256(listing.encode()).hexdigest()

    @property
    def total_size(self) -> int:
        return sum(size for size, _ in self.files.values())

    def to_json(self) -> str:
        return json.dumps(
            {
                "snapshot_format": self.snapshot_format,
                "index_format": self.index_format,
                "version": self.version,
                "article_count": self.article_count,
                "created_at": self.created_at,
                "files": {name: {"size": size, "sha256": sha} for name, (size, sha) in self.files.items()},
                "content_sha256": self.content_sha256,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> SnapshotManifest:
        try:
            raw: dict[str, Any] = json.loads(text)
            manifest = cls(
                version=int(raw["version"]),
                article_count=int(raw["article_count"]),
                files={str(n): (int(e["size"]), str(e["sha256"])) for n, e in raw["files"].items()},
                created_at=str(raw.get("created_at", "")),
                snapshot_format=int(raw["snapshot_format"]),
                index_format=int(raw["index_format"]),
            )
            claimed = str(raw["content_sha256"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SnapshotError(f"The snapshot's manifest is unreadable ({exc}); download it again.") from exc
        if claimed != manifest.content_sha256:
            raise SnapshotError("The snapshot's manifest does not match its own checksum; download it again.")
        return manifest


@dataclass(frozen=True, slots=True)
class PublishedSnapshot:
    """What the server hands to the transport: the file, its manifest and the whole file's sha256."""

    path: Path
    manifest: SnapshotManifest
    archive_sha256: str
    size_bytes: int


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_snapshot(index_dir: Path, out_path: Path, *, compresslevel: int = 1) -> PublishedSnapshot:
    """Pack the index in ``index_dir`` into ``out_path`` (written to a temp name, then renamed).

    The index must not be written meanwhile: call this from the writer's thread, or use
    :meth:`KnowledgeIndex.write_snapshot <shared.knowledge.index.KnowledgeIndex.write_snapshot>`,
    which holds the writer lock. Deflate level 1: Whoosh's files shrink about as much as with level 9
    at a fraction of the time, and seats unpack faster.
    """
    index_dir, out_path = Path(index_dir), Path(out_path)
    if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise SnapshotError(f"No knowledge index in {index_dir} to snapshot.")
    index_format, version = read_state(index_dir)
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    try:
        article_count = int(ix.doc_count())
        # Only the files of the latest generation: older TOC/segment files may linger after merges.
        toc_and_segments = _live_files(ix, index_dir)
    finally:
        ix.close()
    tmp = out_path.with_name(out_path.name + f".tmp-{uuid.uuid4().hex[:8]}")
    files: dict[str, tuple[int, str]] = {}
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
            for name in sorted(toc_and_segments):
                data = (index_dir / name).read_bytes()
                files[name] = (len(data), hashlib.sha256(data).hexdigest())
                archive.writestr(name, data)
            manifest = SnapshotManifest(
                version=version,
                article_count=article_count,
                files=files,
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                index_format=index_format,
            )
            archive.writestr(MANIFEST_NAME, manifest.to_json())
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    published = PublishedSnapshot(out_path, manifest, sha256_file(out_path), out_path.stat().st_size)
    logger.info(
        "wrote knowledge snapshot %s: version %d, %d articles, %.1f MB",
        out_path, version, article_count, published.size_bytes / 1e6,
    )
    return published


def _live_files(ix: Any, index_dir: Path) -> list[str]:
    storage = ix.storage
    generation = whoosh_index.TOC._latest_generation(storage, INDEX_NAME)
    toc_name = whoosh_index.TOC._filename(INDEX_NAME, generation)
    segment_ids = {segment.segment_id() for segment in ix._segments()}
    names = [toc_name, STATE_FILE]
    for path in index_dir.iterdir():
        if path.is_file() and any(path.name.startswith(f"{seg_id}.") for seg_id in segment_ids):
            names.append(path.name)
    return names


def read_manifest(snapshot_path: Path) -> SnapshotManifest:
    """The manifest of a snapshot file (e.g. to compare its version before installing)."""
    try:
        with zipfile.ZipFile(snapshot_path) as archive:
            return SnapshotManifest.from_json(archive.read(MANIFEST_NAME))
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SnapshotError(
            f"{snapshot_path} is not a complete knowledge snapshot ({exc}); download it again."
        ) from exc


def install_snapshot(
    snapshot_path: Path,
    target_dir: Path,
    progress_cb: ProgressCallback | None = None,
    *,
    expected_sha256: str | None = None,
) -> SnapshotManifest:
    """Verify ``snapshot_path`` and make it the index in ``target_dir``; return its manifest.

    Every file is checked against the manifest's size and sha256 while it is unpacked into a sibling
    folder, the unpacked index is opened and counted, and only then is it swapped in. On any failure
    :class:`SnapshotError` is raised and ``target_dir`` is exactly as before. Any
    :class:`KnowledgeIndex` open on ``target_dir`` must be closed first (Windows cannot rename open
    files). ``expected_sha256`` is the whole file's hash as published by the server, if known.
    """
    snapshot_path, target_dir = Path(snapshot_path), Path(target_dir)
    recover_interrupted_swap(target_dir)
    if not snapshot_path.is_file():
        raise SnapshotError(f"Snapshot file {snapshot_path} does not exist.")
    if target_dir.exists() and any(target_dir.iterdir()) and not (target_dir / STATE_FILE).exists():
        # The swap deletes the old folder; never do that to a folder that is not a knowledge index.
        raise SnapshotError(f"{target_dir} is not empty and holds no knowledge index; choose another folder.")
    archive_size = snapshot_path.stat().st_size
    staging = target_dir.parent / f".{target_dir.name}.installing-{uuid.uuid4().hex[:8]}"
    try:
        manifest = read_manifest(snapshot_path)
        _check_compatible(manifest)
        total = manifest.total_size + (archive_size if expected_sha256 else 0)
        done = 0
        if expected_sha256:
            if sha256_file(snapshot_path) != expected_sha256.lower():
                raise SnapshotError(
                    f"{snapshot_path} does not match the published checksum (incomplete or damaged "
                    "download); download it again."
                )
            done = archive_size
            if progress_cb is not None:
                progress_cb(done, total)
        staging.mkdir(parents=True)
        with zipfile.ZipFile(snapshot_path) as archive:
            names = set(archive.namelist()) - {MANIFEST_NAME}
            if names != set(manifest.files):
                raise SnapshotError("The snapshot's files do not match its manifest; download it again.")
            for name, (size, digest) in sorted(manifest.files.items()):
                if "/" in name or "\\" in name or name.startswith("."):
                    raise SnapshotError(f"The snapshot contains an unexpected file name {name!r}.")
                done = _extract_checked(archive, name, size, digest, staging / name, done, total, progress_cb)
        _check_unpacked(staging, manifest)
        replace_dir(staging, target_dir)
    except SnapshotError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SnapshotError(
            f"{snapshot_path} could not be unpacked ({exc}); the current index is unchanged. "
            "Download the snapshot again."
        ) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    logger.info(
        "installed knowledge snapshot version %d (%d articles) into %s",
        manifest.version, manifest.article_count, target_dir,
    )
    return manifest


def _check_compatible(manifest: SnapshotManifest) -> None:
    if manifest.snapshot_format != SNAPSHOT_FORMAT_VERSION or manifest.index_format != INDEX_FORMAT_VERSION:
        raise SnapshotError(
            f"The snapshot has format {manifest.snapshot_format}/{manifest.index_format}, this app reads "
            f"{SNAPSHOT_FORMAT_VERSION}/{INDEX_FORMAT_VERSION}; update the app or the server."
        )


def _extract_checked(
    archive: zipfile.ZipFile,
    name: str,
    size: int,
    digest: str,
    out: Path,
    done: int,
    total: int,
    progress_cb: ProgressCallback | None,
) -> int:
    hasher = hashlib.sha256()
    written = 0
    with archive.open(name) as source, out.open("wb") as sink:
        while chunk := source.read(_CHUNK):
            hasher.update(chunk)
            sink.write(chunk)
            written += len(chunk)
            done += len(chunk)
            if progress_cb is not None:
                progress_cb(done, total)
    if written != size or hasher.hexdigest() != digest:
        raise SnapshotError(f"File {name} in the snapshot is damaged (checksum mismatch); download it again.")
    return done


def _check_unpacked(staging: Path, manifest: SnapshotManifest) -> None:
    try:
        index_format, version = read_state(staging)
        ix = whoosh_index.open_dir(str(staging), indexname=INDEX_NAME)
        try:
            count = int(ix.doc_count())
        finally:
            ix.close()
    except Exception as exc:
        raise SnapshotError(f"The unpacked snapshot does not open as an index ({exc}).") from exc
    expected = (manifest.article_count, manifest.version, manifest.index_format)
    if (count, version, index_format) != expected:
        raise SnapshotError(
            f"The unpacked snapshot holds {count} articles at version {version}, its manifest says "
            f"{manifest.article_count} at {manifest.version}; download it again."
        )
