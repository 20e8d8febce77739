// The dark theme and reduced motion follow the reader's system settings.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd } from './ui-helpers.mjs';

/** Relative luminance of a computed `rgb(r, g, b)` colour (WCAG). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

appTest('dark theme and reduced motion: dark page, readable text, nothing moves', async (app) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await app.open();
  const colours = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return { bg: body.backgroundColor, fg: body.color };
  });
  const [bg, fg] = [luminance(colours.bg), luminance(colours.fg)];
  assert.ok(bg < 0.1, `dark background, got ${colours.bg}`);
  const contrast = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
  assert.ok(contrast >= 4.5, `text contrast ${contrast.toFixed(2)} (WCAG AA needs 4.5)`);

  await playToEnd(page);
  const motion = await page.locator('[data-pod="web-1"]').evaluate((el) => {
    const s = getComputedStyle(el);
    return { transition: s.transitionDuration, animation: s.animationName };
  });
  assert.deepEqual(motion, { transition: '0s', animation: 'none' }, 'pod cards do not move or fade');
  await app.screenshot('ui-dark-reduced-motion');
});
