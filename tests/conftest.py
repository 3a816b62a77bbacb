"""Suite-wide settings: the fragment cache goes to a private temporary directory, never the user's."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DOCGEN_CACHE_DIR", tempfile.mkdtemp(prefix="docgen-test-cache-"))
