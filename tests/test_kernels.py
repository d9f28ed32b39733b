"""The kernel pool replaces a kernel that dies while starting, and gives up after a few tries."""

from __future__ import annotations

import pytest

from cautils import kernels


def _pool_with(monkeypatch: pytest.MonkeyPatch, failures: int) -> tuple[kernels.KernelPool, list[str]]:
    started: list[str] = []
    stopped: list[str] = []
    monkeypatch.setattr(kernels, "start_kernel", lambda: started.append(f"k{len(started)}") or started[-1])
    monkeypatch.setattr(kernels, "stop_kernel", lambda km: stopped.append(km))
    pool = kernels.KernelPool()

    def client_run(km: str, code: str) -> None:
        if len(started) <= failures:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(pool, "_client_run", client_run)
    return pool, stopped


def test_a_kernel_that_dies_on_start_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    pool, stopped = _pool_with(monkeypatch, failures=1)
    assert pool.get() == "k1"
    assert stopped == ["k0"]


def test_a_kernel_that_keeps_dying_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pool, stopped = _pool_with(monkeypatch, failures=5)
    with pytest.raises(RuntimeError, match="died"):
        pool.get()
    assert stopped == ["k0", "k1", "k2"]
