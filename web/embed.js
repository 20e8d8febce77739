// Ordinal's embed loader (docs/embedding.md). A documentation page includes this one file and
// writes, where a simulation should go,
//
//   <div class="ordinal" data-scenario="ordered-creation" data-panels="cluster,console"></div>
//
// Each such element shows a static poster (the scenario's title, its SVG picture from the app's
// posters/ — drawn by the app itself, never a made-up cluster — and the
// caption; text only for an unknown scenario or when the picture fails) until it comes near the
// viewport, then becomes a titled iframe of the app
// (same files as this script, `?embed=1&…`), whose height follows the app's `resized` messages.
// Every other `data-*` attribute is passed on as the URL parameter of the same name. The page
// talks to an embed with `Ordinal.send(element, { type: 'pause' })` and hears it through DOM
// events on the element (`ordinal:ready`, `ordinal:state`, `ordinal:finished`, `ordinal:error`,
// `ordinal:ran`, …).
//
// A classic script (document.currentScript names where the app is); it writes no inline script
// and no style attribute (styles are set through CSSOM), so it runs under a strict CSP.
(() => {
  'use strict';
  if (window.Ordinal) return; // included twice

  const PROTOCOL = 'ordinal';
  const VERSION = 1;
  /** How far outside the viewport an embed starts loading. */
  const NEAR = '300px 0px';
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 10000;
  const DEFAULT_HEIGHT = 600;
  /** How long an embed may take to say `ready` before its poster says it did not start. */
  const READY_TIMEOUT_MS = 60000;
  /** Messages kept for an embed that is not ready yet. */
  const MAX_QUEUE = 100;
  /** data-* attributes the loader reads itself (the rest become URL parameters). */
  const OWN = new Set(['app', 'height', 'title', 'link', 'commands', 'ordinalState']);
  /** The scenarios' titles for posters and iframe titles (a test checks them against the app). */
  const TITLES = {
    'ordered-creation': 'Ordered creation',
    'stable-network-identity': 'Stable network identity',
    'stable-storage': 'Stable storage',
    'scale-down': 'Scale down, highest first',
    'scale-down-blocked': 'Scale-down blocked by an unhealthy pod',
    'claims-kept': 'Claims kept and reattached',
    'retention-policy': 'Claim retention policy',
    'rolling-update-partition': 'Rolling update with a partition',
    'on-delete': 'OnDelete updates',
    'forced-rollback': 'The forced-rollback trap',
    'node-failure': 'Node failure and at-most-one',
    'parallel-vs-ordered': 'Parallel vs OrderedReady',
    'delete-without-scaling': 'Deleting a StatefulSet without scaling to 0',
    'cattle-and-pets': 'Cattle and pets, side by side',
    'database-as-replicaset': 'A database as a ReplicaSet',
    'rolling-update-two-ways': 'Rolling update, two ways',
    'node-dies-three-ways': 'The node dies: cattle, pets and a bare pod',
  };

  const script = document.currentScript;
  const scriptUrl = script && script.src ? script.src : document.baseURI;
  const defaultApp = new URL((script && script.dataset.app) || './', scriptUrl).href;

  /** element → its embed; contentWindow → its embed. */
  const embeds = new Map();
  const byWindow = new Map();
  let count = 0;

  const clampHeight = (h) => Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(Number(h) || 0)));
  const kebab = (key) => key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  const mark = (name) => {
    try {
      performance.mark(name);
    } catch {
      /* no Performance API: nothing to measure */
    }
  };

  /** The page's own theme, read from its background: for data-theme="page". */
  function pageTheme() {
    for (const el of [document.body, document.documentElement]) {
      if (!el) continue;
      const m = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
      if (!m || (m.length > 3 && Number(m[3]) === 0)) continue; // transparent: look further out
      const [r, g, b] = m.slice(0, 3).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    }
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function titleOf(el) {
    const scenario = el.dataset.scenario;
    const name = el.dataset.title || TITLES[scenario] || 'StatefulSet simulator';
    return `Ordinal: ${name}`;
  }

  function frameUrl(el) {
    const url = new URL(el.dataset.app || defaultApp, scriptUrl);
    const q = new URLSearchParams();
    q.set('embed', '1');
    for (const [key, value] of Object.entries(el.dataset)) {
      if (OWN.has(key)) continue;
      q.append(kebab(key), key === 'theme' && value === 'page' ? pageTheme() : value);
    }
    for (const line of (el.dataset.commands || '').split('\n')) {
      if (line.trim()) q.append('command', line.trim());
    }
    url.search = q.toString().replace(/\+/g, '%20');
    if (el.dataset.link) url.hash = el.dataset.link.replace(/^#/, '');
    return url;
  }

  function styles(el, props) {
    Object.assign(el.style, props);
  }

  /** The static picture shown until the app is ready. */
  function poster(el, embed) {
    const box = document.createElement('div');
    box.className = 'ordinal-poster';
    styles(box, {
      boxSizing: 'border-box',
      minHeight: `${embed.height}px`,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'center',
      alignItems: 'flex-start',
      gap: '0.5rem',
      padding: '1.25rem',
      border: '1px solid',
      borderRadius: '8px',
    });
    const title = document.createElement('p');
    styles(title, { margin: '0', fontWeight: '700', fontSize: '1.15em' });
    title.textContent = titleOf(el);
    box.append(title);
    const scenario = el.dataset.scenario;
    if (Object.hasOwn(TITLES, scenario)) box.append(picture(el, scenario, embed));
    if (el.dataset.caption) {
      const caption = document.createElement('p');
      styles(caption, { margin: '0' });
      caption.textContent = el.dataset.caption;
      box.append(caption);
    }
    const note = document.createElement('p');
    styles(note, { margin: '0', opacity: '0.8' });
    note.textContent =
      'An interactive Kubernetes simulation (WebAssembly). It starts when you scroll here.';
    box.append(note);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Start it now';
    // The accessible name starts with the visible words (axe: label-content-name-mismatch).
    button.setAttribute('aria-label', `Start it now: ${titleOf(el)}`);
    button.addEventListener('click', () => load(el));
    box.append(button);
    embed.note = note;
    embed.button = button;
    return box;
  }

  /** The scenario's SVG poster from the app's posters/ (web/posters/), gone if it fails. */
  function picture(el, scenario, embed) {
    const img = document.createElement('img');
    img.className = 'ordinal-poster-picture';
    img.alt = `A still picture of the cluster: ${TITLES[scenario]}, as it starts`;
    styles(img, {
      display: 'block',
      width: '100%',
      height: 'auto',
      maxHeight: `${Math.max(MIN_HEIGHT, embed.height - 190)}px`,
      objectFit: 'contain',
      objectPosition: 'left top',
    });
    img.addEventListener('error', () => img.remove());
    img.src = new URL(`posters/${scenario}.svg`, new URL(el.dataset.app || defaultApp, scriptUrl)).href;
    return img;
  }

  function setup(el) {
    if (embeds.has(el)) return;
    const embed = {
      el,
      n: count++,
      height: clampHeight(el.dataset.height || DEFAULT_HEIGHT),
      frame: null,
      origin: null,
      ready: false,
      queue: [],
    };
    embeds.set(el, embed);
    el.dataset.ordinalState = 'poster';
    styles(el, { position: 'relative' });
    // Whatever the author put inside (a <noscript>, a fallback link) gives way to the poster.
    embed.poster = poster(el, embed);
    el.replaceChildren(embed.poster);
    if (embed.n === 0) mark('ordinal-poster');
    if (observer) observer.observe(el);
    else load(el);
  }

  /** Turns an element's poster into the app (once). */
  function load(el) {
    const embed = embeds.get(el);
    if (!embed || embed.frame) return;
    if (observer) observer.unobserve(el);
    const url = frameUrl(el);
    const frame = document.createElement('iframe');
    frame.title = el.dataset.caption ? `${titleOf(el)} — ${el.dataset.caption}` : titleOf(el);
    frame.src = url.href;
    styles(frame, {
      display: 'block',
      width: '100%',
      height: `${embed.height}px`,
      border: '0',
      position: 'absolute',
      top: '0',
      left: '0',
      opacity: '0',
      pointerEvents: 'none',
    });
    embed.frame = frame;
    embed.origin = url.origin;
    embed.note.textContent = 'Starting the simulation…';
    embed.button.disabled = true;
    el.dataset.ordinalState = 'loading';
    mark(`ordinal-load-${embed.n}`);
    el.append(frame);
    byWindow.set(frame.contentWindow, embed);
    embed.timer = setTimeout(() => {
      if (embed.ready) return;
      embed.note.textContent = 'The simulation did not start here. ';
      const open = document.createElement('a');
      open.href = url.href;
      open.textContent = 'Open it on its own page.';
      embed.note.append(open);
      el.dataset.ordinalState = 'failed';
    }, READY_TIMEOUT_MS);
  }

  function show(embed, height) {
    embed.ready = true;
    clearTimeout(embed.timer);
    embed.poster.remove();
    styles(embed.frame, {
      position: 'static',
      opacity: '1',
      pointerEvents: 'auto',
      height: `${clampHeight(height || embed.height)}px`,
    });
    embed.el.dataset.ordinalState = 'ready';
    mark(`ordinal-ready-${embed.n}`);
    for (const msg of embed.queue.splice(0)) post(embed, msg);
  }

  function post(embed, msg) {
    embed.frame.contentWindow.postMessage({ ...msg, protocol: PROTOCOL, version: VERSION }, embed.origin);
  }

  addEventListener('message', (e) => {
    const embed = byWindow.get(e.source);
    if (!embed || e.origin !== embed.origin) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.protocol !== PROTOCOL || typeof m.type !== 'string') return;
    if (m.type === 'ready') show(embed, m.height);
    else if (m.type === 'resized' && embed.ready) embed.frame.style.height = `${clampHeight(m.height)}px`;
    embed.el.dispatchEvent(new CustomEvent(`ordinal:${m.type}`, { detail: m }));
  });

  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) if (entry.isIntersecting) load(entry.target);
          },
          { rootMargin: NEAR },
        )
      : null;

  // data-theme="page": follow the page when its theme switches (a class or attribute on <html>
  // or <body>).
  let lastTheme = null;
  function followPage() {
    const theme = pageTheme();
    if (theme === lastTheme) return;
    lastTheme = theme;
    for (const embed of embeds.values()) {
      if (embed.el.dataset.theme === 'page' && embed.frame) send(embed.el, { type: 'theme', theme });
    }
  }

  /** Sends a message to the embed on `el` (kept until it is ready). */
  function send(el, msg) {
    const embed = embeds.get(el);
    if (!embed || !msg || typeof msg.type !== 'string') return false;
    if (embed.ready) post(embed, msg);
    else if (embed.queue.length < MAX_QUEUE) embed.queue.push(msg);
    return true;
  }

  /** Sets up every `.ordinal` element not yet set up (call again after adding some). */
  function scan(root = document) {
    for (const el of root.querySelectorAll('.ordinal')) setup(el);
  }

  window.Ordinal = Object.freeze({ version: VERSION, send, load, scan });

  function start() {
    scan();
    lastTheme = pageTheme();
    const watch = new MutationObserver(followPage);
    const attributes = { attributes: true, attributeFilter: ['class', 'data-theme', 'data-bs-theme', 'style'] };
    watch.observe(document.documentElement, attributes);
    if (document.body) watch.observe(document.body, attributes);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
