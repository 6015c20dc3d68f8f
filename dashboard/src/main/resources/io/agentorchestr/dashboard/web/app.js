// agentorchestr dashboard. Every text from the API is set with textContent (never as markup), and the
// page updates from server-sent events: nothing here polls.
'use strict';

const view = document.getElementById('view');
const conn = document.getElementById('conn');
const PAGE = 50;
const MAX_TAIL_CHARS = 200000;

let current = null;      // what is shown: {kind: 'sessions'} or {kind: 'session', id, worker}
let refreshTimer = null;
let outputStream = null;

/** An element with attributes, and children that are nodes or text. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path) {
  const r = await fetch(path, {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
  const body = await r.json().catch(() => ({error: 'not JSON (' + r.status + ')'}));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function duration(s) {
  if (s === null || s === undefined) return '';
  if (s < 60) return s + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
  return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function show(...nodes) {
  view.replaceChildren(...nodes.filter(n => n !== null && n !== undefined));
}

/** Puts {@code node} in place of the element with the same id (the rest of the page stays as it is). */
function replace(node) {
  const old = document.getElementById(node.id);
  if (old) old.replaceWith(node);
}

function failure(e) {
  show(el('p', {class: 'notice'}, 'Cannot load this view: ' + e.message));
}

// ---- sessions list ----

async function renderSessions(state) {
  const q = new URLSearchParams({limit: PAGE, offset: state.offset || 0});
  if (state.status) q.set('status', state.status);
  if (state.project) q.set('project', state.project);
  const page = await api('/api/sessions?' + q);
  if (current !== state) return;
  drawSessions(state, page);
}

/** The first page came with the page itself: drawn at once, before anything is fetched. */
function firstPage() {
  const block = document.getElementById('first-page');
  if (!block) return null;
  block.remove();  // only the very first view may use it: later ones fetch what is current
  try { return JSON.parse(block.textContent); } catch (e) { return null; }
}

function drawSessions(state, page) {
  const statusSelect = el('select', {id: 'status-filter', onchange: e => go({...state, status: e.target.value, offset: 0})},
    el('option', {value: ''}, 'any status'),
    ...['running', 'done', 'failed', 'paused', 'interrupted'].map(s => {
      const o = el('option', {value: s}, s);
      if (state.status === s) o.selected = true;
      return o;
    }));
  const project = el('input', {id: 'project-filter', placeholder: 'project path', value: state.project || ''});
  project.addEventListener('change', e => go({...state, project: e.target.value.trim(), offset: 0}));
  const rows = page.sessions.map(s => el('tr', {class: 'session-row', 'data-session': s.id,
      onclick: () => { location.hash = '#/s/' + s.id; }},
    el('td', {}, el('span', {class: 'status ' + s.status}, s.status)),
    el('td', {class: 'goal'}, s.goal),
    el('td', {}, s.project),
    el('td', {}, s.worker_counts.done + ' / ' + s.worker_counts.running + ' / ' + s.worker_counts.total),
    el('td', {}, when(s.created_at)),
    el('td', {}, duration(s.duration_s))));
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.sessions.length;
  show(
    el('h1', {}, 'Sessions'),
    el('div', {class: 'filters'}, statusSelect, project,
      el('span', {class: 'muted', id: 'page-info'}, from + '–' + to + ' of ' + page.total),
      el('button', {disabled: page.offset === 0 ? '' : null,
        onclick: () => go({...state, offset: Math.max(0, page.offset - PAGE)})}, '← newer'),
      el('button', {disabled: to >= page.total ? '' : null,
        onclick: () => go({...state, offset: page.offset + PAGE})}, 'older →')),
    page.sessions.length === 0 ? el('p', {class: 'muted'}, 'No sessions yet: run agentorchestr --goal "..."')
      : el('table', {id: 'sessions'}, el('thead', {}, el('tr', {},
          ...['status', 'goal', 'project', 'workers done / running / total', 'started', 'duration']
            .map(h => el('th', {}, h)))), el('tbody', {}, ...rows)));
}

// ---- one session ----

function facts(pairs) {
  const dl = el('dl', {class: 'facts'});
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    dl.append(el('dt', {}, k), el('dd', {}, v));
  }
  return dl;
}

/** How many messages a worker sent and received, for its card. */
function mailOf(w, messages) {
  const sent = messages.filter(m => m.from === w.worker_id).length;
  const got = messages.filter(m => m.recipients.some(r => r.id === w.worker_id)).length;
  return sent + got === 0 ? null : 'messages: ' + sent + ' sent, ' + got + ' received';
}

function messageLine(m) {
  const to = m.recipients.map(r => r.id).join(', ');
  return el('li', {'data-seq': m.seq, 'data-type': m.type, 'data-from': m.from},
    el('span', {class: 'event-head'}, new Date(m.created_at).toLocaleTimeString() + ' #' + m.seq + ' ' + m.from
      + ' → ' + (m.to === to ? to : m.to + ' (' + to + ')') + ' · ' + m.type + (m.priority === 'high' ? ' · high' : '')
      + (m.thread_id !== m.id ? ' · thread ' + m.thread_id : '')), ' ',
    el('span', {class: 'event-text'}, m.body));
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** The plan as a graph: a column per depth (a task stands right of what it waits for), edges for dependencies. */
function planGraph(plan) {
  if (!plan || plan.tasks.length === 0) return el('p', {class: 'muted', id: 'plan'}, 'No plan: the lead spawns workers itself.');
  const byId = new Map(plan.tasks.map(t => [t.id, t]));
  const depth = new Map();
  const depthOf = (t, seen = new Set()) => {
    if (depth.has(t.id)) return depth.get(t.id);
    if (seen.has(t.id)) return 0;
    seen.add(t.id);
    const d = t.depends_on.length === 0 ? 0 : 1 + Math.max(...t.depends_on.map(x => byId.has(x) ? depthOf(byId.get(x), seen) : 0));
    depth.set(t.id, d);
    return d;
  };
  plan.tasks.forEach(t => depthOf(t));
  const W = 170, H = 46, GX = 60, GY = 18;
  const rows = new Map();
  const pos = new Map();
  for (const t of plan.tasks) {
    const d = depth.get(t.id);
    const r = rows.get(d) || 0;
    rows.set(d, r + 1);
    pos.set(t.id, {x: 10 + d * (W + GX), y: 10 + r * (H + GY)});
  }
  const width = 20 + (Math.max(...depth.values()) + 1) * (W + GX);
  const height = 20 + Math.max(...rows.values()) * (H + GY);
  const graph = svg('svg', {id: 'plan', class: 'plan', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-label': 'plan: ' + plan.tasks.map(t => t.id + ' ' + t.state).join(', ')});
  for (const t of plan.tasks) {
    for (const dep of t.depends_on) {
      if (!pos.has(dep)) continue;
      const a = pos.get(dep), b = pos.get(t.id);
      graph.append(svg('line', {class: 'edge', 'data-from': dep, 'data-to': t.id, x1: a.x + W, y1: a.y + H / 2,
        x2: b.x, y2: b.y + H / 2}));
    }
  }
  for (const t of plan.tasks) {
    const p = pos.get(t.id);
    const label = t.task.length > 21 ? t.task.slice(0, 20) + '…' : t.task;
    graph.append(svg('g', {class: 'task ' + t.state, 'data-task': t.id, 'data-state': t.state},
      svg('title', {}, t.id + ': ' + t.task + (t.reason ? ' — ' + t.reason : '')),
      svg('rect', {x: p.x, y: p.y, width: W, height: H, rx: 6}),
      svg('text', {x: p.x + 8, y: p.y + 18}, t.id + ' · ' + t.state + (t.worker_id ? ' · ' + t.worker_id : '')),
      svg('text', {x: p.x + 8, y: p.y + 36, class: 'sub'}, label)));
  }
  return graph;
}

const LINE_COLOURS = ['#60a5fa', '#4ade80', '#f472b6', '#facc15', '#a78bfa', '#fb923c', '#2dd4bf', '#f87171'];

/**
 * Spending over time: a line per agent (workers and the lead) of its USD so far, or of its tokens when
 * some agent's model has no price, from the totals recorded while the session ran.
 */
function costChart(usage) {
  const agents = Object.entries((usage && usage.series) || {});
  if (agents.length === 0) {
    return el('p', {class: 'muted', id: 'cost'}, 'No spending recorded: the agents\' records are read while a session '
      + 'runs (the demo agent keeps none).');
  }
  const priced = agents.every(([, points]) => points.every(p => p.usd !== null));
  const value = p => priced ? p.usd : p.tokens;
  const points = agents.flatMap(([, ps]) => ps);
  const t0 = Math.min(...points.map(p => Date.parse(p.at)));
  const t1 = Math.max(t0 + 1000, ...points.map(p => Date.parse(p.at)));
  const top = Math.max(...points.map(value)) || 1;
  const W = 560, H = 180, L = 70, R = 90, T = 10, B = 24;
  const x = t => L + (Date.parse(t) - t0) / (t1 - t0) * (W - L - R);
  const y = v => T + (1 - v / top) * (H - T - B);
  const label = v => priced ? 'USD ' + v.toFixed(4) : v + ' tokens';
  const chart = svg('svg', {id: 'cost', class: 'cost', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'data-unit': priced ? 'usd' : 'tokens', 'aria-label': 'spending: ' + agents.map(([who, ps]) => who + ' '
        + label(value(ps[ps.length - 1]))).join(', ')},
    svg('line', {class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B}),
    svg('line', {class: 'axis', x1: L, y1: T, x2: L, y2: H - B}),
    svg('text', {class: 'tick', x: L - 6, y: T + 10, 'text-anchor': 'end'}, priced ? top.toFixed(4) : String(top)),
    svg('text', {class: 'tick', x: L - 6, y: H - B, 'text-anchor': 'end'}, '0'),
    svg('text', {class: 'tick', x: L, y: H - 6}, new Date(t0).toLocaleTimeString()),
    svg('text', {class: 'tick', x: W - R, y: H - 6, 'text-anchor': 'end'}, new Date(t1).toLocaleTimeString()));
  agents.forEach(([who, ps], i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length];
    // A step line: a total holds until the next record says it grew, and up to the last record of all.
    const d = ps.map((p, j) => (j === 0 ? 'M' + x(p.at).toFixed(1) + ' ' : 'H' + x(p.at).toFixed(1) + ' V')
      + y(value(p)).toFixed(1)).join(' ') + ' H' + (W - R);
    const last = ps[ps.length - 1];
    chart.append(svg('g', {class: 'agent', 'data-agent': who},
      svg('title', {}, who + ': ' + label(value(last))),
      svg('path', {d, stroke: colour}),
      ...ps.map(p => svg('circle', {cx: x(p.at).toFixed(1), cy: y(value(p)).toFixed(1), r: 2.5, fill: colour})),
      svg('text', {x: W - R + 6, y: y(value(last)) + 4, fill: colour}, who)));
  });
  return chart;
}

function messageList(messages) {
  return messages.length === 0 ? el('p', {class: 'muted', id: 'messages'}, 'No messages between agents yet.')
    : el('ul', {class: 'events', id: 'messages'}, ...messages.map(messageLine));
}

function workerCard(w, state) {
  return el('div', {class: 'card' + (state.worker === w.worker_id ? ' selected' : ''), 'data-worker': w.worker_id,
      'data-state': w.state, onclick: () => { location.hash = '#/s/' + state.id + '/w/' + w.worker_id; }},
    el('div', {class: 'head'}, el('span', {}, w.worker_id + ' · ' + w.perspective),
      el('span', {class: 'state ' + w.state}, w.state + (w.merged ? ' · merged' : ''))),
    el('p', {}, w.agent + ' · attempt ' + w.attempt + ' · ' + w.branch),
    el('p', {class: 'task'}, w.task),
    w.skills && w.skills.length ? el('p', {class: 'skills'}, 'skills: ' + w.skills.join(', ')) : null,
    w.last_progress ? el('p', {class: 'progress'}, 'progress: ' + w.last_progress) : null,
    w.summary ? el('p', {class: 'summary'}, 'summary: ' + w.summary) : null,
    mailOf(w, state.messages || []) ? el('p', {class: 'mail'}, mailOf(w, state.messages)) : null,
    el('p', {class: 'usage'}, usageOf(w.usage)));
}

/** A worker's tokens and cost as its agent's records give them, or why they are unknown. */
function usageOf(u) {
  if (!u || !u.known) return 'tokens: unknown';
  return 'tokens: ' + u.input_tokens + ' in, ' + (u.cache_write_tokens + u.cache_read_tokens) + ' cached, '
    + u.output_tokens + ' out · ' + (u.usd === null || u.usd === undefined ? 'price unknown' : 'USD ' + u.usd.toFixed(4));
}

/** JSON text inside a value (a tool's arguments and result are stored as text), parsed; else null. */
function jsonIn(text) {
  const t = text.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return null;
  try { return JSON.parse(t); } catch (e) { return null; }
}

/** An event's data as "key value · key (nested value)": readable, with raw JSON on demand. */
function readable(data) {
  if (data === null || data === undefined) return '';
  if (typeof data === 'string') {
    const parsed = jsonIn(data);
    return parsed === null ? data : readable(parsed);
  }
  if (Array.isArray(data)) return data.map(readable).join(', ');
  if (typeof data !== 'object') return String(data);
  return Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => {
      const nested = typeof v === 'object' || (typeof v === 'string' && jsonIn(v) !== null);
      return k.replace(/_/g, ' ') + ' ' + (nested ? '(' + readable(v) + ')' : readable(v));
    }).join(' · ');
}

function eventLine(e) {
  const raw = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
  let data = e.data;
  if (typeof data === 'string') { try { data = JSON.parse(data); } catch (x) { /* plain text */ } }
  const cut = t => t.length > 400 ? t.slice(0, 400) + '…' : t;
  const head = new Date(e.at).toLocaleTimeString() + ' ' + e.kind + (e.worker ? ' ' + e.worker : '');
  return el('li', {'data-seq': e.seq, 'data-kind': e.kind, 'data-worker': e.worker || ''},
    el('span', {class: 'event-head'}, head), ' ',
    el('span', {class: 'event-text'}, cut(readable(data))), ' ',
    el('code', {class: 'event-raw'}, '#' + e.seq + ' ' + cut(raw)));
}

function sessionFacts(s) {
  const verify = s.verify ? (s.verify.passed ? 'passed' : 'failed') + (s.verify.summary ? ': ' + s.verify.summary : '') : 'not run';
  const mark = s.goal_marked ? s.goal_marked.status + ': ' + s.goal_marked.summary : null;
  const dl = facts([['session', s.id], ['status', el('span', {class: 'status ' + s.status, id: 'session-status'}, s.status)],
    ['project', s.project], ['lead', (s.lead.agent || 'none') + ' · ' + s.lead.state + ' · launches ' + s.lead.launches],
    ['integration branch', s.integration_branch], ['verify', verify], ['goal', mark], ['summary', s.summary],
    ['started', when(s.created_at)], ['duration', duration(s.duration_s)], ['watch in tmux', s.tmux]]);
  dl.id = 'facts';
  return dl;
}

function workersHeading(s) {
  return el('h2', {id: 'workers-heading'}, 'Workers (' + s.worker_counts.done + ' done, ' + s.worker_counts.running + ' running, '
    + s.worker_counts.total + ' in all)');
}

function workerCards(workers, state) {
  return workers.length === 0 ? el('p', {class: 'muted', id: 'workers'}, 'No workers yet.')
    : el('div', {class: 'cards', id: 'workers'}, ...workers.map(w => workerCard(w, state)));
}

function progressList(s) {
  return s.progress.length === 0 ? el('p', {class: 'muted', id: 'progress'}, 'No progress reports yet.')
    : el('ul', {class: 'events', id: 'progress'}, ...s.progress.map(p => el('li', {},
        new Date(p.at).toLocaleTimeString() + ' ' + p.from + ': ' + p.message)));
}

async function renderSession(state) {
  const [s, workers, events, mail, plan, usage] = await Promise.all([api('/api/sessions/' + state.id),
    api('/api/sessions/' + state.id + '/workers'), api('/api/sessions/' + state.id + '/events?limit=1000'),
    api('/api/sessions/' + state.id + '/messages?limit=1000'), api('/api/sessions/' + state.id + '/plan'),
    api('/api/sessions/' + state.id + '/usage')]);
  if (current !== state) return;
  state.messages = mail.messages;
  state.plan = plan;
  state.usage = usage;
  state.lastSeq = events.last;
  state.workerIds = workers.map(w => w.worker_id).join(',');
  const kinds = [...new Set(events.events.map(e => e.kind))].sort();
  const workerFilter = el('select', {id: 'event-worker', onchange: () => filterEvents()},
    el('option', {value: ''}, 'every worker'), ...workers.map(w => el('option', {value: w.worker_id}, w.worker_id)));
  const kindFilter = el('select', {id: 'event-kind', onchange: () => filterEvents()},
    el('option', {value: ''}, 'every kind'), ...kinds.map(k => el('option', {value: k}, k)));
  const log = el('ul', {class: 'events', id: 'events'}, ...events.events.map(eventLine));
  const selected = workers.find(w => w.worker_id === state.worker);
  show(
    el('p', {}, el('a', {href: '#/'}, '← sessions')),
    el('h1', {id: 'goal'}, s.goal),
    sessionFacts(s),
    workersHeading(s),
    workerCards(workers, state),
    selected ? workerPanel(state, selected) : null,
    el('h2', {}, 'Spending'),
    costChart(state.usage),
    el('h2', {}, 'Plan'),
    planGraph(state.plan),
    el('h2', {}, 'Progress'),
    progressList(s),
    el('h2', {}, 'Messages'),
    messageList(state.messages),
    el('h2', {}, 'Event log'),
    el('div', {class: 'filters'}, workerFilter, kindFilter,
      el('label', {}, el('input', {type: 'checkbox', id: 'event-raw', onchange: e => {
        log.classList.toggle('raw', e.target.checked);
      }}), ' raw JSON')),
    log);
  filterEvents();
  if (selected) followOutput(state, selected);
}

function filterEvents() {
  const w = (document.getElementById('event-worker') || {}).value || '';
  const k = (document.getElementById('event-kind') || {}).value || '';
  for (const li of document.querySelectorAll('#events li')) {
    li.hidden = (w && li.dataset.worker !== w) || (k && li.dataset.kind !== k);
  }
}

function workerPanel(state, w) {
  const diff = el('pre', {id: 'diff', class: 'muted'}, 'Press “show diff”.');
  return el('section', {},
    el('h2', {}, 'Worker ' + w.worker_id),
    el('div', {class: 'split'},
      el('div', {}, el('h2', {}, 'Pane output (live)'), el('pre', {id: 'tail'}, '')),
      el('div', {}, el('h2', {}, 'Diff ', el('button', {id: 'show-diff', onclick: async () => {
        try {
          const d = await api('/api/sessions/' + state.id + '/workers/' + w.worker_id + '/diff');
          diff.className = '';
          diff.textContent = d.error ? d.error : (d.diff || '(no changes on ' + d.branch + ')');
        } catch (e) { diff.textContent = e.message; }
      }}, 'show diff')), diff)));
}

async function followOutput(state, w) {
  stopOutput();
  const tail = document.getElementById('tail');
  const base = '/api/sessions/' + state.id + '/workers/' + w.worker_id + '/output';
  const first = await api(base + '?tail=200');
  if (current !== state) return;
  tail.textContent = first.text + (first.text ? '\n' : '');
  outputStream = new EventSource(base + '/stream?from=' + first.offset);
  outputStream.addEventListener('output', m => {
    const chunk = JSON.parse(m.data);
    let text = tail.textContent + chunk.text;
    if (text.length > MAX_TAIL_CHARS) text = text.slice(text.length - MAX_TAIL_CHARS);
    const atBottom = tail.scrollTop + tail.clientHeight >= tail.scrollHeight - 4;
    tail.textContent = text;
    if (atBottom) tail.scrollTop = tail.scrollHeight;
  });
}

function stopOutput() {
  if (outputStream) { outputStream.close(); outputStream = null; }
}

// ---- live updates ----

function onEvent(e) {
  if (!current) return;
  if (current.kind === 'session' && e.session === current.id) {
    const log = document.getElementById('events');
    if (log && e.seq > (current.lastSeq || 0)) {
      current.lastSeq = e.seq;
      const line = eventLine(e);
      log.append(line);
      filterEvents();
    }
  }
  if (current.kind === 'sessions' || e.session === current.id) scheduleRefresh();
}

/** Many events in a burst make one refresh of what they changed. */
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 50);
}

async function refresh() {
  const state = current;
  try {
    if (state.kind === 'sessions') await renderSessions(state);
    else await refreshSession(state);
  } catch (e) { /* the next event tries again */ }
}

/** Replaces the session's facts, worker cards, spending, plan, progress and messages; the event log, the tail and the diff stay as they are. */
async function refreshSession(state) {
  const [s, workers, mail, plan, usage] = await Promise.all([api('/api/sessions/' + state.id),
    api('/api/sessions/' + state.id + '/workers'), api('/api/sessions/' + state.id + '/messages?limit=1000'),
    api('/api/sessions/' + state.id + '/plan'), api('/api/sessions/' + state.id + '/usage')]);
  if (current !== state) return;
  state.messages = mail.messages;
  state.plan = plan;
  state.usage = usage;
  if (workers.map(w => w.worker_id).join(',') !== state.workerIds) {
    await renderSession(state);  // new workers: the filters and the panel change too
    return;
  }
  replace(sessionFacts(s));
  replace(workersHeading(s));
  replace(workerCards(workers, state));
  replace(progressList(s));
  replace(messageList(state.messages));
  replace(planGraph(state.plan));
  replace(costChart(state.usage));
}

function connect() {
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => { conn.textContent = 'live'; conn.className = 'conn live'; });
  source.addEventListener('ready', () => { conn.textContent = 'live'; conn.className = 'conn live'; });
  source.addEventListener('event', m => onEvent(JSON.parse(m.data)));
  source.addEventListener('error', () => {
    conn.textContent = 'connection lost: reconnecting…';
    conn.className = 'conn lost';
  });
}

// ---- routing ----

function parse(hash) {
  const m = /^#\/s\/([^/]+)(?:\/w\/([^/]+))?$/.exec(hash);
  return m ? {kind: 'session', id: decodeURIComponent(m[1]), worker: m[2] ? decodeURIComponent(m[2]) : null}
    : {kind: 'sessions', offset: 0};
}

function go(state) {
  current = state;
  stopOutput();
  const first = firstPage();
  if (first && state.kind === 'sessions' && !state.offset && !state.status && !state.project) {
    drawSessions(state, first);
    return;
  }
  const render = state.kind === 'sessions' ? renderSessions : renderSession;
  render(state).catch(failure);
}

window.addEventListener('hashchange', () => go(parse(location.hash)));
connect();
go(parse(location.hash));
