"""Frames of the classroom protocol as the TestClient tests send and read them."""
from __future__ import annotations

import json


def hello(ws, code, role, token=""):
    """Say hello to room `code` as `role`; the welcome frame."""
    ws.send_text(json.dumps({"type": "hello", "room": code, "role": role, "token": token}))
    welcome = ws.receive_json()
    assert welcome["type"] == "welcome", welcome
    return welcome


def state_frame(ws):
    """The next state frame (skipping log and other frames)."""
    while True:
        f = ws.receive_json()
        if f["type"] == "state":
            return f
