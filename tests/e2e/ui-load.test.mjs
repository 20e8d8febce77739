// First screen: the first guided scenario, paused, with an invitation to press play — never an
// empty canvas. Also prints how long the first render took after navigation.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { textOf, textsOf } from './ui-helpers.mjs';

appTest('the first screen shows the first scenario, paused, inviting the learner to play', async (app) => {
  await app.open();
  const { page } = app;
  await app.expectText('Press ▶ Play');
  assert.equal(await textOf(page, '.clock'), 't = 0:00.000');
  assert.equal(await page.locator('button.play').getAttribute('aria-pressed'), 'false');
  // The tutorial's StatefulSet with its stamps, three node lanes, and the two pods it wants.
  assert.match(await textOf(page, '[data-set="web"] .set-name'), /StatefulSet web/);
  assert.match(await textOf(page, '.stamp-template'), /nginx-slim:0\.21/);
  assert.match(await textOf(page, '.stamp-claim'), /www · 1Gi/);
  assert.deepEqual(await textsOf(page, '[data-node] .lane-name'), ['node-1', 'node-2', 'node-3']);
  assert.deepEqual(await textsOf(page, '.ghost .ghost-name'), ['web-0', 'web-1']);
  // The console shows the scenario's first command and kubectl's answer.
  assert.match(await page.locator('.term-out').innerText(), /kubectl apply -f web\.yaml[\s\S]*statefulset\.apps\/web created/);

  const firstRender = await page.evaluate(() => {
    const m = performance.getEntriesByName('ordinal-first-render')[0];
    return m ? m.startTime : null;
  });
  assert.ok(firstRender !== null, 'the app marks its first render');
  console.log(`# perf: first render ${firstRender.toFixed(0)} ms after navigation start`);
  await app.screenshot('ui-first-screen');
});

appTest('every control is reachable with the keyboard and shows its focus', async (app) => {
  await app.open();
  const { page } = app;
  const reached = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        key: el.getAttribute('aria-label') || el.className?.baseVal || el.className || el.tagName,
        tag: el.tagName,
        // The canvas's buttons show focus on the frame drawn under them (ui-canvas checks it).
        svg: el instanceof SVGElement,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      };
    });
    if (info.tag === 'BODY') continue;
    reached.add(info.key);
    if (!info.svg) assert.ok(info.outline, `focus is visible on ${info.key}`);
  }
  const all = [...reached].join(' | ');
  for (const want of ['Guided scenario', 'play', 'step', 'Playback speed', 'Timeline', 'StatefulSet web', 'Node node-1', 'Command']) {
    assert.ok(all.includes(want), `Tab reaches "${want}" (reached: ${all})`);
  }
});
