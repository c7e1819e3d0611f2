// Red Lines classroom pages: one plain script for the join, team, projector and facilitator pages.
// It only shows what the server sends and sends action ids back; the server's engine decides.
"use strict";
(function () {
  const body = document.body, role = body.dataset.role, room = body.dataset.room;
  const UI = {
    en: {join_title: "Join a room", room_code: "Room code", next: "Next", pick_seat: "Pick your country and a team name",
      team_name: "Team name", hand: "Your hand", propose: "Propose a deal", you: "Your country", objectives: "Objectives",
      promises: "Promises", open_proposals: "Open proposals", table: "The table", log: "Log", room: "Room", seats: "Seats",
      your_turn: "Your decision", waiting: "Waiting for {f} ({k})", over: "The game is over", paused: "Paused",
      lobby: "Waiting for the facilitator to start", connecting: "Connecting…", connected: "Connected", offline: "Reconnecting…",
      play: "Play", on: "on", pass: "Pass", taken: "taken", free: "free", join: "Join as", send: "Send proposal",
      to: "To", add_term: "Add term", give: "give", promise: "promise not to use", join_c: "join", suggested: "Suggested deals",
      none: "none", ai: "AI", teamc: "team", start: "Start", pause: "Pause", resume: "Resume", end_round: "End the round",
      inject: "Inject crisis", to_ai: "Give to AI", to_team: "Back to team", reissue: "New link", time_limit: "Seconds per decision",
      set: "Set", level: "AI level", save: "Download save", debrief: "Open debrief", cost: "cost", round: "Round {r}/{n}",
      proposal_from: "Proposal from {f}", decide_now: "decide", clock: "{s} s left", trust: "Trust", terms: "Terms",
      connected_n: "connected", offline_n: "offline", projectors: "projectors", hand_size: "cards", link: "Link for {f}",
      scores: "Scores", negotiate: "negotiate", act: "act", response: "respond", choice: "choose", vote: "vote", counter: "counter"},
    ja: {join_title: "ルームに参加", room_code: "ルームコード", next: "次へ", pick_seat: "国・地域とチーム名を選ぶ",
      team_name: "チーム名", hand: "手札", propose: "提案する", you: "自国", objectives: "目標", promises: "約束",
      open_proposals: "未決の提案", table: "盤面", log: "記録", room: "ルーム", seats: "席", your_turn: "あなたの決定",
      waiting: "{f}の決定待ち（{k}）", over: "ゲーム終了", paused: "一時停止中", lobby: "進行役の開始を待っています",
      connecting: "接続中…", connected: "接続済み", offline: "再接続中…", play: "使う", on: "対象", pass: "パス",
      taken: "使用中", free: "空き", join: "参加：", send: "提案を送る", to: "宛先", add_term: "条件を追加", give: "渡す",
      promise: "使わないと約束", join_c: "加盟", suggested: "提案の例", none: "なし", ai: "AI", teamc: "チーム",
      start: "開始", pause: "一時停止", resume: "再開", end_round: "ラウンドを終える", inject: "危機を投入",
      to_ai: "AIに任せる", to_team: "チームに戻す", reissue: "新しいリンク", time_limit: "1決定の秒数", set: "設定",
      level: "AIの強さ", save: "セーブを保存", debrief: "振り返りを開く", cost: "コスト", round: "第{r}/{n}ラウンド",
      proposal_from: "{f}からの提案", decide_now: "決定", clock: "残り{s}秒", trust: "信頼", terms: "条件",
      connected_n: "接続中", offline_n: "未接続", projectors: "投影", hand_size: "枚", link: "{f}のリンク",
      scores: "得点", negotiate: "交渉", act: "行動", response: "対応", choice: "選択", vote: "投票", counter: "対案"}
  };
  let lang = localStorage.getItem("rl-lang") || "en";
  let texts = null, last = null, log = [], ws = null, retry = 500, token = "", myFaction = "";
  const $ = (id) => document.getElementById(id);
  const t = (k, kw) => (UI[lang][k] || UI.en[k] || k).replace(/\{(\w+)\}/g, (_, x) => (kw || {})[x] ?? "");
  const tx = (o) => o ? (o[lang] || o.en || "") : "";
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "onclick") e.addEventListener("click", v); else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };
  const fname = (f) => texts && texts.factions[f] ? tx(texts.factions[f].name) : f;
  const cname = (c) => texts && texts.cards[c] ? tx(texts.cards[c].name) : c;
  const rname = (r) => texts && texts.resources[r] ? tx(texts.resources[r]) : r;
  const optname = (o) => texts && (texts.options[o] || texts.answers[o]) ? tx(texts.options[o] || texts.answers[o]) : o;

  function applyLang() {
    document.documentElement.lang = lang;
    $("lang").textContent = lang === "en" ? "日本語" : "English";
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    if (last) render(last);
  }
  $("lang").addEventListener("click", () => { lang = lang === "en" ? "ja" : "en"; localStorage.setItem("rl-lang", lang); applyLang(); });
  const setStatus = (k) => { $("status").textContent = t(k); $("status").dataset.state = k; };

  // ------------------------------------------------------------ join pages
  if (role === "home") {
    $("codeform").addEventListener("submit", (e) => { e.preventDefault(); location.href = "/join/" + $("code").value.trim().toUpperCase(); });
    applyLang(); return;
  }
  if (role === "join") {
    fetch("/api/rooms/" + room).then((r) => r.json()).then((info) => {
      texts = {factions: info.factions};
      const box = $("seats");
      for (const s of info.status.seats) {
        const b = el("button", {type: "button", class: "seat", "data-faction": s.faction},
          `${tx(info.factions[s.faction].name)} — ${s.team ? t("taken") : t("free")}`);
        if (s.team) b.disabled = true;
        b.addEventListener("click", async () => {
          const team = $("team").value.trim();
          if (!team) { $("team").focus(); return; }
          const r = await fetch(`/api/rooms/${room}/join`, {method: "POST", headers: {"content-type": "application/json"},
            body: JSON.stringify({faction: s.faction, team})});
          const d = await r.json();
          if (!r.ok) { $("joinerror").textContent = d.detail || "error"; return; }
          localStorage.setItem("rl-token-" + room, d.token);
          location.href = `/play/${room}#t=${d.token}`;
        });
        box.append(b);
      }
    });
    applyLang(); return;
  }

  // ------------------------------------------------------------ the socket
  const fromHash = new URLSearchParams(location.hash.slice(1));
  const key = role === "facilitator" ? "rl-fac-" + room : "rl-token-" + room;
  token = fromHash.get(role === "facilitator" ? "k" : "t") || localStorage.getItem(key) || "";
  if (token && role !== "projector") localStorage.setItem(key, token);

  function connect() {
    setStatus("connecting");
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onopen = () => { retry = 500; ws.send(JSON.stringify({type: "hello", room, role: role === "team" ? "team" : role, token})); };
    ws.onmessage = (m) => {
      const f = JSON.parse(m.data);
      if (f.type === "welcome") { texts = f.texts; myFaction = f.faction; setStatus("connected"); }
      else if (f.type === "state") {
        log = f.full ? f.log : log.concat(f.log);
        if (log.length > 400) log = log.slice(-400);
        last = f; render(f);
      } else if (f.type === "error") { showError(f.message); }
      else if (f.type === "link") { showLink(f.faction, f.token); }
    };
    ws.onclose = () => { setStatus("offline"); setTimeout(connect, retry); retry = Math.min(retry * 2, 8000); };
  }
  window.redlinesState = () => last;  // what the page holds (the frame it was sent), for tests and agents
  const send = (frame) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame)); };
  const act = (id) => send({type: "act", version: last.version, action: id});
  const control = (op, extra) => send(Object.assign({type: "control", version: last.version, op}, extra || {}));
  function showError(msg) { const e = $("ferror") || $("decision"); if (e) { const p = el("p", {class: "error", role: "alert"}, msg); e.prepend(p); setTimeout(() => p.remove(), 6000); } }

  // ------------------------------------------------------------ rendering
  function render(f) {
    const v = f.view, st = f.room;
    if (role === "team") renderTeam(f); else renderTurn(f);
    renderTable(v);
    const ol = $("log"); ol.replaceChildren();
    for (const it of log.slice(-150).reverse()) {
      ol.append(el("li", {class: it.ai ? "ai" : ""}, tx(it), it.reason ? el("span", {class: "reason"}, " — " + it.reason) : null));
    }
    if (role === "facilitator") renderFacilitator(f);
  }
  function whoseTurn(st) {
    if (st.over) return t("over");
    if (!st.started) return t("lobby");
    if (st.paused) return t("paused");
    return t("waiting", {f: fname(st.decider), k: t(st.decision)});
  }
  function renderTurn(f) {
    $("turn").textContent = t("round", {r: f.view.round, n: f.view.rounds}) + " · " + whoseTurn(f.room);
    const c = f.room.clock;
    $("clock").textContent = c ? t("clock", {s: Math.ceil(c.left)}) + (c.running ? "" : " (" + t("paused") + ")") : "";
    if (c && c.running) startTick(c.left);
  }
  let tick = null;
  function startTick(left) {
    clearInterval(tick); const end = Date.now() + left * 1000;
    tick = setInterval(() => { const s = Math.max(0, Math.ceil((end - Date.now()) / 1000)); const e = $("clock"); if (e) e.textContent = t("clock", {s}); if (!s) clearInterval(tick); }, 500);
  }
  function renderTable(v) {
    const box = $("table"); if (!box) return; box.replaceChildren();
    const tracks = el("div", {class: "tracks"});
    for (const [k, val] of Object.entries(v.tracks)) tracks.append(el("div", {class: "track"}, el("b", {}, tx(texts.tracks[k]) + " "), String(val)));
    box.append(tracks);
    const grid = el("div", {class: "factions"});
    for (const fa of v.factions) {
      const res = Object.entries(fa.resources).map(([r, n]) => `${rname(r)} ${n}`).join(" · ");
      const card = el("div", {class: "faction" + (v.decider === fa.id ? " deciding" : ""), "data-faction": fa.id},
        el("h3", {style: "border-color:" + texts.factions[fa.id].color}, fname(fa.id)),
        el("div", {class: "res"}, res), el("div", {class: "small"}, `${fa.hand_size} ${t("hand_size")}`));
      grid.append(card);
    }
    box.append(grid);
    if (v.over && v.scores) {   // the end: every score, best first (secret objectives are revealed now)
      const ranked = Object.values(v.scores).sort((a, b) => b.total - a.total);
      box.append(el("h3", {}, t("scores")), el("ol", {class: "scores"}, ...ranked.map((sc) => el("li", {}, `${fname(sc.faction)} ${sc.total.toFixed(1)}`))));
    }
  }
  function renderTeam(f) {
    const v = f.view, st = f.room, legal = f.legal;
    const d = $("decision"); d.replaceChildren();
    const mine = legal.length > 0;
    d.append(el("h2", {}, mine ? t("your_turn") + " — " + t(v.decision) : whoseTurn(st)));
    if (st.clock && v.decider === myFaction) { d.append(el("div", {id: "clock", class: "clock"})); startTick(st.clock.left); }
    const row = el("div", {class: "choices"});
    if (mine && (v.decision === "response" || v.decision === "choice") && v.pending) {
      const what = v.pending.card ? cname(v.pending.card) : v.pending.event ? tx(texts.events[v.pending.event].name) : "";
      d.append(el("p", {}, what + (v.pending.from ? " — " + fname(v.pending.from) : "")));
    }
    if (mine && v.decision === "proposal" && v.pending) {
      const p = v.proposals.find((x) => x.id === v.pending.proposal);
      if (p) d.append(el("p", {class: "proposal"}, t("proposal_from", {f: fname(p.from)}) + ": " + p.terms.map(termText).join("; ")));
    }
    for (const id of legal) {
      if (id.startsWith("answer:")) row.append(el("button", {type: "button", class: "answer", "data-action": id, onclick: () => act(id)}, optname(id.slice(7))));
      else if (id === "pass") row.append(el("button", {type: "button", class: "pass", "data-action": id, onclick: () => act(id)}, t("pass")));
    }
    d.append(row);
    // hand
    const hand = $("hand"); hand.replaceChildren();
    for (const c of v.hand) {
      const info = texts.cards[c] || {};
      const plays = legal.filter((x) => x === "play:" + c || x.startsWith("play:" + c + ":"));
      const btns = plays.map((id) => { const tg = id.split(":")[2]; return el("button", {type: "button", class: "play", "data-action": id, onclick: () => act(id)}, t("play") + (tg ? " " + t("on") + " " + fname(tg) : "")); });
      hand.append(el("div", {class: "card", "data-card": c}, el("h3", {}, cname(c)), el("div", {class: "small"}, `${t("cost")} ${info.cost ?? ""} · ${(info.tags || []).join(", ")}`),
        el("p", {}, tx(info.text)), el("div", {class: "choices"}, ...btns)));
    }
    renderComposer(v, legal);
    const me = v.factions.find((x) => x.id === myFaction);
    $("me").replaceChildren(el("h3", {}, fname(myFaction)), el("div", {}, Object.entries(me.resources).map(([r, n]) => `${rname(r)} ${n}`).join(" · ")),
      el("div", {class: "small"}, t("trust") + ": " + Object.entries(me.trust).map(([o, n]) => `${fname(o)} ${n}`).join(" · ")));
    const objs = $("objectives"); objs.replaceChildren();
    for (const o of v.objectives) { const x = (texts.secret_objectives || {})[o] || (texts.objectives || {})[o]; objs.append(el("li", {}, x ? tx(x.name) + ": " + tx(x.text) : o)); }
    const pr = $("promises"); pr.replaceChildren();
    for (const c of v.commitments) pr.append(el("li", {}, `${fname(c.by)} → ${fname(c.toward)}: ${c.tag} (${c.rounds})`));
    if (!v.commitments.length) pr.append(el("li", {}, t("none")));
    const op = $("proposals"); op.replaceChildren();
    for (const p of v.proposals) op.append(el("li", {}, `${fname(p.from)} → ${p.to.map(fname).join(", ")}: ${p.terms.map(termText).join("; ")}`));
    if (!v.proposals.length) op.append(el("li", {}, t("none")));
  }
  function termText(x) {
    if (x.kind === "give") return `${fname(x.a)} ${t("give")} ${x.amount} ${rname(x.what)} → ${fname(x.b)}`;
    if (x.kind === "promise") return `${fname(x.a)} ${t("promise")} ${x.what} → ${fname(x.b)}`;
    if (x.kind === "join") return `${fname(x.a)} ${t("join_c")} ${tx((texts.coalitions || {})[x.what]) || x.what}`;
    return x.kind;
  }
  function renderComposer(v, legal) {
    const box = $("composer"); box.replaceChildren();
    const menu = legal.filter((x) => x.startsWith("propose:"));
    if (!menu.length) return;
    const sel = el("select", {id: "menu"});
    for (const id of menu.slice(0, 200)) { const p = JSON.parse(id.slice(8)); sel.append(el("option", {value: id}, p.recipients.map(fname).join(", ") + ": " + p.terms.map(termText).join("; "))); }
    box.append(el("label", {}, t("suggested") + " ", sel), el("button", {type: "button", id: "sendmenu", onclick: () => act(sel.value)}, t("send")));
    // a custom bundle: recipients and terms of the player's choosing; the server's engine judges it
    const others = v.factions.map((x) => x.id).filter((x) => x !== myFaction);
    const onlyTo = v.decision === "counter" && v.pending ? [v.pending.from] : others;
    const to = el("select", {id: "to"}); for (const o of onlyTo) to.append(el("option", {value: o}, fname(o)));
    const kind = el("select", {id: "tkind"}); for (const k of ["promise", "give"]) kind.append(el("option", {value: k}, t(k)));
    const who = el("select", {id: "ta"}); const what = el("select", {id: "twhat"}); const amount = el("input", {id: "tamount", type: "number", min: "1", max: String(texts.max_amount), value: "1"});
    const fill = () => {
      who.replaceChildren(el("option", {value: myFaction}, fname(myFaction)), el("option", {value: to.value}, fname(to.value)));
      what.replaceChildren(...(kind.value === "give" ? texts.tradeable.map((r) => el("option", {value: r}, rname(r))) : texts.promise_tags.map((g) => el("option", {value: g}, g))));
      amount.hidden = kind.value !== "give";
    };
    kind.addEventListener("change", fill); to.addEventListener("change", fill); fill();
    const send = el("button", {type: "button", id: "sendcustom", onclick: () => {
      const a = who.value, b = a === myFaction ? to.value : myFaction;
      const term = {kind: kind.value, a, what: what.value, b};
      if (kind.value === "give") term.amount = parseInt(amount.value || "1", 10);
      act("propose:" + canonical({recipients: [to.value], terms: [term]}));
    }}, t("send"));
    box.append(el("div", {class: "custom"}, el("label", {}, t("to") + " ", to), who, kind, what, amount, send));
  }
  function canonical(x) {   // the same canonical JSON the server's ids use: sorted keys, no spaces
    if (Array.isArray(x)) return "[" + x.map(canonical).join(",") + "]";
    if (x && typeof x === "object") return "{" + Object.keys(x).sort().map((k) => JSON.stringify(k) + ":" + canonical(x[k])).join(",") + "}";
    return JSON.stringify(x);
  }
  function renderFacilitator(f) {
    const st = f.room, ex = f.extra;
    const c = $("controls"); c.replaceChildren();
    const b = (label, fn, id) => el("button", {type: "button", id, onclick: fn}, t(label));
    if (!st.started) c.append(b("start", () => control("start"), "start"));
    else if (st.paused) c.append(b("resume", () => control("resume"), "resume"));
    else if (!st.over) c.append(b("pause", () => control("pause"), "pause"));
    if (ex.can_end_round) c.append(b("end_round", () => control("end_round"), "endround"));
    if (ex.injectable && ex.injectable.length) {
      const sel = el("select", {id: "crisis"}); for (const e of ex.injectable) sel.append(el("option", {value: e}, tx(texts.events[e].name)));
      c.append(el("span", {class: "group"}, sel, b("inject", () => control("inject", {event: sel.value}), "inject")));
    }
    const secs = el("input", {id: "secs", type: "number", min: "0", max: "3600", value: String(st.time_limit)});
    c.append(el("span", {class: "group"}, el("label", {}, t("time_limit") + " ", secs), b("set", () => control("time_limit", {seconds: parseInt(secs.value || "0", 10)}), "setclock")));
    const lv = el("select", {id: "level"}); for (const x of ex.levels) { const o = el("option", {value: x}, x); if (x === st.level) o.selected = true; lv.append(o); }
    c.append(el("span", {class: "group"}, el("label", {}, t("level") + " ", lv), b("set", () => control("ai_level", {level: lv.value}), "setlevel")));
    c.append(b("save", () => download("save"), "save"), b("debrief", () => download("debrief"), "debrief"));
    const list = $("seatlist"); list.replaceChildren();
    for (const s of st.seats) {
      const row = el("div", {class: "seatrow", "data-faction": s.faction}, el("b", {}, fname(s.faction)), " ",
        s.team ? `${s.team} · ${s.connected ? t("connected_n") : t("offline_n")}` : t("free"), " · ", s.controller === "ai" ? t("ai") : t("teamc"), " ");
      if (s.controller === "team") row.append(b("to_ai", () => control("seat_ai", {faction: s.faction})));
      else if (s.team) row.append(b("to_team", () => control("seat_team", {faction: s.faction})));
      if (s.team) row.append(b("reissue", () => control("reissue", {faction: s.faction})));
      list.append(row);
    }
    list.append(el("div", {class: "small"}, `${t("projectors")}: ${st.projectors}`));
  }
  function showLink(faction, tok) {
    const url = `${location.origin}/play/${room}#t=${tok}`;
    $("links").append(el("p", {}, t("link", {f: fname(faction)}) + ": ", el("a", {href: url, target: "_blank"}, url)));
  }
  async function download(what) {
    const r = await fetch(`/api/rooms/${room}/${what}`, {headers: {authorization: "Bearer " + token}});
    const blob = await r.blob(); const url = URL.createObjectURL(blob);
    if (what === "debrief") { window.open(url, "_blank"); return; }
    const a = el("a", {href: url, download: `room-${room}.json`}); document.body.append(a); a.click(); a.remove();
  }
  applyLang(); connect();
})();
