"""One faction's panel on the table: name, colour, resources, trust toward the viewer,
coalitions, promises, and (on the viewer's own panel only) how many of its objectives are met."""
from __future__ import annotations

import pygame

from game.engine import aims, bits
from game.rules.schema import text_of
from game.ui import art, i18n
from game.ui.theme import colour, hex_colour


def draw_panel(surf, rect: pygame.Rect, scene, f: int, *, deciding: bool, lit: bool) -> None:
    app, m, text = scene.app, scene.m, scene.app.text
    lang = app.lang
    match = scene.match
    st = match.state
    g = st.game
    rs = g.ruleset
    fac = rs.factions[f]
    fid = fac.id
    col = hex_colour(fac.color)
    pygame.draw.rect(surf, colour("panel_hi") if lit else colour("panel"), rect, border_radius=m.px(10))
    pygame.draw.rect(surf, col, (rect.x, rect.y, m.px(8), rect.h), border_top_left_radius=m.px(10),
                     border_bottom_left_radius=m.px(10))
    if deciding or lit:
        pygame.draw.rect(surf, colour("accent"), rect, max(2, m.px(3)), border_radius=m.px(10))
    x = rect.x + m.px(8) + m.pad
    w = rect.right - m.pad - x
    y = rect.y + m.pad // 2
    name = text_of(fac.name, lang)
    es = text.line_h(m.base)
    surf.blit(art.emblem(fid, fac.color, art.initials(name), es, text), (x, y))
    seat = match.session.seats.get(fid, "")
    who = match.teams.get(fid) or (app.t("seat_human") if seat == "human"
                                    else app.t("seat_ai", level=app.t("level_" + seat.split(":")[-1])))
    name_w = min(text.width(name, m.base, True), w - es - m.pad // 2)
    room = w - es - m.pad // 2 - name_w - m.pad
    if room >= text.width("AI…", m.small):
        text.draw(surf, who, m.small, colour("ink_dim"), (rect.right - m.pad, y + (es - text.line_h(m.small)) // 2),
                  anchor="topright", width=room)
    text.draw(surf, name, m.base, colour("ink"), (x + es + m.pad // 2, y), bold=True, width=name_w)
    y += es + m.pad // 4
    bottom = rect.bottom - m.pad // 3
    nres = (len(rs.resources) + 1) // 2
    size = m.base if (bottom - y) >= (nres + 4) * text.line_h(m.base) else m.small
    lh = text.line_h(size)
    # resources in two columns
    res = [(text_of(r.name, lang), st.res[f][i]) for i, r in enumerate(rs.resources)]
    # each column as wide as its longest name needs ("Domestic Support" beside "Economy"), the
    # spare width shared; equal halves when even that does not fit
    vw_max = text.width("88", size, True)
    need = [max((text.width(n, size) for n, _ in res[j::2]), default=0) + vw_max + m.pad // 2 for j in (0, 1)]
    spare = w - m.pad - sum(need)
    widths = [n + spare // 2 for n in need] if spare >= 0 else [(w - m.pad) // 2] * 2
    for i in range(0, len(res), 2):
        if y + lh > bottom:
            return
        cx = x
        for j, (rname, v) in enumerate(res[i:i + 2]):
            vs = str(v)
            vw = text.width(vs, size, True)
            text.draw(surf, rname, size, colour("ink_dim"), (cx, y), width=widths[j] - vw - m.pad // 2)
            text.draw(surf, vs, size, colour("ink"), (cx + widths[j], y), bold=True, anchor="topright")
            cx += widths[j] + m.pad
        y += lh
    lines: list[tuple[str, tuple]] = []
    viewer = match.viewer
    if viewer and viewer != fid and viewer in g.fidx:
        tv = st.trust[f * g.n + g.fidx[viewer]]
        tcol = colour("good") if tv > 0 else colour("danger") if tv < 0 else colour("ink_dim")
        lines.append((app.t("trust_you", v=f"{tv:+d}"), tcol))
    cos = [text_of(co.name, lang) for k, co in enumerate(g.coalitions) if bits.has(st.members[k], f)]
    if cos:
        lines.append((app.t("coalitions", v=app.t("list_sep").join(cos)), colour("rules")))
    names = match.names(lang)
    prom = [f"{app.t('fam_' + c.tag) if ('fam_' + c.tag) in i18n.STRINGS else c.tag}→{names.faction(g.factions[c.toward])} ({c.rounds})" for c in st.commitments if c.by == f]
    if prom:
        lines.append((app.t("commits", v=app.t("list_sep").join(prom)), colour("ink_dim")))
    if viewer == fid:  # what this seat plays for, from its own view; the whole list is one key away
        mine = aims(st, fid, lang)
        lines.append((app.t("aims_short", met=sum(a.met for a in mine), n=len(mine)), colour("accent")))
    # wrapped when every line fits the panel, else one line each, cut with an ellipsis
    wrapped = [(part, c) for s, c in lines for part in text.wrap(s, size, w)]
    if y + len(wrapped) * lh <= bottom:
        lines = wrapped
    for s, c in lines:
        if y + lh > bottom:
            return
        text.draw(surf, s, size, c, (x, y), width=w)
        y += lh
