"""Many inputs → many outputs: a process pool over the library API, atomic outputs, resumable runs.

``plan(inputs, options)`` expands facts files, folders and globs (mail merge: :mod:`docgen.mailmerge`) into
:class:`Job` s with unique output names; ``run(jobs, options, on_done)`` renders them in ``options.jobs``
processes through :mod:`docgen.api` (the calls ``docgen render`` makes) and returns one :class:`Outcome` per job.

Every output is written to a temporary file in OUTDIR and renamed into place, so an interrupted batch (Ctrl-C,
``kill -9``) leaves only complete files.  A manifest beside the outputs (``OUTDIR/.docgen-batch.json``, itself
written atomically) records for each output the SHA-256 of everything it was made from (input bytes, options,
template, docgen version) and of the output itself; a rerun skips every output whose record still matches.
PDF is made in two steps: the workers render .docx files, then LibreOffice converts them many per start.

Nothing here prints: progress goes to the ``on_done`` callback, and the CLI (``docgen/cli_batch.py``) draws it.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from docgen.errors import DocgenError, FactsError, UsageError
from docgen.fsutil import atomic_write, guard_outputs

if TYPE_CHECKING:
    from docgen.draft import Notice
    from docgen.errors import Problem

__all__ = [
    "MANIFEST",
    "BatchOptions",
    "BatchResult",
    "Job",
    "Outcome",
    "check_outputs",
    "expand_inputs",
    "plan",
    "run",
    "write_zip",
]

MANIFEST = ".docgen-batch.json"
STAGING = ".docgen-batch-staging"
SAVE_EVERY = 2.0  # seconds between manifest saves during a run
FACTS_SUFFIXES = (".yaml", ".yml")
_TMP = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")  # fsutil.atomic_write's temporary files
_GLOB = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

Status = Literal["rendered", "skipped", "failed"]
Format = Literal["docx", "md", "txt", "pdf"]


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    fmt: Format = "docx"
    mode: Literal["final", "draft"] | None = None
    jobs: int = 0  # 0: the number of cores
    template: Path | None = None
    font_profile: str = "gb2312"
    bold_leads: bool = False
    page_numbers: str = "center"
    force: bool = False  # render even what the manifest says is up to date
    pdf_chunk: int = 50  # documents per LibreOffice start

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)

    def render_kwargs(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "font_profile": self.font_profile,
            "bold_leads": self.bold_leads,
            "page_numbers": self.page_numbers,
        }

    def fingerprint(self) -> str:
        """What, besides the input, decides the output bytes."""
        from docgen import __version__

        template = hashlib.sha256(self.template.read_bytes()).hexdigest() if self.template else ""
        parts = [__version__, self.fmt, self.mode or "", template, self.font_profile]
        parts += [str(self.bold_leads), self.page_numbers, _code_fingerprint()]
        return "\x00".join(parts)


@dataclass(frozen=True)
class Job:
    """One document to make.  ``path`` is a facts file or a workbook; ``data`` (mail merge) is a ready
    mapping, with ``cells`` mapping its facts paths to workbook cells for messages."""

    label: str  # the input as the user knows it: a path, or "units.xlsx 第 3 行"
    name: str  # output file name in OUTDIR
    path: Path | None = None
    data: dict[str, Any] | None = None
    base: Path | None = None  # mail merge: the shared facts file the row was merged into
    cells: dict[str, str] = field(default_factory=dict)
    key: str = ""  # SHA-256 of the inputs and options; empty when the input cannot be read
    errors: tuple[str, ...] = ()  # problems found while planning (a bad cell in a mail-merge row)


@dataclass
class Outcome:
    label: str
    output: str  # the output's name in OUTDIR ("" when nothing was written)
    status: Status
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sha256: str = ""  # of the output written (the worker hashes what it wrote; PDFs are hashed when recorded)
    size: int = 0
    worker: int = 0  # process id of the worker that made it
    rss: int = 0  # that worker's resident memory (bytes) just after it


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(o.status != "failed" for o in self.outcomes)

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)


# -- inputs -----------------------------------------------------------------------------------------------


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders → their facts files (recursively, sorted); globs → their matches
    (sorted).  A name that matches nothing is kept, so its job fails with “找不到文件”.  Duplicates dropped."""
    out: list[Path] = []
    for raw in inputs:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            found = [
                q
                for q in p.rglob("*")
                if q.suffix.lower() in FACTS_SUFFIXES
                and q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
                and not q.name.startswith("~$")  # Excel's lock files
            ]
            out.extend(sorted(found))
        elif not p.exists() and _GLOB.search(text):
            out.extend(sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file()))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def safe_stem(text: str) -> str:
    stem = _UNSAFE.sub("_", text).strip(" .") or "document"
    return stem[:120]


def unique_names(stems: Sequence[str], ext: str) -> list[str]:
    """``a``, ``a`` → ``a.docx``, ``a-2.docx`` (case-insensitively, in input order)."""
    seen: set[str] = set()
    out = []
    for stem in stems:
        name, n = f"{stem}.{ext}", 1
        while name.casefold() in seen or name == MANIFEST:
            n += 1
            name = f"{stem}-{n}.{ext}"
        seen.add(name.casefold())
        out.append(name)
    return out


def _sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _file_key(path: Path, fingerprint: str) -> str:
    try:
        return _sha(fingerprint, path.read_bytes())
    except OSError:
        return ""


def plan(inputs: Iterable[str | os.PathLike[str]], options: BatchOptions) -> list[Job]:
    """One job per facts file or workbook found in ``inputs``, with unique output names."""
    paths = expand_inputs(inputs)
    fingerprint = options.fingerprint()
    names = unique_names([safe_stem(p.stem) for p in paths], options.fmt)
    return [
        Job(str(p), name, path=p, key=_file_key(p, fingerprint)) for p, name in zip(paths, names, strict=True)
    ]


def row_key(options: BatchOptions, base: Path, data: dict[str, Any]) -> str:
    """Key of a mail-merge job: the shared file's bytes and the row's merged data."""
    shared = _file_key(base, options.fingerprint())
    return _sha(shared, json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)) if shared else ""


# -- one job (runs in a worker process) -------------------------------------------------------------------


def _located(items: Sequence[Problem | Notice], job: Job) -> list[str]:
    """Problems or warnings as lines, in the one located format render prints (``FILE:LINE:COL: path: message
    [code]``); one about a value that came from a workbook cell names the cell instead."""
    lines = []
    for p in items:
        cell = next(
            (c for path, c in job.cells.items() if p.path == path or p.path.startswith(path + ".")), None
        )
        lines.append(f"{cell}: {p.path}: {p.message} [{p.code}]" if cell else p.format())
    return lines


def _loaded(job: Job) -> Any:
    """A mail-merge row: the merged mapping, with the shared file's positions for its own values."""
    from docgen.load import Loaded, load_yaml

    if job.data is None or job.base is None:
        return None
    shared = load_yaml(job.base)
    return Loaded(shared.file, job.data, shared.source)


def render_job(job: Job, options: BatchOptions, target: Path) -> Outcome:
    """Load, validate, compose and render one job through :mod:`docgen.api`; write ``target`` atomically."""
    from docgen import api

    t0 = time.perf_counter()
    fmt: api.Format = "docx" if options.fmt == "pdf" else options.fmt
    try:
        loaded = _loaded(job)
        if loaded is not None:
            draft = api.compose_loaded(loaded, mode=options.mode)
        else:
            assert job.path is not None
            draft = api.compose_file(job.path, mode=options.mode)
        if job.errors:  # bad cells were left out; their row is still validated, so every problem shows
            return Outcome(job.label, "", "failed", list(job.errors), seconds=time.perf_counter() - t0)
        data = api.render_draft(draft, fmt, **options.render_kwargs())
        atomic_write(target, data, durable=False)
    except FactsError as exc:
        problems = [*job.errors, *_located(exc.problems, job)]
        return Outcome(job.label, "", "failed", problems, seconds=time.perf_counter() - t0)
    except DocgenError as exc:
        return Outcome(job.label, "", "failed", [f"{job.label}: {exc}"], seconds=time.perf_counter() - t0)
    except OSError as exc:
        message = f"{job.label}: 无法写入 {target}（{exc.strerror or exc}）"
        return Outcome(job.label, "", "failed", [message], seconds=time.perf_counter() - t0)
    warnings = _located(draft.notices, job)
    digest = hashlib.sha256(data).hexdigest()
    seconds = time.perf_counter() - t0
    return Outcome(job.label, job.name, "rendered", [], warnings, seconds, digest, len(data), os.getpid(), _rss())


def _rss() -> int:
    """Resident memory of this process in bytes (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _guarded(job: Job, options: BatchOptions, target: Path) -> Outcome:
    try:
        return render_job(job, options, target)
    except Exception as exc:  # keep going past anything one input does
        message = f"{job.label}: 内部错误 {type(exc).__name__}: {exc}"
        return Outcome(job.label, "", "failed", [message])


def _worker_init() -> None:
    """Workers ignore Ctrl-C (the parent stops them after their current document) and die with the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    with contextlib.suppress(Exception):  # warm up: imports and the fragment library, once per worker
        from docgen import registry
        from docgen.api import render_draft  # noqa: F401
        from docgen.fragments import FragmentLibrary

        for d in registry.domains():
            FragmentLibrary.load(domain=d.name)


# -- the manifest -----------------------------------------------------------------------------------------


class Manifest:
    """``{"format": 1, "outputs": {name: {"input", "key", "sha256", "size"}}}`` beside the outputs."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST
        self.entries: dict[str, dict[str, Any]] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == 1 and isinstance(data.get("outputs"), dict):
                self.entries = data["outputs"]
        self.dirty = False

    def up_to_date(self, job: Job, outdir: Path) -> bool:
        entry = self.entries.get(job.name)
        if not job.key or not isinstance(entry, dict) or entry.get("key") != job.key:
            return False
        try:
            data = (outdir / job.name).read_bytes()
        except OSError:
            return False
        return len(data) == entry.get("size") and hashlib.sha256(data).hexdigest() == entry.get("sha256")

    def record(self, job: Job, outdir: Path, outcome: Outcome | None = None) -> None:
        if not job.key:
            return
        digest, size = (outcome.sha256, outcome.size) if outcome is not None else ("", 0)
        if not digest:
            try:
                data = (outdir / job.name).read_bytes()
            except OSError:
                return
            digest, size = hashlib.sha256(data).hexdigest(), len(data)
        self.entries[job.name] = {"input": job.label, "key": job.key, "sha256": digest, "size": size}
        self.dirty = True

    def forget(self, name: str) -> None:
        if self.entries.pop(name, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            text = json.dumps(
                {"format": 1, "outputs": self.entries}, ensure_ascii=False, indent=1, sort_keys=True
            )
            atomic_write(self.path, (text + "\n").encode("utf-8"))
            self.dirty = False


def _clean_leftovers(outdir: Path) -> None:
    """Temporary files of an earlier, killed run (never a complete output)."""
    with contextlib.suppress(OSError):
        for p in outdir.iterdir():
            if _TMP.match(p.name) and p.is_file():
                with contextlib.suppress(OSError):
                    p.unlink()
    shutil.rmtree(outdir / STAGING, ignore_errors=True)


# -- running ----------------------------------------------------------------------------------------------


def check_outputs(
    jobs: Sequence[Job],
    options: BatchOptions,
    *,
    inputs: Iterable[Path | None] = (),
    outputs: Iterable[Path | None] = (),
) -> None:
    """Refuse (:class:`~docgen.fsutil.OutputRefused`, exit 2) before anything is written when an output of the
    batch — each document, the manifest, and ``outputs`` (the zip) — is one of its inputs (facts files, shared
    mail-merge files, the template, and ``inputs``: the workbook), another output, a directory or a special
    file."""
    if options.outdir.exists() and not options.outdir.is_dir():
        raise UsageError(f"输出位置“{options.outdir}”不是目录")
    given = [p for job in jobs for p in (job.path, job.base)] + [options.template, *inputs]
    written = [options.outdir / job.name for job in jobs] + [options.outdir / MANIFEST]
    written += [p for p in outputs if p is not None]
    guard_outputs(written, given)



def run(
    jobs: Sequence[Job], options: BatchOptions, on_done: Callable[[Outcome], None] | None = None
) -> BatchResult:
    """Render every job; skip those up to date; never stop at a bad one.  Ctrl-C stops after the documents in
    progress (:attr:`BatchResult.interrupted`); what was finished is kept and recorded."""
    import gc

    gc.enable()  # the CLI turns it off for short runs; a batch of a thousand documents needs it
    t0 = time.perf_counter()
    outdir = options.outdir
    check_outputs(jobs, options)
    outdir.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(outdir)
    manifest = Manifest(outdir)
    outcomes: dict[int, Outcome] = {}
    saved = [time.monotonic()]

    def done(i: int, outcome: Outcome) -> None:
        outcomes[i] = outcome
        if outcome.status == "rendered":
            manifest.record(jobs[i], outdir, outcome)
        elif outcome.status == "failed":
            manifest.forget(jobs[i].name)
        if time.monotonic() - saved[0] > SAVE_EVERY:  # a killed batch loses at most this much bookkeeping
            manifest.save()
            saved[0] = time.monotonic()
        if on_done is not None:
            on_done(outcome)

    todo: list[int] = []
    for i, job in enumerate(jobs):
        if not options.force and manifest.up_to_date(job, outdir):
            done(i, Outcome(job.label, job.name, "skipped"))
        else:
            todo.append(i)
    staging = outdir / STAGING
    interrupted = False
    try:
        if options.fmt == "pdf":
            staging.mkdir(exist_ok=True)
            interrupted = _run_pdf(jobs, todo, options, staging, done)
        else:
            interrupted = _run_pool(jobs, todo, options, lambda job: outdir / job.name, done)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        manifest.save()
        shutil.rmtree(staging, ignore_errors=True)
    ordered = [outcomes[i] for i in sorted(outcomes)]
    return BatchResult(ordered, time.perf_counter() - t0, interrupted)


def _run_pool(
    jobs: Sequence[Job],
    todo: Sequence[int],
    options: BatchOptions,
    target: Callable[[Job], Path],
    done: Callable[[int, Outcome], None],
) -> bool:
    """Render ``todo`` in-process (one worker) or in a process pool; True when interrupted by Ctrl-C."""
    workers = min(options.workers, len(todo))
    if workers <= 1:
        try:
            for i in todo:
                done(i, _guarded(jobs[i], options, target(jobs[i])))
        except KeyboardInterrupt:
            return True
        return False
    pending: dict[Future[Outcome], int] = {}
    queue = iter(todo)
    window = workers * 4  # a few queued per worker: a Ctrl-C only waits for the documents in progress
    with ProcessPoolExecutor(workers, initializer=_worker_init) as pool:

        def fill() -> None:
            for i in queue:
                pending[pool.submit(_guarded, jobs[i], options, target(jobs[i]))] = i
                if len(pending) >= window:
                    break

        try:
            fill()
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    done(pending.pop(fut), fut.result())
                fill()
        except KeyboardInterrupt:
            for fut in pending:
                fut.cancel()
            for fut in list(pending):
                with contextlib.suppress(Exception):
                    if not fut.cancelled():
                        done(pending[fut], fut.result())
            return True
    return False


def _run_pdf(
    jobs: Sequence[Job],
    todo: Sequence[int],
    options: BatchOptions,
    staging: Path,
    done: Callable[[int, Outcome], None],
) -> bool:
    """.docx files into the staging folder (the pool), then LibreOffice converts them in chunks; each PDF is
    renamed into OUTDIR as it is confirmed."""
    from docgen.render.pdf import require_soffice

    require_soffice()
    docx_done: dict[int, Outcome] = {}

    def staged(job: Job) -> Path:
        return staging / (Path(job.name).stem + ".docx")

    interrupted = _run_pool(jobs, todo, options, staged, lambda i, o: docx_done.__setitem__(i, o))
    ready = []
    for i in todo:
        outcome = docx_done.get(i)
        if outcome is None:
            continue
        if outcome.status == "failed":
            done(i, outcome)
        else:
            ready.append(i)
    if interrupted:
        return True
    chunks = _chunks(ready, options.pdf_chunk, options.workers)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max(1, min(options.workers, len(chunks)))) as threads:
        futures = {
            threads.submit(_convert_chunk, [staged(jobs[i]) for i in chunk], staging): chunk
            for chunk in chunks
        }
        for fut in futures:
            chunk = futures[fut]
            error = ""
            try:
                fut.result()
            except DocgenError as exc:
                error = str(exc)
            for i in chunk:
                job, outcome = jobs[i], docx_done[i]
                pdf = staging / "pdf" / job.name
                if pdf.is_file():
                    os.replace(pdf, options.outdir / job.name)
                    done(i, replace(outcome, output=job.name, sha256="", size=0))
                else:
                    message = f"{job.label}: LibreOffice 未能转换为 PDF" + (f"（{error}）" if error else "")
                    done(i, Outcome(job.label, "", "failed", [message], outcome.warnings, outcome.seconds))
    return False


def _chunks(items: Sequence[int], size: int, workers: int) -> list[list[int]]:
    """Split into at most ``size`` per chunk, and into at least ``workers`` chunks when there are enough
    documents (one LibreOffice per core)."""
    if not items:
        return []
    n = max(-(-len(items) // max(size, 1)), min(workers, len(items) // 10 or 1))
    per = -(-len(items) // n)
    return [list(items[k : k + per]) for k in range(0, len(items), per)]


def _convert_chunk(sources: list[Path], staging: Path) -> None:
    from docgen.render.pdf import convert

    with contextlib.suppress(DocgenError):
        convert(sources, staging / "pdf", "pdf")
        return
    # LibreOffice wrote some or none: the missing ones are reported by the caller; retry the chunk's missing
    # documents once, one LibreOffice start for all of them.
    missing = [s for s in sources if not (staging / "pdf" / (s.stem + ".pdf")).is_file()]
    if missing:
        convert(missing, staging / "pdf", "pdf")


# -- zip --------------------------------------------------------------------------------------------------


def write_zip(target: Path, outdir: Path, names: Iterable[str]) -> int:
    """A deterministic zip (sorted names, fixed times) of ``names`` in ``outdir``, written atomically.  Returns
    the number of files."""
    import io

    buf = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(set(names)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800  # UTF-8 names (Chinese file names open correctly in Windows Explorer)
            zf.writestr(info, (outdir / name).read_bytes())
            count += 1
    atomic_write(target, buf.getvalue())
    return count


# -- a fingerprint of what makes the text (fragment files and docgen's own code) --------------------------


def _code_fingerprint() -> str:
    return _fingerprint_cached()


def _iter_code_files() -> Iterator[Path]:
    from docgen.resources import PACKAGE_DIR, data_dir

    yield from sorted(PACKAGE_DIR.rglob("*.py"))
    yield from sorted(PACKAGE_DIR.joinpath("domains").rglob("*.yaml"))  # the domains' fragments
    for sub in ("fragments", "templates"):
        with contextlib.suppress(Exception):
            yield from sorted(data_dir(sub).glob("*.*"))


_FINGERPRINT: list[str] = []


def _fingerprint_cached() -> str:
    """SHA-256 over names, sizes and modification times of docgen's code, fragments and templates (cheap; a
    changed fragment file or composer re-renders everything on the next run)."""
    if not _FINGERPRINT:
        h = hashlib.sha256()
        for p in _iter_code_files():
            with contextlib.suppress(OSError):
                st = p.stat()
                h.update(f"{p.name}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
        _FINGERPRINT.append(h.hexdigest())
    return _FINGERPRINT[0]
