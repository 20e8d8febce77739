// Shared end-to-end harness: serves the built app (dist/), drives the system Chromium through
// playwright-core, and fails a test on any console error, page error, failed request, wasm panic or
// Content-Security-Policy violation (the server sends the strict policy of docs/deployment.md).
//
// A test file (tests/e2e/*.test.mjs, run by `node --test`) looks like:
//
//   import { appTest } from './harness.mjs';
//   appTest('shows the heading', async (app) => {
//     await app.open();                       // loads the app and waits for <main>
//     await app.page.keyboard.press('Tab');   // app.page is a playwright-core Page
//     await app.expectText('Ordinal');
//     await app.screenshot('heading');        // -> target/screenshots/heading.png
//   });
//
// Environment: ORDINAL_BASE_URL (a server already serving dist/; otherwise one is started here),
// ORDINAL_DIST (default <repo>/dist), ORDINAL_TOOLS (where playwright-core is installed),
// CHROMIUM (default /usr/bin/chromium).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, SUBPATH } from './static-server.mjs';

export { SUBPATH };
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');
const TOOLS = process.env.ORDINAL_TOOLS || join(homedir(), '.cache', 'ordinal-tools');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** Console messages that mean the wasm side died even if logged at a lower level. */
const PANIC = /panicked at|unreachable|RuntimeError/;

function loadPlaywright() {
  for (const from of [join(TOOLS, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)('playwright-core');
    } catch {
      /* try the next place */
    }
  }
  throw new Error(`playwright-core not found in ${TOOLS}: run scripts/setup.sh`);
}

let browserPromise;
let serverPromise;

function browser() {
  browserPromise ??= loadPlaywright().chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return browserPromise;
}

/** The URL the app is served at (always ends in "/"). */
export function baseUrl() {
  if (process.env.ORDINAL_BASE_URL) {
    return Promise.resolve(process.env.ORDINAL_BASE_URL.replace(/\/?$/, '/'));
  }
  serverPromise ??= (() => {
    const dist = process.env.ORDINAL_DIST || join(ROOT, 'dist');
    if (!existsSync(join(dist, 'index.html'))) {
      throw new Error(`${dist}/index.html missing: build first (trunk build --release)`);
    }
    return startServer(dist);
  })();
  return serverPromise.then((s) => s.url);
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
  if (serverPromise) await (await serverPromise).close();
});

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Defines a node:test test that gets a fresh browser page (`app`). After the body runs, the test
 * fails if the page logged a console error, threw, panicked, or had a failed/4xx/5xx request.
 */
export function appTest(name, body, { viewport = { width: 1280, height: 800 }, timeout = 60_000 } = {}) {
  test(name, { timeout }, async () => {
    const context = await (await browser()).newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems = [];
    // Chromium logs most violations as console errors, but not all (report-only, some style
    // cases): the event sees every one. Init scripts run outside the page's policy.
    await page.addInitScript(() => {
      addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' || PANIC.test(msg.text())) {
        problems.push(`console.${msg.type()}: ${msg.text()}`);
      }
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err.message}`));
    page.on('crash', () => problems.push('page crashed'));
    page.on('requestfailed', (req) => {
      // The browser fetches the icon late and drops it when the test navigates away: not a failure.
      if (req.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon-[^/]*$/.test(new URL(req.url()).pathname)) return;
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });

    const base = await baseUrl();
    const app = {
      page,
      problems,
      base,
      /** Absolute URL of `path` relative to the app's base URL. */
      url: (path = './') => new URL(path, base).href,
      /** Loads the app (at `path` relative to the base URL) and waits until it has rendered. */
      async open(path = './') {
        await page.goto(app.url(path), { waitUntil: 'load' });
        await page.locator('main').first().waitFor({ state: 'visible' });
      },
      /** Waits until `text` is visible somewhere on the page. */
      async expectText(text) {
        await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
      },
      /** Saves a full-page PNG under target/screenshots/ and returns its path. */
      async screenshot(shot) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const path = join(SCREENSHOTS, `${slug(shot)}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
    };

    try {
      await body(app);
      // Let late errors (a panic in an event handler, a failed lazy fetch) surface.
      await page.waitForTimeout(50);
    } catch (err) {
      await app.screenshot(`failed-${name}`).catch(() => {});
      if (problems.length) err.message += `\nbrowser problems:\n  ${problems.join('\n  ')}`;
      throw err;
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], `browser reported problems:\n  ${problems.join('\n  ')}`);
  });
}
