// Playing the first scenario to its end: web-0 first, then web-1, both Ready, with DNS names.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, rowsOf, textOf, textsOf } from './ui-helpers.mjs';

appTest('playing the first scenario creates web-0, then web-1, and stops at the end', async (app) => {
  await app.open();
  const { page } = app;
  // Watch the order in which pods appear while it plays.
  await page.evaluate(() => {
    window.__seen = [];
    window.__said = [];
    new MutationObserver(() => {
      for (const g of document.querySelectorAll('[data-pod]')) {
        const n = g.getAttribute('data-pod');
        if (!window.__seen.includes(n)) window.__seen.push(n);
      }
      const live = document.querySelector('[role=status][aria-live=polite]').textContent.trim();
      if (live && window.__said.at(-1) !== live) window.__said.push(live);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await playToEnd(page);
  assert.deepEqual(await page.evaluate(() => window.__seen), ['web-0', 'web-1'], 'ordered creation');
  assert.equal(await textOf(page, '.clock'), 't = 0:20.000', 'paused at the scenario end');
  for (const pod of ['web-0', 'web-1']) {
    assert.equal(await textOf(page, `[data-pod="${pod}"] .pod-status`), 'Running');
    assert.equal(await textOf(page, `[data-pod="${pod}"] .pod-ready`), 'Ready · 1/1');
    assert.equal(await textOf(page, `[data-claim="www-${pod}"] .claim-name`), `www-${pod}`);
  }
  assert.match(await textOf(page, '.narration'), /Both pods are Running and Ready/);
  assert.match(await textOf(page, '.replicas .big'), /^2 \/ 2$/);
  assert.match(await textOf(page, '.explanation'), /every replica is Running, Ready and up to date/);
  const names = await textsOf(page, '.record .rname');
  assert.ok(names.includes('web-0.nginx.default.svc.cluster.local'), names.join(', '));
  assert.ok(names.includes('web-1.nginx.default.svc.cluster.local'), names.join(', '));
  // The events panel lists the controller's events in kubectl's words.
  const events = await rowsOf(page, '.events tbody tr');
  assert.ok(
    events.some((r) => /^\S+ Normal SuccessfulCreate statefulset\/web create Pod web-0 in StatefulSet web successful$/.test(r)),
    events.join('\n'),
  );
  await page.click('#tab-pods');
  const watch = await rowsOf(page, '.events tbody tr');
  const web1 = watch.filter((r) => r.startsWith('web-1 ')).map((r) => r.split(' ').slice(1, 3).join(' '));
  assert.deepEqual(web1.at(0), '0/1 Pending', watch.join('\n'));
  assert.ok(web1.includes('0/1 ContainerCreating'), web1.join(', '));
  assert.equal(web1.at(-1), '1/1 Running');
  // The live region narrated the controller's events, then the end of the script.
  const said = await page.evaluate(() => window.__said);
  assert.ok(
    said.some((s) => s.endsWith('SuccessfulCreate: create Pod web-1 in StatefulSet web successful')),
    said.join('\n'),
  );
  assert.match(said.at(-1), /script is over/);
  await app.screenshot('ui-played-to-end');
});

appTest('step moves to the next visible change, one at a time', async (app) => {
  await app.open();
  const { page } = app;
  await page.click('button.step');
  const t1 = await textOf(page, '.clock');
  assert.notEqual(t1, 't = 0:00.000', 'the first step moves time to the controller\'s first sync');
  await page.click('button.step');
  const t2 = await textOf(page, '.clock');
  assert.ok(t2 > t1, `${t2} after ${t1}`);
  assert.equal(await page.locator('button.play').getAttribute('aria-pressed'), 'false', 'stepping leaves it paused');
  assert.equal(await page.locator('[data-pod="web-0"]').count(), 1, 'the controller created web-0 first');
  assert.equal(await page.locator('[data-pod="web-1"]').count(), 0);
});
