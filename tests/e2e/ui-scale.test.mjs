// Scaling from the console and from the StatefulSet's card; both show up as commands.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, runCommand, textOf, textsOf } from './ui-helpers.mjs';

appTest('scaling from the console creates web-2 after web-1', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  await runCommand(page, 'kubectl scale sts web --replicas=3');
  await app.expectText('statefulset.apps/web scaled');
  assert.deepEqual(await textsOf(page, '.ghost .ghost-name'), ['web-2'], 'wanted, not created yet');
  assert.equal(await page.locator('.mark-user').count(), 1, 'the timeline marks where you acted');
  await page.click('button.play');
  await page.locator('[data-pod="web-2"].g-ready').waitFor({ timeout: 30_000 });
  await page.click('button.play');
  assert.match(await textOf(page, '.replicas .big'), /^3 \/ 3$/);
  // ↑ recalls the command.
  await page.locator('#console-input').press('ArrowUp');
  assert.equal(await page.locator('#console-input').inputValue(), 'kubectl scale sts web --replicas=3');
  await app.screenshot('ui-scaled-from-console');
});

appTest('scaling down from the card deletes web-1 and keeps its claim', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  await page.click('[data-set="web"] .set-card');
  const menu = page.getByRole('dialog', { name: 'Actions for StatefulSet web' });
  await menu.waitFor();
  await menu.locator('#menu-replicas').fill('1');
  await menu.getByRole('button', { name: 'Scale' }).click();
  await app.expectText('$ kubectl scale statefulset web --replicas=1');
  assert.equal(await menu.count(), 0, 'the menu closes');
  await page.click('button.play');
  await page.locator('[data-pod="web-1"]').waitFor({ state: 'detached', timeout: 30_000 });
  await page.click('button.play');
  // The claim stays, detached, in the column that is now beyond replicas.
  assert.match(await textOf(page, '[data-claim="www-web-1"] .claim-status'), /detached/);
  assert.match(await textOf(page, '.col-away'), /beyond replicas/);
  await app.screenshot('ui-scaled-from-card');
});
