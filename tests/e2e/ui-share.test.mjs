// A shared link reproduces exactly what was on screen.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, runCommand, scrubTo, textOf, textsOf } from './ui-helpers.mjs';

appTest('a shared link restores scenario, commands, time and speed', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page, '8');
  await runCommand(page, 'kubectl scale sts web --replicas=3');
  await page.click('button.play');
  await page.locator('[data-pod="web-2"].g-ready').waitFor({ timeout: 30_000 });
  await page.click('button.play');
  await scrubTo(page, 24_000);
  const before = {
    clock: await textOf(page, '.clock'),
    pods: await textsOf(page, '[data-pod] .pod-name'),
    statuses: await textsOf(page, '[data-pod] .pod-status'),
    ips: await textsOf(page, '[data-pod] .pod-ip'),
    speed: await page.locator('.speed select').inputValue(),
  };
  await page.click('.share-button');
  const link = await page.locator('.share-pop input').inputValue();
  assert.match(link, /#s=ordered-creation&t=24000&h=\d+&x=8&c=\d+,kubectl%20scale%20sts%20web%20--replicas%3D3/);

  const other = await page.context().newPage();
  await other.goto(link);
  await other.locator('main').waitFor();
  await other.locator('[data-pod="web-2"]').waitFor();
  const after = {
    clock: await textOf(other, '.clock'),
    pods: await textsOf(other, '[data-pod] .pod-name'),
    statuses: await textsOf(other, '[data-pod] .pod-status'),
    ips: await textsOf(other, '[data-pod] .pod-ip'),
    speed: await other.locator('.speed select').inputValue(),
  };
  assert.deepEqual(after, before);
  assert.match(await textOf(other, '.term-out'), /kubectl scale sts web --replicas=3\s*statefulset\.apps\/web scaled/);
  assert.equal(await other.locator('.mark-user').count(), 1);
  await other.close();
});
