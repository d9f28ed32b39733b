"""Jupyter kernels for the notebook runner: started in notebooks/, one reused per worker thread."""

from __future__ import annotations

import threading
from typing import Any

from cautils.paths import NOTEBOOKS_DIR

KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
# Run in a new kernel, and between two notebooks in a reused one: the notebook namespace is
# cleared and matplotlib's settings go back to what they were before the first notebook.
# The third-party libraries every notebook needs are imported here too, while the ledger is
# evaluated; cautils' own modules are not, since each notebook records the ones it imports.
KERNEL_INIT = (
    "import matplotlib, matplotlib.pyplot, pandas, seaborn, pandera.pandas, pydantic, yaml\n"
    "matplotlib._cautils_rc0 = dict(matplotlib.rcParams)\n"
)
# Between notebooks the dependency record starts afresh (cautils.deps), so each notebook's cache
# key covers what it read itself.
KERNEL_RESET = (
    "%reset -f\n"
    "import warnings as _w, matplotlib as _m, matplotlib.pyplot as _p\n"
    "_p.close('all')\n"
    "with _w.catch_warnings():\n"
    "    _w.simplefilter('ignore')\n"
    "    dict.update(_m.rcParams, _m._cautils_rc0)\n"
    "del _w, _m, _p\n"
    "import cautils.deps as _d\n"
    "_d.reset()\n"
    "del _d\n"
)


def start_kernel() -> Any:
    """A kernel started in notebooks/. The working directory is given to the kernel itself:
    papermill's own `cwd=` changes the whole process's directory, which races between threads."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(NOTEBOOKS_DIR), extra_arguments=KERNEL_ARGS)
    return km


def stop_kernel(km: Any) -> None:
    from jupyter_core.utils import run_sync

    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass


class KernelPool:
    """One kernel per worker thread, reused for successive notebooks.

    Starting a kernel and importing pandas, matplotlib and cautils costs about two seconds of
    CPU per notebook; a reused kernel pays it once. Between notebooks the namespace is cleared
    and plotting settings restored (a test checks that outputs equal those of a fresh kernel).
    Module-level caches of the processed tables persist, which is safe within one run: the
    data cannot change during it. A kernel that saw a failure is discarded.
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list = []
        self._spare: list = []  # futures of kernels started ahead of need

    def _started(self, attempts: int = 3):
        """A new kernel, initialised. A kernel that dies while starting (two kernels started at
        the same moment can race for a port) is replaced, up to `attempts` times in all."""
        for attempt in range(1, attempts + 1):
            km = start_kernel()
            try:
                self._client_run(km, KERNEL_INIT)
                break
            except RuntimeError:
                stop_kernel(km)
                if attempt == attempts:
                    raise
        with self._lock:
            self._all.append(km)
        return km

    def prestart(self, count: int) -> None:
        """Start `count` kernels in the background (while the ledger is evaluated, say)."""
        from concurrent.futures import ThreadPoolExecutor

        if count < 1:
            return
        starter = ThreadPoolExecutor(max_workers=count)
        self._spare += [starter.submit(self._started) for _ in range(count)]
        starter.shutdown(wait=False)

    def _client_run(self, km, code: str) -> None:
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient()
        client.load_connection_info(km.get_connection_info())
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"kernel reset failed: {reply['content'].get('evalue')}")
        finally:
            client.stop_channels()

    def get(self):
        km = getattr(self._local, "km", None)
        if km is not None:
            return km
        with self._lock:
            spare = self._spare.pop() if self._spare else None
        km = spare.result() if spare is not None else self._started()
        self._local.km = km
        return km

    def reset(self) -> None:
        km = getattr(self._local, "km", None)
        if km is None:
            return
        try:
            self._client_run(km, KERNEL_RESET)
        except Exception:
            self.discard()

    def discard(self) -> None:
        km = getattr(self._local, "km", None)
        self._local.km = None
        if km is not None:
            self._shutdown(km)

    def _shutdown(self, km) -> None:
        with self._lock:
            if km in self._all:
                self._all.remove(km)
        stop_kernel(km)

    def close(self) -> None:
        for spare in self._spare:  # started ahead but never needed
            try:
                spare.result()
            except Exception:
                pass
        self._spare.clear()
        for km in list(self._all):
            self._shutdown(km)
