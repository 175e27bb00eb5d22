"""A full analysis runs with every socket disabled (offline by construction)."""

from __future__ import annotations

import socket

import pytest


class _NoNetwork(Exception):
    pass


def _refuse(*args, **kwargs):
    raise _NoNetwork("network access attempted during analysis")


def test_full_analysis_with_sockets_disabled(monkeypatch, corpus_path):
    import importlib
    import sys

    # drop cached layers so that their import-time code also runs offline
    for name in [
        m for m in sys.modules if m.startswith("framing.") and m not in ("framing.errors", "framing._version")
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    fresh = importlib.import_module("framing.analysis")
    result = fresh.analyze(str(corpus_path))
    assert (result.documents["status"] == "ok").all()
    assert len(result.sentences) > 90
    with pytest.raises(_NoNetwork):
        socket.create_connection(("example.org", 80))
