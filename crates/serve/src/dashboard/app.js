// petrel dashboard: reads the JSON API of `petrel serve` and draws with plain DOM and SVG (no libraries, no
// network but this server). Everything from the database is put in the page as text, never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);
const form = $("filters");
let next = null; // cursor of the table's next page

function el(tag, attrs, text) {
  const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function status(message, error) {
  $("status").textContent = message;
  $("status").className = error ? "error" : "";
}

function filters() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) p.set(k, String(v).trim());
  return p;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: `${r.status} ${r.statusText}` }));
  if (!r.ok) throw new Error(body.error || `${r.status}`);
  return body;
}

// ---- timeline: stacked bars per day by QuadClass
function drawTimeline(rows) {
  const svg = $("timeline");
  svg.replaceChildren();
  const days = new Map();
  for (const [day, quad, n] of rows) {
    if (day === "-") continue;
    if (!days.has(day)) days.set(day, [0, 0, 0, 0]);
    days.get(day)[quad - 1] += n;
  }
  const keys = [...days.keys()].sort();
  const undated = rows.filter((r) => r[0] === "-").reduce((s, r) => s + r[2], 0);
  if (!keys.length) {
    svg.append(el("svg:text", { x: 10, y: 20 }, undated ? `${undated} undated events` : "no events"));
    return;
  }
  // every day from the first to the last, so that gaps show
  const first = Date.parse(keys[0]), last = Date.parse(keys[keys.length - 1]);
  const n = Math.round((last - first) / 864e5) + 1;
  const W = 1000, H = 140, bw = W / n;
  const max = Math.max(...[...days.values()].map((q) => q[0] + q[1] + q[2] + q[3]));
  svg.setAttribute("viewBox", `0 0 ${W} ${H + 16}`);
  svg.setAttribute("preserveAspectRatio", "none");
  for (const [day, q] of days) {
    const i = Math.round((Date.parse(day) - first) / 864e5);
    let y = H;
    q.forEach((count, k) => {
      if (!count) return;
      const h = (count / max) * (H - 4);
      y -= h;
      const r = el("svg:rect", { x: i * bw, y, width: Math.max(bw - 0.5, 0.5), height: h, class: `q${k + 1}` });
      r.append(el("svg:title", {}, `${day}: ${count} events of QuadClass ${k + 1}`));
      svg.append(r);
    });
  }
  svg.append(el("svg:text", { x: 0, y: H + 14, "font-size": 11 }, keys[0]));
  svg.append(el("svg:text", { x: W, y: H + 14, "font-size": 11, "text-anchor": "end" }, keys[keys.length - 1]));
  if (undated) svg.append(el("svg:text", { x: W / 2, y: H + 14, "font-size": 11, "text-anchor": "middle" }, `(+ ${undated} undated)`));
}

// ---- map: events with a place on longitude/latitude (equirectangular), over the countries of world-atlas
// (TopoJSON: quantized, delta-encoded arcs that rings refer to by index, ~i for an arc reversed)
function topoPaths(topo, name) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indexes) => {
    const points = [];
    for (const i of indexes) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return "M" + points.map(([x, y]) => `${x.toFixed(2)},${(-y).toFixed(2)}`).join("L") + "Z";
  };
  const polygon = (rings) => rings.map(ring).join("");
  return topo.objects[name].geometries.map((g) => ({
    name: (g.properties || {}).name || "",
    d: g.type === "Polygon" ? polygon(g.arcs) : g.type === "MultiPolygon" ? g.arcs.map(polygon).join("") : "",
  }));
}

let world = null; // the countries' outlines, fetched once
async function countries() {
  if (!world) world = api("/world.json").then((topo) => topoPaths(topo, "countries")).catch(() => []);
  return world;
}

async function drawMap(features) {
  const svg = $("map");
  const outlines = await countries();
  svg.replaceChildren();
  for (const c of outlines) {
    const path = el("svg:path", { d: c.d, class: "land" });
    path.append(el("svg:title", {}, c.name));
    svg.append(path);
  }
  for (let lon = -180; lon <= 180; lon += 30) svg.append(el("svg:line", { x1: lon, y1: -90, x2: lon, y2: 90, class: "grid" }));
  for (let lat = -90; lat <= 90; lat += 30) svg.append(el("svg:line", { x1: -180, y1: lat, x2: 180, y2: lat, class: "grid" }));
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const c = el("svg:circle", { cx: lon, cy: -lat, r: 1.5 + Math.min(p.num_mentions, 10) * 0.3, class: `q${p.quad_class}`, "fill-opacity": 0.7 });
    c.append(el("svg:title", {}, `${p.place}: ${p.source || "-"} ${p.cameo} ${p.target || "-"} (${p.date || "undated"})`));
    c.addEventListener("click", () => showEvent(p.id));
    svg.append(c);
  }
}

// ---- network: the most frequent actor pairs, actors on a circle
function drawNetwork(pairs) {
  const svg = $("network");
  svg.replaceChildren();
  const top = pairs.filter(([s, t]) => s !== "-" && t !== "-" && s !== t).slice(0, 30);
  const actors = [...new Set(top.flatMap(([s, t]) => [s, t]))];
  const pos = new Map(actors.map((a, i) => {
    const angle = (2 * Math.PI * i) / actors.length;
    return [a, [130 * Math.cos(angle), 130 * Math.sin(angle)]];
  }));
  const max = Math.max(1, ...top.map((p) => p[2]));
  for (const [s, t, n] of top) {
    const [x1, y1] = pos.get(s), [x2, y2] = pos.get(t);
    const line = el("svg:line", { x1, y1, x2, y2, "stroke-width": 0.5 + (4 * n) / max });
    line.append(el("svg:title", {}, `${s} → ${t}: ${n} events`));
    svg.append(line);
  }
  for (const [a, [x, y]] of pos) {
    const g = el("svg:g", { cursor: "pointer" });
    g.append(el("svg:circle", { cx: x, cy: y, r: 3 }));
    g.append(el("svg:text", { x, y: y - 5 }, a));
    g.addEventListener("click", () => { form.elements.actor.value = a; apply(); });
    svg.append(g);
  }
  if (!top.length) svg.append(el("svg:text", { x: 0, y: 0 }, "no actor pairs"));
}

// ---- the event table
function addRows(events) {
  const body = $("events").tBodies[0];
  for (const e of events) {
    const m = e.mentions[0] || {};
    const tr = el("tr", { "data-id": e.id });
    tr.append(
      el("td", {}, e.date || "-"),
      el("td", {}, e.source ? e.source.code : "-"),
      el("td", { class: `q${e.quad_class}` }, `${e.cameo} ${e.plover || ""}`),
      el("td", {}, e.target ? e.target.code : "-"),
      el("td", {}, e.place ? e.place.name : "-"),
      el("td", {}, String(e.num_mentions)),
      el("td", { class: "evidence" }, m.text || ""),
    );
    tr.addEventListener("click", () => showEvent(e.id, tr));
    body.append(tr);
  }
}

async function more() {
  const p = filters();
  p.set("limit", "50");
  p.set("mentions", "true");
  if (next) p.set("after", next);
  const page = await api(`/api/events?${p}`);
  addRows(page.events);
  next = page.next;
  $("more").hidden = !next;
}

// ---- the article view: the event's first mention in its document, spans highlighted
const PRIORITY = { trigger: 6, source: 5, target: 5, count: 4, date: 3, place: 2, other: 1 };

function highlighted(text, spans) {
  const chars = Array.from(text); // offsets are code points
  const kind = new Array(chars.length).fill(null);
  for (const [start, end, k] of spans) {
    for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
      if (!kind[i] || PRIORITY[k] > PRIORITY[kind[i]]) kind[i] = k;
    }
  }
  const out = document.createDocumentFragment();
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && kind[j] === kind[i]) j++;
    const piece = chars.slice(i, j).join("");
    out.append(kind[i] ? el("mark", { class: kind[i], title: kind[i] }, piece) : document.createTextNode(piece));
    i = j;
  }
  return out;
}

async function showEvent(id, row) {
  try {
    for (const r of document.querySelectorAll("tr.chosen")) r.classList.remove("chosen");
    if (row) row.classList.add("chosen");
    const e = await api(`/api/events/${id}`);
    const m = e.mentions[0];
    if (!m) return;
    const d = await api(`/api/documents/${m.document_id}`);
    const sentence = (d.layers.sentences || [])[m.sentence] || { start: 0, end: 0 };
    const inSentence = (x) => x.start >= sentence.start && x.end <= sentence.end;
    const spans = [];
    for (const other of d.mentions) {
      if (other.event !== e.id) spans.push([other.trigger.start, other.trigger.end, "other"]);
    }
    for (const x of d.mentions.filter((x) => x.event === e.id)) {
      spans.push([x.trigger.start, x.trigger.end, "trigger"]);
      if (x.source_span) spans.push([x.source_span[0], x.source_span[1], "source"]);
      if (x.target_span) spans.push([x.target_span[0], x.target_span[1], "target"]);
      for (const c of x.counts || []) spans.push([c.start, c.end, "count"]);
    }
    for (const x of (d.layers.dates || []).filter(inSentence)) spans.push([x.start, x.end, "date"]);
    for (const x of (d.layers.places || []).filter(inSentence)) {
      if (!e.place || x.geonameid === e.place.geonameid) spans.push([x.start, x.end, "place"]);
    }
    $("article-title").textContent = d.title || d.key;
    $("article-meta").textContent =
      `${d.outlet} · ${d.published || "undated"} · event ${e.id}: ${e.source ? e.source.name : "-"} ` +
      `${e.cameo} ${e.plover || ""} ${e.target ? e.target.name : "-"} · ${e.num_mentions} mention(s) · ${m.evidence}`;
    $("article-text").replaceChildren(highlighted(d.text, spans));
    $("article-box").hidden = false;
    $("article-box").scrollIntoView({ block: "start" });
  } catch (err) {
    status(err.message, true);
  }
}

// ---- loading everything for the filters
async function apply() {
  const p = filters();
  history.replaceState(null, "", p.toString() ? `#${p}` : "#");
  status("loading…");
  next = null;
  $("events").tBodies[0].replaceChildren();
  try {
    const geo = new URLSearchParams(p);
    geo.set("format", "geojson");
    geo.set("limit", "1000");
    const [stats, map] = await Promise.all([api(`/api/stats?${p}`), api(`/api/events?${geo}`), more()]);
    $("totals").textContent = `(${stats.events} events, ${stats.mentions} mentions)`;
    drawTimeline(stats.by_day_quad);
    drawNetwork(stats.by_actor_pair);
    await drawMap(map.features);
    status("");
  } catch (err) {
    status(err.message, true);
  }
}

form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
form.addEventListener("reset", () => setTimeout(apply, 0));
$("more").addEventListener("click", () => more().catch((err) => status(err.message, true)));
// filters from the address (#country=KAZ&cameo=14), and an event to open (#event=ID)
const asked = new URLSearchParams(location.hash.slice(1));
for (const [k, v] of asked) if (form.elements[k]) form.elements[k].value = v;
apply().then(() => { if (asked.get("event")) showEvent(asked.get("event")); });
