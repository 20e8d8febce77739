// The embed loader (web/embed.js, docs/embedding.md) on a documentation page served from another
// origin than the app, both under strict policies: two embeds, each loaded only when scrolled
// near, heights following the content, the page pausing one and running a command in the other.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { appTest, ROOT, SCREENSHOTS } from './harness.mjs';
import { axeViolations } from './a11y.mjs';
import { startServer } from './static-server.mjs';

const DIST = process.env.ORDINAL_DIST || join(ROOT, 'dist');
const HOST_DIR = join(ROOT, 'tests', 'e2e', 'embed-host');

// The app on 127.0.0.1 (with its own strict policy), counting what it serves; the docs page on
// 127.0.0.2, another origin and another site.
const appRequests = [];
const app = await startServer(DIST, 0, { onRequest: (req) => appRequests.push(req.url) });
const appOrigin = new URL(app.url).origin;
// img-src: the loader's posters are the app's SVGs (web/posters/), from the app's origin.
const hostCsp = `default-src 'self'; script-src 'self' ${appOrigin}; style-src 'self'; img-src 'self' ${appOrigin}; frame-src ${appOrigin}`;
const host = await startServer(HOST_DIR, 0, {
  host: '127.0.0.2',
  csp: hostCsp,
  transform: (file, body) => (file.endsWith('.html') ? body.toString().replaceAll('{{APP}}', app.url) : body),
});
after(() => Promise.all([app.close(), host.close()]));

const wasmFetches = () => appRequests.filter((u) => u.endsWith('.wasm')).length;
const appPages = () => appRequests.filter((u) => u.startsWith('/?embed=1')).length;

/** The app frame inside an embed element, once it is ready. */
async function readyFrame(page, id) {
  await page.locator(`#${id}[data-ordinal-state="ready"]`).waitFor({ timeout: 30_000 });
  const handle = await page.locator(`#${id} iframe`).elementHandle();
  return handle.contentFrame();
}

/** The iframe's height and the height of the app inside it. */
async function heights(page, id) {
  const frame = await readyFrame(page, id);
  const inner = await frame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height));
  const outer = await page.locator(`#${id} iframe`).evaluate((el) => el.getBoundingClientRect().height);
  return { inner, outer };
}

/** A screenshot of the viewport (a full-page one leaves cross-origin frames out of view blank). */
async function shot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Frames scrolled into view paint a moment later.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function expectHeightsMatch(page, id) {
  // The resize message is asynchronous: wait for the iframe to catch up.
  for (let i = 0; i < 50; i++) {
    const { inner, outer } = await heights(page, id);
    if (Math.abs(inner - outer) <= 1) return outer;
    await page.waitForTimeout(100);
  }
  const { inner, outer } = await heights(page, id);
  assert.fail(`#${id}: iframe is ${outer}px tall, its content ${inner}px`);
}

appTest(
  'two embeds on a docs page from another origin: lazy, sized, driven by the page',
  async (t) => {
    const { page } = t;
    const outside = [];
    page.on('request', (req) => {
      const origin = new URL(req.url()).origin;
      if (origin !== appOrigin && origin !== new URL(host.url).origin) outside.push(req.url());
    });

    await page.goto(host.url, { waitUntil: 'load' });
    // Both posters, titled, and nothing of the app fetched while neither is near the viewport.
    await page.locator('#first .ordinal-poster').waitFor();
    assert.equal(await page.locator('#first .ordinal-poster').innerText().then((s) => s.split('\n')[0]), 'Ordinal: Ordered creation');
    assert.match(await page.locator('#second .ordinal-poster').innerText(), /Each pod keeps its DNS name across restarts\./);
    assert.equal(await page.locator('iframe').count(), 0, 'no iframe before scrolling');
    // Each poster shows its scenario's picture, the app's own SVG, before any frame starts.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.ordinal-poster-picture')].filter((i) => i.complete && i.naturalWidth > 0).length === 2,
    );
    assert.match(await page.locator('#first .ordinal-poster-picture').getAttribute('alt'), /Ordered creation/);
    await page.waitForTimeout(500);
    assert.deepEqual(
      appRequests.filter((u) => !u.endsWith('embed.js')).sort(),
      ['/posters/ordered-creation.svg', '/posters/stable-network-identity.svg'],
      'only the loader and the two pictures came from the app origin',
    );
    // The poster as the reader will meet it (a clip of the full page: no scrolling, nothing loads).
    const top = await page.locator('#first').evaluate((el) => el.getBoundingClientRect().top + scrollY);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-loader-poster-1280.png'), fullPage: true, clip: { x: 0, y: top - 80, width: 1280, height: 760 } });
    assert.deepEqual(await axeViolations(page, 'main'), [], 'the posters are accessible');
    assert.equal(await page.locator('iframe').count(), 0, 'still no iframe');
    await page.locator('#first').scrollIntoViewIfNeeded();

    // Scrolled to the first (above): it loads, the second does not.
    const first = await readyFrame(page, 'first');
    assert.equal(await page.locator('#first iframe').getAttribute('title'), 'Ordinal: Ordered creation — web-1 waits until web-0 is Running and Ready.');
    assert.equal(await page.locator('#second iframe').count(), 0, 'the second waits until it is seen');
    assert.equal(appPages(), 1);
    assert.equal(wasmFetches(), 1);
    // Read-only, two panels: no console, no editor, the caption shown.
    assert.equal(await first.locator('.console').count(), 0);
    assert.equal(await first.locator('.manifest').count(), 0);
    assert.equal(await first.locator('.embed-caption').innerText(), 'web-1 waits until web-0 is Running and Ready.');
    await expectHeightsMatch(page, 'first');
    // Autoplay: the page hears it playing, then pauses it.
    await page.locator('#first-state', { hasText: 'playing' }).waitFor();
    // The page's own button, pressed without a pointer: the frames resize as they play, so a
    // click at coordinates can land in the iframe instead (seen in CI).
    await page.locator('#pause-first').dispatchEvent('click');
    await page.locator('#first-state', { hasText: 'paused' }).waitFor();
    const clock = await first.locator('.clock').innerText();
    await page.waitForTimeout(400);
    assert.equal(await first.locator('.clock').innerText(), clock, 'the first stays paused');
    assert.notEqual(clock, 't = 0:00.000');

    // Scrolled to the second: it loads from the cache (one wasm download for the page).
    await page.locator('#second').scrollIntoViewIfNeeded();
    const second = await readyFrame(page, 'second');
    assert.equal(appPages(), 2);
    assert.equal(wasmFetches(), 1, 'the wasm is downloaded once for both embeds');
    await expectHeightsMatch(page, 'second');
    await page.locator('#scale-second').scrollIntoViewIfNeeded();
    await page.locator('#scale-second').dispatchEvent('click');
    await page.locator('#second-result', { hasText: 'exit 0: statefulset.apps/web scaled' }).waitFor();
    await second.getByText('kubectl scale sts web --replicas=3').first().waitFor();
    await second.locator('.console').getByText('statefulset.apps/web scaled').first().waitFor();
    assert.deepEqual(await axeViolations(second, '.app'), [], 'the embedded app is accessible');
    await page.locator('#second').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'embed-loader-1280');

    // Narrow: the content reflows to another height and the frames follow.
    const wide = await expectHeightsMatch(page, 'second');
    await page.setViewportSize({ width: 360, height: 740 });
    const narrow = await expectHeightsMatch(page, 'second');
    assert.notEqual(narrow, wide, `the frame's height changed with the width (${wide}px at 1280 px)`);
    // (Chromium does not lay out a cross-origin frame out of view: the first follows once seen.)
    await page.locator('#first').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expectHeightsMatch(page, 'first');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the docs page is ${width}px wide at 360 px`);
    await shot(page, 'embed-loader-360');

    // Time to the first poster and until the first embed was ready, from the page's start.
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])),
    );
    const took = (n) => marks[`ordinal-ready-${n}`] - marks[`ordinal-load-${n}`];
    console.log(`# poster ${marks['ordinal-poster']} ms after navigation; interactive ${took(0)} ms (first) and ${took(1)} ms (second, wasm cached) after each started loading`);
    assert.deepEqual(outside, [], 'no request leaves the two origins');
  },
  { timeout: 120_000 },
);

appTest(
  'at 360 px the posters show their pictures; an unknown scenario or a broken picture leaves the text poster',
  async (t) => {
    const { page } = t;
    // A picture that is not an SVG: the image fails to decode.
    await page.route('**/posters/stable-network-identity.svg', (route) =>
      route.fulfill({ status: 200, contentType: 'image/svg+xml', body: 'not a picture' }),
    );
    await page.goto(host.url, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const i = document.querySelector('#first .ordinal-poster-picture');
      return i && i.complete && i.naturalWidth > 0;
    });
    const box = await page.locator('#first .ordinal-poster-picture').boundingBox();
    assert.ok(box.width > 250 && box.x + box.width <= 360, `the picture fits the phone: ${JSON.stringify(box)}`);
    await page.locator('#second .ordinal-poster-picture').waitFor({ state: 'detached' });
    assert.match(await page.locator('#second .ordinal-poster').innerText(), /Each pod keeps its DNS name across restarts\./);
    assert.equal(await page.locator('iframe').count(), 0, 'no frame has started');
    const top = await page.locator('#first').evaluate((el) => el.getBoundingClientRect().top + scrollY);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-loader-poster-360.png'), fullPage: true, clip: { x: 0, y: top - 40, width: 360, height: 700 } });
    // A scenario the loader does not know: its title, no picture asked for.
    await page.evaluate(() => {
      const el = document.createElement('div');
      el.className = 'ordinal';
      el.id = 'unknown';
      el.dataset.scenario = 'my-own-story';
      el.dataset.title = 'My own story';
      document.querySelector('main').append(el); // far below: it stays a poster
      window.Ordinal.scan();
    });
    await page.locator('#unknown .ordinal-poster').waitFor();
    assert.equal(await page.locator('#unknown .ordinal-poster-picture').count(), 0);
    assert.match(await page.locator('#unknown .ordinal-poster').innerText(), /^Ordinal: My own story/);
    assert.deepEqual(await axeViolations(page, 'main'), [], 'the posters are accessible');
  },
  { viewport: { width: 360, height: 740 } },
);

appTest('a bad parameter is a visible notice, not a blank frame, and is told to the page', async (t) => {
  const { page } = t;
  await page.goto(`${host.url}`, { waitUntil: 'load' });
  // A page of its own: one embed with mistakes, set up through the loader's scan().
  await page.evaluate(() => {
    document.querySelector('main').replaceChildren();
    const el = document.createElement('div');
    el.className = 'ordinal';
    el.id = 'bad';
    el.dataset.scenario = 'ordered-creation';
    el.dataset.speed = '3';
    el.dataset.startAt = '12';
    el.dataset.panels = 'cluster,logs';
    window.errors = [];
    el.addEventListener('ordinal:error', (e) => window.errors.push(e.detail.message));
    document.querySelector('main').append(el);
    window.Ordinal.scan();
  });
  const frame = await readyFrame(page, 'bad');
  const notices = await frame.locator('.embed-notices li').allInnerTexts();
  assert.deepEqual(notices, [
    'speed: Unsupported value: "3": supported values: "0.25", "0.5", "1", "2", "4", "8", "16"',
    'start-at: Invalid value: "12": time: missing unit in duration "12"',
    'panels: Unsupported value: "logs": supported values: "cluster", "controller", "dns", "console", "events", "yaml"',
  ]);
  await frame.locator('.canvas, svg').first().waitFor();
  assert.equal(await frame.locator('.clock').innerText(), 't = 0:00.000', 'the defaults apply');
  await page.waitForFunction(() => window.errors.length === 3);
  // The host's own mistakes get an error reply; unknown messages are ignored.
  await page.evaluate(() => {
    const el = document.getElementById('bad');
    window.Ordinal.send(el, { type: 'seek', t: 'soon' });
    window.Ordinal.send(el, { type: 'dance' });
    el.querySelector('iframe').contentWindow.postMessage('not for ordinal', '*');
    window.Ordinal.send(el, { type: 'seek', t: '5s' });
  });
  await frame.locator('.clock', { hasText: 't = 0:05.000' }).waitFor();
  await page.waitForFunction(() => window.errors.length === 4);
  assert.match(await page.evaluate(() => window.errors[3]), /^seek: t: Invalid value: "soon"/);
  // A message from any other window than the embedding page (here the frame itself) is not obeyed.
  await frame.evaluate(() => window.postMessage({ protocol: 'ordinal', version: 1, type: 'seek', t: 9000 }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('.clock').innerText(), 't = 0:05.000');
  await shot(page, 'embed-loader-notices');
  await frame.locator('.embed-dismiss').click();
  assert.equal(await frame.locator('.embed-notices').count(), 0);
});

appTest('theme, motion, stop-at and load: the frame follows its parameters and the page', async (t) => {
  const { page } = t;
  await page.goto(host.url, { waitUntil: 'load' });
  await page.evaluate(() => {
    document.querySelector('main').replaceChildren();
    window.heard = [];
    const make = (id, data) => {
      const el = document.createElement('div');
      el.className = 'ordinal';
      el.id = id;
      Object.assign(el.dataset, data);
      for (const type of ['finished', 'state', 'error']) {
        el.addEventListener(`ordinal:${type}`, (e) => window.heard.push(`${id} ${type} ${e.detail.now ?? e.detail.message}`));
      }
      document.querySelector('main').append(el);
    };
    make('dark', { scenario: 'ordered-creation', theme: 'dark', motion: 'reduce', autoplay: '1', speed: '16', stopAt: '3s', panels: 'cluster' });
    make('page', { scenario: 'scale-down', theme: 'page', panels: 'cluster,controller', layout: 'side' });
    window.Ordinal.scan();
  });
  const dark = await readyFrame(page, 'dark');
  // Dark whatever the system says, and nothing moves.
  const bg = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)');
  // Playing pauses at stop-at and the page hears `finished` there.
  await page.waitForFunction(() => window.heard.includes('dark finished 3000'), null, { timeout: 20_000 });
  assert.equal(await dark.locator('.clock').innerText(), 't = 0:03.000');
  const motion = await dark.locator('.pod-card, [data-pod]').first().evaluate((el) => getComputedStyle(el).transitionDuration);
  assert.equal(motion, '0s');

  // theme="page": light now, dark when the page switches.
  const follows = await readyFrame(page, 'page');
  const light = await follows.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(light, 'rgb(255, 255, 255)');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await follows.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(13, 17, 23)');
  // layout=side in an 832 px frame: the controller's panel beside the cluster, not under it.
  const [stage, side] = await Promise.all(['.stage', '.side'].map((s) => follows.locator(s).evaluate((el) => el.getBoundingClientRect())));
  assert.ok(side.left >= stage.right && side.top < stage.bottom, `side panel at ${side.left},${side.top}; stage ends at ${stage.right},${stage.bottom}`);

  // load: another scenario from the beginning.
  await page.evaluate(() => window.Ordinal.send(document.getElementById('page'), { type: 'load', scenario: 'stable-storage' }));
  await follows.getByText('Stable storage').first().waitFor();
  await page.evaluate(() => window.Ordinal.send(document.getElementById('page'), { type: 'load', scenario: 'nope' }));
  await page.waitForFunction(() => window.heard.some((h) => h.startsWith('page error load: scenario: Unsupported value: "nope"')));
  await page.locator('#page').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'embed-loader-themes');
});
