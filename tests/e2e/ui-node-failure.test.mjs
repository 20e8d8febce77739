// Node failure and at-most-one: the controller does not replace a pod it cannot confirm is gone;
// a force delete (after a warning) lets it.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { pickScenario, scrubTo, textOf } from './ui-helpers.mjs';

appTest('a lost node, a pod stuck terminating, and a force delete from the pod menu', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'node-failure');
  assert.match(await textOf(page, '.narration'), /node-2 loses its network/);
  // 100 s in: node-2 is NotReady in kubectl's word (its Ready condition is Unknown, which the
  // lane says beside it) and web-1 is no longer Ready.
  await scrubTo(page, 100_000);
  await page.locator('[data-node="node-2"].unhealthy').waitFor();
  assert.equal(await textOf(page, '[data-node="node-2"] .lane-state'), 'NotReady');
  assert.equal(await textOf(page, '[data-node="node-2"] .lane-note'), 'Ready: Unknown');
  assert.match(await page.locator('[data-node="node-2"] .lane-label-hit').getAttribute('aria-label'), /^Node node-2: NotReady \(Ready: Unknown\)\./);
  assert.match(await textOf(page, '[data-node="node-2"]'), /taint: unreachable:NoExecute/);
  assert.equal(await textOf(page, '[data-pod="web-1"] .pod-ready'), 'not Ready · 1/1');
  assert.match(await textOf(page, '.explanation'), /web-1 is on unreachable node-2/);
  await app.screenshot('ui-node-lost');

  // After the eviction, web-1 is Terminating and nothing replaces it.
  await scrubTo(page, 390_000);
  assert.equal(await textOf(page, '[data-pod="web-1"] .pod-status'), 'Terminating');
  assert.match(await textOf(page, '.explanation'), /no replacement until it is confirmed gone/);
  assert.equal(await page.locator('[data-pod="web-1"]').count(), 1, 'at most one web-1');

  // Force delete from the pod's menu: a warning first, then the command.
  await page.click('[data-pod="web-1"]');
  const menu = page.getByRole('dialog', { name: 'Actions for Pod web-1' });
  await menu.getByRole('menuitem', { name: /Force delete/ }).click();
  assert.match(await menu.getByRole('alert').innerText(), /at most one/);
  await app.screenshot('ui-force-delete-warning');
  await menu.getByRole('menuitem', { name: /Force delete anyway/ }).click();
  await app.expectText('pod "web-1" force deleted');
  await app.expectText('Immediate deletion does not wait for confirmation');
  // Time is paused: the object is simply gone. The controller's next sync recreates web-1; its
  // local volume pins it to node-2, so it waits, Pending.
  assert.equal(await page.locator('[data-pod="web-1"]').count(), 0);
  await page.click('button.step');
  await page.locator('[data-pod="web-1"]').waitFor();
  assert.match(await textOf(page, '[data-pod="web-1"] .pod-status'), /Pending/);
  await app.screenshot('ui-force-deleted');
});
