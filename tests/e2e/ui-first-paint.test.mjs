// The first paint (index.html, web/first-paint.css): before the wasm has arrived the page shows
// the app's title, its first screen as an SVG (web/posters/first-paint.svg, drawn by the app's
// own components) and "Starting the simulator…"; when the app mounts it takes the page, and the two
// are never seen at once. Prints the time to the poster with the wasm held back.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appTest, SCREENSHOTS } from './harness.mjs';

/** Holds every .wasm response until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\.wasm(\?.*)?$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
]) {
  appTest(
    `at ${viewport.width} px the poster is up before the app, and the app replaces it`,
    async (app) => {
      const { page } = app;
      // Every frame: was the first paint still shown while the app's root was in the page?
      await page.addInitScript(() => {
        window.seenBoth = 0;
        const look = () => {
          const paint = document.querySelector('.first-paint');
          if (paint && document.querySelector('.app') && getComputedStyle(paint).display !== 'none') window.seenBoth++;
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      const release = await holdWasm(page);
      await page.goto(app.url(), { waitUntil: 'load' });

      // The wasm is held: the first paint is all there is.
      const img = page.locator('.first-paint-scene img');
      await img.waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const i = document.querySelector('.first-paint-scene img');
        return i.complete && i.naturalWidth > 0;
      });
      assert.equal(await page.locator('.app').count(), 0, 'the app has not started');
      assert.equal(await page.locator('.first-paint h1').innerText(), 'Ordinal');
      assert.equal(await page.locator('.first-paint-note').innerText(), 'Starting the simulator…');
      assert.match(await img.getAttribute('alt'), /^Ordered creation, as it starts: /);
      const box = await img.boundingBox();
      // Seen whole, as the app fits its drawing to the window: within its width and its height.
      assert.ok(box.width >= 300 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `the poster fits: ${JSON.stringify(box)}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `the first paint is ${width}px wide`);
      const timing = await page.evaluate(() => {
        const poster = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/posters/first-paint.svg'));
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { poster: poster && Math.round(poster.responseEnd), fcp: fcp && Math.round(fcp.startTime), bytes: poster && poster.encodedBodySize };
      });
      console.log(`# perf: ${viewport.width} px, wasm held: first contentful paint ${timing.fcp} ms, poster loaded ${timing.poster} ms after navigation (${timing.bytes} B)`);
      await app.screenshot(`first-paint-${viewport.width}`);

      // The wasm arrives: the app takes over, the first paint is gone.
      release();
      await page.locator('.app main').waitFor({ state: 'visible' });
      await app.expectText('Press ▶ Play');
      assert.equal(await page.locator('.first-paint').isVisible(), false, 'the poster is gone');
      assert.equal(await page.evaluate(() => window.seenBoth), 0, 'never both at once');
      // Where the drawing starts, against where the poster was: no jump a learner would notice.
      const drawing = await page.locator('svg.cluster').boundingBox();
      const px = (b) => `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;
      console.log(`# first paint ${viewport.width} px: poster ${px(box)}, then the drawing ${px(drawing)}`);
      if (viewport.width > 980) {
        // Beside the console, the drawing takes the poster's place and size (within a few px).
        for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(drawing[k] - box[k]) <= 12, `${k}: poster ${px(box)}, drawing ${px(drawing)}`);
      }
      await app.screenshot(`first-paint-${viewport.width}-after`);
    },
    { viewport },
  );
}

appTest(
  'a poster opened on its own is the drawing the app shows, light and dark',
  async (app) => {
  const { page } = app;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(app.url('posters/ordered-creation.svg'), { waitUntil: 'load' });
    // The same drawing as the app's: its lanes, pods and claims, by the app's classes.
    assert.deepEqual(await page.locator('[data-node] .lane-name').allTextContents(), ['node-1', 'node-2', 'node-3']);
    assert.ok((await page.locator('[data-pod]').count()) >= 1, 'pods are drawn');
    assert.ok((await page.locator('[data-claim]').count()) >= 1, 'claims are drawn');
    const bg = await page.locator('.poster-bg').evaluate((el) => getComputedStyle(el).fill);
    assert.equal(bg, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    // (A full-page screenshot of an SVG document never settles: the viewport is the picture.)
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `poster-ordered-creation-${scheme}.png`) });
  }
  },
  { viewport: { width: 620, height: 740 } },
);
