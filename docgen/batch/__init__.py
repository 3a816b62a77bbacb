"""Many inputs → many outputs: a process pool over the library API, atomic outputs, resumable runs.

``plan(inputs, options)`` expands facts files, folders and globs (mail merge: :mod:`docgen.mailmerge`) into
:class:`Job` s with unique output names; ``run(jobs, options, on_done)`` renders them in ``options.jobs``
processes through :func:`docgen.api.render_loaded` (what ``docgen render`` calls) and returns one
:class:`Outcome` per job.

Every output is written to a temporary file in OUTDIR and renamed into place, so an interrupted batch (Ctrl-C,
``kill -9``) leaves only complete files.  A manifest beside the outputs (``OUTDIR/.docgen-batch.json``, itself
written atomically) records for each output the SHA-256 of everything it was made from (input bytes, options,
template, docgen version) and of the output itself; a rerun skips every output whose record still matches.
PDF is made in two steps: the workers render .docx files, then LibreOffice converts them many per start.

Nothing here prints: progress goes to the ``on_done`` callback, and the CLI (``docgen/cli_batch.py``) draws it.

One module, one job:

- :mod:`docgen.batch.jobs` — options, jobs, outcomes and results (plain data);
- :mod:`docgen.batch.inputs` — inputs → jobs with unique output names and content keys;
- :mod:`docgen.batch.worker` — one job in a worker process (through :mod:`docgen.api`);
- :mod:`docgen.batch.manifest` — the record of what is up to date, and leftovers of a killed run;
- :mod:`docgen.batch.pool` — running the jobs (in-process or a process pool), Ctrl-C, the output guard;
- :mod:`docgen.batch.pdf` — .docx → PDF, many documents per LibreOffice start;
- :mod:`docgen.batch.archive` — the deterministic zip of the outputs;
- :mod:`docgen.batch.fingerprint` — what, besides the input, decides the output bytes.
"""

from __future__ import annotations

from docgen.batch.archive import write_zip
from docgen.batch.inputs import expand_inputs, plan, row_key, safe_stem, unique_names
from docgen.batch.jobs import BatchOptions, BatchResult, Format, Job, Outcome, Status
from docgen.batch.manifest import MANIFEST, STAGING
from docgen.batch.pool import check_outputs, run

__all__ = [
    "MANIFEST",
    "STAGING",
    "BatchOptions",
    "BatchResult",
    "Format",
    "Job",
    "Outcome",
    "Status",
    "check_outputs",
    "expand_inputs",
    "plan",
    "row_key",
    "run",
    "safe_stem",
    "unique_names",
    "write_zip",
]
