"""The FastAPI app: pages, a small JSON API and the WebSocket every page and agent talks through.

docs/PROTOCOL.md describes the protocol. Only the engine changes a room's state; every byte a
connection receives is built by `Room.frame_for` from the view its role may see."""
from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time

from fastapi import FastAPI, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from game.server import pages
from game.server.frames import (
    Act, ErrorFrame, FrameError, Hello, LinkFrame, Ping, Pong, Welcome, dump, parse_client,
)
from game.server.manager import Manager
from game.server.room import Conn, RoomError, secret_texts

HELLO_SECONDS = 30


class JoinRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    faction: str = Field(max_length=40)
    team: str = Field(min_length=1, max_length=40)


class CreateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ruleset: str = Field(default="", max_length=400)
    seed: int | None = None
    level: str = Field(default="normal", pattern="^(random|easy|normal|hard)$")
    time_limit: int = Field(default=0, ge=0, le=3600)


def create_app(manager: Manager, default_ruleset: str = "") -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app):
        manager.loop = asyncio.get_running_loop()
        manager.resume_all()
        lag = asyncio.get_running_loop().create_task(_watch_lag(manager))
        yield
        lag.cancel()

    app = FastAPI(title="Red Lines classroom server", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.manager = manager

    def room_or_404(code: str):
        room = manager.rooms.get(code.upper())
        if room is None:
            raise HTTPException(404, "There is no room with that code.")
        return room

    def facilitator_or_403(room, request: Request):
        auth = request.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip()
        if not room.is_facilitator(token):
            raise HTTPException(403, "This needs the facilitator's link.")

    # ---------------------------------------------------------------- pages
    @app.get("/", response_class=HTMLResponse)
    async def home():
        return pages.home()

    @app.get("/join/{code}", response_class=HTMLResponse)
    async def join_page(code: str):
        return pages.join(room_or_404(code))

    @app.get("/play/{code}", response_class=HTMLResponse)
    async def team_page(code: str):
        return pages.team(room_or_404(code))

    @app.get("/projector/{code}", response_class=HTMLResponse)
    async def projector_page(code: str, request: Request):
        return pages.projector(room_or_404(code), str(request.base_url))

    @app.get("/facilitator/{code}", response_class=HTMLResponse)
    async def facilitator_page(code: str):
        return pages.facilitator(room_or_404(code))

    @app.get("/static/{name}")
    async def static(name: str):
        body, kind = pages.static_file(name)
        if body is None:
            raise HTTPException(404, "no such file")
        return Response(body, media_type=kind, headers={"cache-control": "no-cache"})

    @app.get("/font/jp.otf")
    async def font():
        body = pages.japanese_font()
        if body is None:
            raise HTTPException(404, "no Japanese font in this installation")
        return Response(body, media_type="font/otf", headers={"cache-control": "max-age=86400"})

    @app.get("/qr/{code}.svg")
    async def qr(code: str, request: Request):
        room = room_or_404(code)
        return Response(pages.qr_svg(pages.join_url(str(request.base_url), room.code)), media_type="image/svg+xml")

    # ---------------------------------------------------------------- JSON API
    @app.post("/api/rooms")
    async def create(req: CreateRequest, request: Request):
        client = request.client.host if request.client else ""
        if client not in ("127.0.0.1", "::1", "testclient", "localhost"):
            raise HTTPException(403, "Rooms are created on the facilitator's own machine.")
        try:  # reading and compiling a ruleset takes a while: in a thread, never holding up the other rooms
            room, token = await asyncio.get_running_loop().run_in_executor(
                None, manager.create_room, req.ruleset or default_ruleset, req.seed, req.level, req.time_limit)
        except Exception as e:  # a bad ruleset path or file: a message, never a traceback
            raise HTTPException(400, f"Could not create the room: {str(e)[:300]}") from None
        return {"code": room.code, "facilitator_token": token, "version": room.version}

    @app.get("/api/stats")
    async def stats(request: Request, since: float = 0.0):
        """For the machine's own operator (loopback only): rooms, sockets, broadcast times."""
        client = request.client.host if request.client else ""
        if client not in ("127.0.0.1", "::1", "testclient", "localhost"):
            raise HTTPException(403, "Only on the server's own machine.")
        lat = sorted(manager.latencies)
        pick = (lambda q: round(lat[min(len(lat) - 1, int(len(lat) * q))] * 1000, 2)) if lat else (lambda q: None)
        lag = sorted(x for t, x in manager.lags if t >= since)  # since: a time.time(), to leave out a setup
        return {"rooms": len(manager.rooms), "sockets": sum(len(r.conns) for r in manager.rooms.values()),
                "team_actions_timed": len(lat), "broadcast_ms_median": pick(0.5), "broadcast_ms_p99": pick(0.99),
                "loop_lag_ms_p99": round(lag[int(len(lag) * 0.99)] * 1000, 1) if lag else None,
                "loop_lag_ms_max": round(lag[-1] * 1000, 1) if lag else None}

    @app.get("/api/rooms/{code}")
    async def room_info(code: str):
        room = room_or_404(code)
        return {"code": room.code, "version": room.version, "name": room.texts["name"],
                "status": room.status(), "factions": room.texts["factions"]}

    @app.post("/api/rooms/{code}/join")
    async def join(code: str, req: JoinRequest):
        room = room_or_404(code)
        async with room.lock:
            try:
                token = room.join(req.faction, req.team.strip() or "Team")
            except RoomError as e:
                raise HTTPException(409, str(e)) from None
        return {"token": token, "faction": req.faction, "version": room.version}

    @app.get("/api/rooms/{code}/ruleset")
    async def ruleset(code: str, request: Request):
        """The room's ruleset as a seat may know it: other factions' secret objectives left out."""
        room = room_or_404(code)
        seat = room.seat_of(request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if seat is None:
            raise HTTPException(403, "This needs a team's link.")
        return JSONResponse(room.ruleset_for(seat.faction))

    @app.get("/api/rooms/{code}/save")
    async def save(code: str, request: Request):
        room = room_or_404(code)
        facilitator_or_403(room, request)
        async with room.lock:
            text = room.export_session().to_json()
        return Response(text, media_type="application/json",
                        headers={"content-disposition": f'attachment; filename="{room.session.game_id}.json"'})

    @app.get("/api/rooms/{code}/debrief")
    async def debrief(code: str, request: Request, lang: str = "en"):
        from game.report import write_report
        room = room_or_404(code)
        facilitator_or_403(room, request)
        async with room.lock:
            session = room.export_session()
        with tempfile.TemporaryDirectory() as d:
            written = await asyncio.get_running_loop().run_in_executor(
                None, lambda: write_report(session, d, fmt="html", lang="ja" if lang == "ja" else "en"))
            page = next(p for p in written if p.suffix == ".html")
            return HTMLResponse(page.read_text(encoding="utf-8"))

    # ---------------------------------------------------------------- the WebSocket
    @app.websocket("/ws")
    async def ws(websocket: WebSocket):
        await websocket.accept()
        conn = Conn(role="")
        sender = asyncio.create_task(_send_loop(websocket, conn, manager))
        room = None
        try:
            room = await _hello(websocket, conn)
            if room is None:
                return
            while not conn.closed:
                msg = await websocket.receive()
                if msg["type"] == "websocket.disconnect":
                    break
                text = msg.get("text")
                try:
                    frame = parse_client(text if text is not None else msg.get("bytes"))
                except FrameError as e:
                    room.error(conn, e.code, str(e), resync=False)
                    continue
                if isinstance(frame, Ping):
                    conn.send(dump(Pong(version=room.version)))
                    continue
                if isinstance(frame, Hello):
                    room.error(conn, "bad_frame", "this connection has already said hello", resync=False)
                    continue
                async with room.lock:
                    try:
                        if isinstance(frame, Act):
                            room.act(conn, frame.version, frame.action)
                        else:
                            out = room.control(conn, frame)
                            if out.get("token"):
                                conn.send(dump(LinkFrame(version=room.version, faction=out["faction"],
                                                         token=out["token"])))
                    except RoomError as e:
                        room.error(conn, e.code, str(e))
        except WebSocketDisconnect:
            pass
        finally:
            conn.close()
            if room is not None and conn in room.conns:
                async with room.lock:
                    room.disconnect(conn)  # who is connected changed; an away team's clock starts
            with contextlib.suppress(Exception):
                await asyncio.wait_for(sender, 2)

    async def _hello(websocket: WebSocket, conn: Conn):
        """Wait for a valid hello; a wrong one gets an error and another chance."""
        for _ in range(20):
            try:
                msg = await asyncio.wait_for(websocket.receive(), HELLO_SECONDS)
            except asyncio.TimeoutError:
                conn.send(dump(ErrorFrame(version=0, code="timeout", message="say hello first")))
                conn.close()
                return None
            if msg["type"] == "websocket.disconnect":
                conn.close()
                return None
            text = msg.get("text")
            try:
                frame = parse_client(text if text is not None else msg.get("bytes"))
                if not isinstance(frame, Hello):
                    raise FrameError("hello_first", "the first frame is a hello")
            except FrameError as e:
                conn.send(dump(ErrorFrame(version=0, code=e.code, message=str(e))))
                continue
            room = manager.rooms.get(frame.room.upper())
            if room is None:
                conn.send(dump(ErrorFrame(version=0, code="no_room", message="there is no room with that code")))
                continue
            async with room.lock:
                texts = room.texts
                if frame.role == "team":
                    seat = room.seat_of(frame.token)
                    if seat is None:
                        conn.send(dump(ErrorFrame(version=room.version, code="bad_token",
                                                  message="this link is not (or no longer) a seat's")))
                        continue
                    conn.role, conn.faction, conn.token_hash = "team", seat.faction, seat.token_hash
                    texts = {**texts, "secret_objectives": secret_texts(room.ruleset, seat.faction)}
                elif frame.role == "facilitator":
                    if not room.is_facilitator(frame.token):
                        conn.send(dump(ErrorFrame(version=room.version, code="bad_token",
                                                  message="this is not the facilitator's link")))
                        continue
                    conn.role = "facilitator"
                else:
                    conn.role = "projector"
                seat = room.seats.get(conn.faction)
                conn.send(dump(Welcome(version=room.version, room=room.code, role=conn.role, faction=conn.faction,
                                       team=seat.team if seat else "", texts=texts)))
                room.connect(conn)  # the newcomer's full frame, and everyone sees who is connected
            return room
        conn.close()
        return None

    return app


async def _watch_lag(manager: Manager, every: float = 0.05) -> None:
    """How late the event loop wakes a task that sleeps `every` seconds: the time anything waited
    behind whatever held the loop (or behind other processes for the CPU)."""
    while True:
        t = time.perf_counter()
        await asyncio.sleep(every)
        manager.lags.append((time.time(), max(0.0, time.perf_counter() - t - every)))
        if len(manager.lags) > 100_000:
            del manager.lags[:50_000]


async def _send_loop(websocket: WebSocket, conn: Conn, manager: Manager) -> None:
    try:
        while True:
            item = await conn.queue.get()
            if item is None:
                break
            if isinstance(item, tuple):  # a team's action: time it to the last socket that gets it
                text, mark = item
                await websocket.send_text(text)
                mark[1] -= 1
                if mark[1] == 0:
                    manager.record_latency(time.perf_counter() - mark[0])
            else:
                await websocket.send_text(item)
    except Exception:
        pass
    finally:
        conn.closed = True
        with contextlib.suppress(Exception):
            await websocket.close()
