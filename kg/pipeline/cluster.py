"""Extraction on a Dask cluster: ``kg build --scheduler tcp://host:8786`` (needs ``kg[cluster]``).

The scheduler may run anywhere Dask runs: on this machine (``dask scheduler``
and ``dask worker``), on an HPC batch system (dask-jobqueue) or on Kubernetes
(the README says how). Each worker gets ``ExtractorPlugin``, which carries
the model's files, writes them into the worker's own folder and loads the
models (Kiwi, spaCy, the trained model) once, before any article.

Articles go out in batches of ``BATCH_ARTICLES``, at most ``WINDOW_PER_THREAD``
batches per worker thread at a time (a national corpus is never all in the
scheduler's memory), and come back in input order. A worker lost mid-build
has its batches run again elsewhere by the scheduler; each batch has its
own key and its result is read once, so nothing is lost or counted twice.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from pathlib import Path
from typing import Iterator, Sequence

from kg.errors import ClusterError, UsageError
from kg.records import Extraction, Failure, Source
from kg.pipeline.extraction import Progress, code_digest, model_digest, process, process_many

PLUGIN = "kg-extractor"
BATCH_ARTICLES = 8  # per task: a few seconds of work, small enough to spread over the workers
WINDOW_PER_THREAD = 2  # batches in flight per worker thread: one running, one waiting
RETRIES = 2  # a batch whose task fails is tried again (a lost worker is the scheduler's own retry)
CONNECT_TIMEOUT = "30s"
_WARM_UP = Source("kg-warm-up", "kg-warm-up", "txt-body", "한빛산업진흥원은 12일 업무협약을 맺었다.")


def _distributed():
    try:
        import distributed
    except ImportError as e:
        raise UsageError("--scheduler needs Dask: pip install 'kg[cluster]'") from e
    return distributed


def make_plugin(model_dir: str | None) -> "object":
    """The worker plugin that loads the extractor (the model in ``model_dir``, or the rules alone)."""
    distributed = _distributed()

    # Defined here, not at module level: Dask is imported only when a build asks for a cluster
    # (kg[cluster] is optional); cloudpickle sends the class to the workers by value.
    class ExtractorPlugin(distributed.WorkerPlugin):
        """Loads the models once per worker; runs one batch at a time (Kiwi and spaCy are not shared by threads)."""

        idempotent = False  # replaced on registration: another build may bring another model

        def __init__(self, files: dict[str, bytes] | None, digest: str) -> None:
            self.files, self.digest = files, digest
            self.model_dir: str | None = None

        async def setup(self, worker) -> None:
            # In a thread: loading takes seconds, and the worker's event loop must keep answering.
            await asyncio.get_running_loop().run_in_executor(None, self.load, worker.local_directory)

        def load(self, local_directory: str) -> None:
            self.lock = threading.Lock()
            if self.files is not None:
                folder = Path(local_directory) / f"kg-model-{self.digest[:16]}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, data in self.files.items():
                    (folder / name).write_bytes(data)
                self.model_dir = str(folder)
            process(_WARM_UP, self.model_dir)

    return ExtractorPlugin(_model_files(model_dir), model_digest(model_dir))


def _model_files(model_dir: str | None) -> dict[str, bytes] | None:
    if model_dir is None:
        return None
    from kg.extract.model import BOOSTER_FILE, MODEL_FILE

    return {name: (Path(model_dir) / name).read_bytes() for name in (MODEL_FILE, BOOSTER_FILE)}


def extract_batch(sources: list[Source]) -> tuple[str, list[Extraction | Failure]]:
    """Run on a worker: ``process`` each source with the worker's extractor; the worker's code digest too."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN]
    with plugin.lock:
        return code_digest(), process_many(sources, plugin.model_dir)


def extract_on_cluster(sources: Sequence[Source], address: str, model_dir: str | None,
                       progress: Progress | None = None) -> Iterator[Extraction | Failure]:
    """``process`` every source on the workers of the Dask scheduler at ``address``; results in input order.

    Raises:
        UsageError: Dask is not installed.
        ClusterError: the scheduler cannot be reached, a batch killed its workers again and again, or
            the workers run another version of kg's extraction code.
    """
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}; start one (`dask scheduler`) "
                           "and give its address (tcp://host:8786)") from e
    with client:
        client.register_plugin(make_plugin(model_dir), name=PLUGIN)
        yield from _stream(client, distributed, list(sources), progress)


def _stream(client, distributed, sources: list[Source], progress: Progress | None) -> Iterator[Extraction | Failure]:
    """Submit the batches of ``sources`` a window at a time; yield their results in order."""
    batches = [sources[i:i + BATCH_ARTICLES] for i in range(0, len(sources), BATCH_ARTICLES)]
    token, index_of, ready = uuid.uuid4().hex, {}, {}
    running = distributed.as_completed(loop=client.loop)
    submitted = emitted = done = 0
    while emitted < len(batches):
        window = WINDOW_PER_THREAD * max(1, sum(client.nthreads().values()))
        while submitted < len(batches) and submitted < emitted + window:
            future = client.submit(extract_batch, batches[submitted], key=f"kg-extract-{token}-{submitted}",
                                   retries=RETRIES, pure=False)
            index_of[future.key] = submitted
            running.add(future)
            submitted += 1
        if emitted not in ready:
            future = next(running)
            ready[index_of.pop(future.key)] = _result(future, distributed)
            future.release()
        while emitted in ready:
            for result in ready.pop(emitted):
                done += 1
                progress and progress(done, len(sources))
                yield result
            emitted += 1


def _result(future, distributed) -> list[Extraction | Failure]:
    try:
        code, results = future.result()
    except distributed.KilledWorker as e:
        raise ClusterError(f"a batch of articles killed its Dask workers again and again ({e}); give the "
                           "workers more memory, or find the article with `kg build` on this machine") from e
    if code != code_digest():
        raise ClusterError("the Dask workers run another version of kg's extraction code than this build: "
                           "install the same kg on the workers")
    return results
