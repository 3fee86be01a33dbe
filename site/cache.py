"""The default cache: files on this machine, shared by every process of the site.

Rate limits (django-ratelimit) and the facet labels must be the same for every gunicorn
worker, or a client gets the limit once per worker and a renamed category shows its old name
in the other workers. Django's file cache is shared by every process on the machine but
increments by reading and writing again, so two workers counting at once lose a count
(django-ratelimit's check `django_ratelimit.E003` says so). This cache makes `add` and `incr`
atomic with an exclusive lock (`flock`) on one lock file, and keeps a counter's expiry.

Why files and not the database: it works while PostgreSQL restarts (the search on
Elasticsearch and its rate limit go on), and costs no database round trip per request. Sites
on several machines set CACHE_URL (Redis) instead (site/settings/base.py).
"""

from __future__ import annotations

import fcntl
import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.move import file_move_safe

_LOCK_NAME = "lock"  # not a *.djcache file, so never culled or cleared


class SharedFileCache(FileBasedCache):
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._createdir()
        with open(os.path.join(self._dir, _LOCK_NAME), "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add `delta` atomically across processes, keeping the key's expiry."""
        fname = self._key_to_file(key, version)
        with self._locked():
            try:
                with open(fname, "rb") as f:
                    if self._is_expired(f):
                        raise FileNotFoundError(fname)
                    f.seek(0)
                    expiry = pickle.load(f)
                    value = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
            new_value = value + delta
            fd, tmp_path = tempfile.mkstemp(dir=self._dir)
            with open(fd, "wb") as f:
                f.write(pickle.dumps(expiry, self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(new_value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            return new_value
