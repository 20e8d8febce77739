// ?embed=1 drops the page chrome and fits a 360 px wide iframe.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { textOf } from './ui-helpers.mjs';

appTest(
  'embed mode at 360 px: no chrome, nothing wider than the frame, still playable',
  async (app) => {
    await app.open('./?embed=1');
    const { page } = app;
    assert.equal(await page.locator('header.top').count(), 0, 'no page header');
    // Screen readers still get a page heading (drawn nowhere).
    assert.equal(await page.locator('h1.visually-hidden').innerText(), 'Ordinal: Ordered creation');
    // The default embed panels (docs/embedding.md): no YAML editor, no DNS panel.
    assert.equal(await page.locator('.editor').count(), 0, 'no editor');
    assert.equal(await page.locator('.dns').count(), 0, 'no DNS panel');
    await app.expectText('Press ▶ Play');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    await page.selectOption('.speed select', '16');
    await page.click('button.play');
    await page.locator('[data-pod="web-1"]').waitFor({ timeout: 30_000 });
    await page.click('button.play');
    assert.notEqual(await textOf(page, '.clock'), 't = 0:00.000');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
    await app.screenshot('ui-embed-360');
  },
  { viewport: { width: 360, height: 740 } },
);

appTest(
  'the full page at 360 px: header and scenario picker fit, only the canvas scrolls sideways',
  async (app) => {
    await app.open();
    const { page } = app;
    await app.expectText('Press ▶ Play');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    const picker = await page.locator('.picker select').evaluate((el) => el.getBoundingClientRect().right);
    assert.ok(picker <= 360, `scenario picker ends at ${picker}px`);
    await app.screenshot('ui-page-360');
  },
  { viewport: { width: 360, height: 740 } },
);
