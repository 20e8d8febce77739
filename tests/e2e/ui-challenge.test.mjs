// Challenges: one solved by typing in the console, one by clicking the canvas's menus; the
// address (?challenge=, also with embed=1), progress in local storage and its clear button,
// hints one at a time, the solution on request, the panel at 1280×800 and 360 px, axe-core.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { axeViolations } from './a11y.mjs';
import { runCommand, textOf } from './ui-helpers.mjs';

const status = (page) => textOf(page, '.challenge-status');

/** Plays at 16× until the challenge's status says `want` (a regexp), then pauses. */
async function playUntil(page, want) {
  await page.selectOption('.speed select', '16');
  await page.click('button.play');
  await page.locator('.challenge-status').filter({ hasText: want }).waitFor({ timeout: 45_000 });
  if ((await page.locator('button.play[aria-pressed="true"]').count()) > 0) await page.click('button.play');
}

appTest('typing in the console solves the forced-rollback challenge', async (app) => {
  await app.open('./?challenge=forced-rollback');
  const { page } = app;
  await app.expectText('Challenge 4: Escape the forced-rollback trap');
  assert.equal(await page.locator('.challenge-picker select').inputValue(), 'forced-rollback');
  assert.match(await status(page), /^Not yet: the set's template asks for registry\.k8s\.io\/nginx-slim:does-not-exist\./);
  assert.deepEqual(
    await page.locator('.challenge-rules li').allTextContents(),
    ['without deleting any PersistentVolumeClaim', 'without deleting the StatefulSet'],
  );
  // The canvas is in view under the panel at 1280×800.
  const canvas = await page.locator('.stage svg').first().boundingBox();
  assert.ok(canvas && canvas.y < 800 - 150, `canvas starts at y=${canvas?.y}`);
  await app.screenshot('ui-challenge-start');

  // Hints one at a time; the solution only on request.
  assert.equal(await page.locator('.challenge-hints li').count(), 0);
  await page.click('.challenge-hint');
  assert.equal(await page.locator('.challenge-hints li').count(), 1);
  await page.click('.challenge-hint');
  assert.equal(await page.locator('.challenge-hints li').count(), 2);
  assert.equal(await page.locator('.challenge-solution').count(), 0);
  await page.click('.challenge-show');
  assert.match(await textOf(page, '.challenge-solution'), /kubectl rollout undo statefulset\/web/);
  await page.click('.challenge-show');

  // Reverting alone is the trap: web-2 stays broken.
  await runCommand(page, 'kubectl rollout undo statefulset/web');
  await app.expectText('statefulset.apps/web rolled back');
  await playUntil(page, /^Not yet: web-2 still runs/);
  await runCommand(page, 'kubectl delete pod web-2');
  await app.expectText('pod "web-2" deleted');
  await playUntil(page, /^Solved/);
  assert.match(await textOf(page, '.result-head'), /^Solved! 2 commands changed the cluster: as many as the reference\. Simulated time: \d/);
  await page.locator('.result-events summary').click();
  assert.ok((await page.locator('.result-events li').count()) > 0, 'the controllers did something');
  assert.match(await textOf(page, '.result-events'), /SuccessfulCreate statefulset\/web: create Pod web-2 in StatefulSet web successful/);
  await app.screenshot('ui-challenge-solved-by-typing');
  assert.deepEqual(await axeViolations(page, '.challenge', '.top'), []);

  // Progress is kept and shown in the picker; the next challenge is one click away.
  assert.equal(await page.evaluate(() => localStorage.getItem('ordinal-challenges-solved')), 'forced-rollback');
  assert.match(await textOf(page, '.challenge-picker option[value="forced-rollback"]'), /^✓ 4\./);
  assert.equal(await textOf(page, '.result-progress'), '1 of 12 solved');
  await page.click('.result-next');
  await app.expectText('Challenge 5: A node died: move web-1 safely');
  assert.match(page.url(), /\?challenge=node-died/);
  await page.reload();
  await app.expectText('Challenge 5: A node died: move web-1 safely');
  assert.match(await textOf(page, '.challenge-picker option[value="forced-rollback"]'), /^✓ 4\./, 'kept across reloads');
});

appTest('clicking the set card solves scale-keep-claims; progress clears', async (app) => {
  await app.open();
  const { page } = app;
  await page.selectOption('.challenge-picker select', 'scale-keep-claims');
  await app.expectText('Challenge 2: Scale to one, keep every claim');
  assert.match(page.url(), /\?challenge=scale-keep-claims/);
  assert.equal(await status(page), 'Not yet: web still wants 3 replicas. Commands: 0 (reference 1).');
  await page.click('[data-set="web"] .set-card');
  const menu = page.getByRole('dialog', { name: 'Actions for StatefulSet web' });
  await menu.waitFor();
  await menu.locator('#menu-replicas').fill('1');
  await menu.getByRole('button', { name: 'Scale' }).click();
  await app.expectText('$ kubectl scale statefulset web --replicas=1');
  await playUntil(page, /^Solved/);
  assert.match(await textOf(page, '.result-head'), /^Solved! 1 command changed the cluster: as many as the reference\./);
  // Every claim is still there.
  for (const n of [0, 1, 2]) await page.locator(`[data-claim="www-web-${n}"]`).waitFor();
  await app.screenshot('ui-challenge-solved-by-clicking');
  assert.equal(await textOf(page, '.result-progress'), '1 of 12 solved');
  await page.click('.result-clear');
  assert.equal(await page.evaluate(() => localStorage.getItem('ordinal-challenges-solved')), null);
  assert.equal(await textOf(page, '.result-progress'), '0 of 12 solved');
  // Back to the guided scenarios.
  await page.selectOption('.challenge-picker select', '');
  await page.locator('.narration').waitFor();
  assert.equal(await page.locator('.challenge').count(), 0);
  assert.doesNotMatch(page.url(), /challenge=/);
});

appTest('a broken constraint fails the attempt at once, in one sentence', async (app) => {
  await app.open('./?challenge=clean-up-keep-service');
  const { page } = app;
  await runCommand(page, 'kubectl delete -f web.yaml');
  await page.locator('.challenge-status.failed').waitFor();
  assert.equal(
    await status(page),
    'Failed “the Service nginx is never deleted”: the Service nginx was deleted. Commands: 1 (reference 2).',
  );
  await app.screenshot('ui-challenge-failed');
  await page.click('.challenge-restart');
  await page.locator('.challenge-status.not-yet').waitFor();
});

appTest(
  'embed mode with ?challenge= at 360 px: the panel fits and the keyboard reaches it',
  async (app) => {
    await app.open('./?embed=1&challenge=dns-before-ready');
    const { page } = app;
    assert.equal(await page.locator('header.top').count(), 0, 'no page header');
    await app.expectText('Challenge 10: Resolvable before Ready');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    await page.locator('.challenge-hint').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.challenge-hints li').count(), 1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.challenge-solution').waitFor();
    await app.screenshot('ui-challenge-embed-360');
    assert.deepEqual(await axeViolations(page, '.challenge'), []);
  },
  { viewport: { width: 360, height: 740 } },
);
