"""Suite-wide settings: the fragment cache goes to a private temporary directory, never the user's."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "DOCGEN_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="docgen-test-cache-")
    os.environ["DOCGEN_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)
