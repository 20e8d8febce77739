// The four cattle-and-pets scenarios played in the browser: what a learner sees at each key
// moment (names, counts, the narration, the Multi-Attach reason), with screenshots wide and at
// 360 px, keyboard use of the new cards and axe-core on the new views.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { axeViolations } from './a11y.mjs';
import { pickScenario, scrubTo, textOf, textsOf } from './ui-helpers.mjs';

/** upstream's k8s.io/apimachinery/pkg/util/rand alphabet: five of these end a cattle pod's name. */
const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;


async function live(page, app) {
  return page
    .locator(`.pod.cattle[data-pod^="${app}-"]:not(.terminating)`)
    .evaluateAll((els) => els.map((e) => e.dataset.pod));
}

async function podIp(page, name) {
  return textOf(page, `[data-pod="${name}"] .pod-ip`);
}

appTest('cattle and pets: a deleted cattle pod returns under a new name, a pet under its own', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'cattle-and-pets');
  assert.match(await textOf(page, '.narration'), /same nginx app as a Deployment \(cattle\) and as a StatefulSet \(pets\)/);

  await scrubTo(page, 22_000);
  await page.locator('[data-pod="pets-2"].g-ready').waitFor();
  const before = await live(page, 'cattle');
  assert.equal(before.length, 3, `three cattle pods: ${before}`);
  for (const name of before) {
    const suffix = await textOf(page, `[data-pod="${name}"] .suffix`);
    assert.match(suffix, SUFFIX, `${name} ends in a random suffix`);
    assert.equal(name.endsWith(`-${suffix}`), true);
  }
  assert.equal(await page.locator('.pod.cattle .ordinal').count(), 0, 'no ordinal badge on cattle');
  assert.equal(await textOf(page, '[data-pod="pets-1"] .ordinal'), '1');
  assert.match(await textOf(page, '[data-deployment="cattle"]'), /Deployment cattle.*3\/3 ready · 3 up-to-date · 3 available/);
  assert.match(await textOf(page, '.rs-header'), /cattle-\w+.*3 desired · 3 current · 3 ready/);
  assert.match(await textOf(page, '[data-claim="www-pets-1"]'), /www-pets-1/);
  await app.screenshot('cattle-pets-side-by-side');

  // Delete one cattle pod: a new name, a new IP.
  await scrubTo(page, 34_000);
  assert.match(await textOf(page, '.narration'), /new random name and a new IP/);
  const after = await live(page, 'cattle');
  assert.equal(after.length, 3, `three again: ${after}`);
  const fresh = after.filter((n) => !before.includes(n));
  assert.equal(fresh.length, 1, `one new name: ${before} → ${after}`);
  assert.equal(before.filter((n) => !after.includes(n)).length, 1, 'one old name gone');
  await app.screenshot('cattle-pod-replaced');

  // Delete pets-1: it returns as pets-1 with the same claim and DNS name.
  const petIp = await podIp(page, 'pets-1');
  await scrubTo(page, 48_000);
  await page.locator('[data-pod="pets-1"].g-ready').waitFor();
  assert.match(await textOf(page, '.narration'), /comes back as pets-1/);
  assert.match(await page.locator('[data-claim="www-pets-1"]').getAttribute('aria-label'), /mounted by pets-1/);
  assert.match(await textOf(page, '.dns'), /pets-1\.pets\.default\.svc\.cluster\.local/);
  assert.notEqual(await podIp(page, 'pets-1'), '', `pets-1 has an IP (was ${petIp})`);
  await app.screenshot('pet-returns');

  // Scale each down by one.
  await scrubTo(page, 78_000);
  assert.equal((await live(page, 'cattle')).length, 2, 'two cattle pods left');
  assert.equal(await page.locator('[data-pod="pets-2"]').count(), 0, 'pets-2, the highest ordinal, is gone');
  assert.match(await textOf(page, '[data-claim="www-pets-2"] .claim-status'), /detached/);
  assert.match(await textOf(page, '.narration'), /always removes the highest ordinal/);
  await app.screenshot('cattle-pets-scaled-down');
});

appTest('a database as a ReplicaSet: one claim, Multi-Attach, every replica writes the same file', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'database-as-replicaset');
  await scrubTo(page, 32_000);
  assert.equal(await page.locator('[data-claim="data"]').count(), 1, 'the shared claim is drawn once');
  const users = await page.locator('[data-claim="data"]').getAttribute('aria-label');
  assert.match(users, /Claim data: Bound/);
  const stuck = await page.locator('.pod.stuck').evaluateAll((els) => els.map((e) => e.dataset.pod));
  assert.ok(stuck.length >= 1, 'a replica waits for the disk');
  for (const name of stuck) {
    assert.equal(await textOf(page, `[data-pod="${name}"] .rev-badge`), 'Multi-Attach error');
    assert.equal(await textOf(page, `[data-pod="${name}"] .pod-status`), 'ContainerCreating');
  }
  assert.match(await textOf(page, '.workloads .waiting'), /FailedAttachVolume: Multi-Attach error for volume "pvc-[^"]+" Volume is already used by pod\(s\) db-/);
  // One line from each of the three replicas to the one claim.
  assert.equal(
    (await page.locator('.mount-line').count()) + (await page.locator('rect.mount').count()),
    3,
    'three mount lines',
  );
  assert.match(await textOf(page, '.narration'), /Multi-Attach error/);
  await app.screenshot('db-multi-attach');

  await scrubTo(page, 80_000);
  const console = await textOf(page, '.console');
  const rows = console.match(/row from db-local-\w+-?\w*/g) ?? [];
  assert.equal(new Set(rows).size, 3, `three replicas' rows in one file: ${rows}`);
  assert.match(await textOf(page, '.narration'), /A database needs a StatefulSet/);
  await app.screenshot('db-same-file');
});

appTest('rolling update two ways: the Deployment surges, the StatefulSet goes from the top', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'rolling-update-two-ways');
  await scrubTo(page, 31_000);
  const rs = await page.locator('.rs-header').evaluateAll((els) => els.map((e) => e.dataset.rs));
  assert.equal(rs.length, 2, `old and new ReplicaSets side by side: ${rs}`);
  assert.match(await textOf(page, '.rs-header.rolling'), /rev 2 · new/);
  assert.match(await textOf(page, `.rs-header[data-rs="${rs[0]}"]`), /rev 1 · old/);
  const pods = (await live(page, 'cattle')).length;
  assert.ok(pods <= 6, `never more than replicas + maxSurge = 6 pods: ${pods}`);
  assert.ok(pods > 4, `surging: ${pods} pods`);
  assert.match(await textOf(page, '[data-pod="pets-2"] .rev-badge'), /update/);
  assert.match(await textOf(page, '[data-pod="pets-0"] .rev-badge'), /current/);
  await app.screenshot('rolling-two-ways-surge');

  await scrubTo(page, 75_000);
  assert.equal(await page.locator('.rs-header').count(), 1, 'the old ReplicaSet at 0 is not drawn');
  assert.match(await textOf(page, '[data-deployment="cattle"]'), /1 old ReplicaSet at 0/);
  assert.match(await textOf(page, '[data-deployment="cattle"]'), /4\/4 ready · 4 up-to-date · 4 available/);
  await app.screenshot('rolling-two-ways-done');
});

appTest(
  'the node dies: cattle replaced elsewhere, the pet waits, the bare pod is gone',
  async (app) => {
    await app.open();
    const { page } = app;
    await pickScenario(page, 'node-dies-three-ways');
    await scrubTo(page, 24_000);
    const onNode2 = await page.locator('[data-pod]').evaluateAll((els) => els.map((e) => e.dataset.pod));
    assert.ok(onNode2.includes('bare'));
    await scrubTo(page, 390_000);
    assert.equal(await textOf(page, '[data-pod="bare"] .pod-status'), 'Terminating');
    const gone = await page
      .locator('.pod.cattle.terminating[data-pod^="cattle-"]')
      .evaluateAll((els) => els.map((e) => e.dataset.pod));
    assert.equal(gone.length, 1, `one cattle pod stuck terminating: ${gone}`);
    assert.equal((await live(page, 'cattle')).length, 3, 'and already replaced');
    const pets = await page.locator('.pod.terminating[data-pod^="pets-"]').evaluateAll((els) => els.map((e) => e.dataset.pod));
    assert.equal(pets.length, 1, `one pet stuck terminating: ${pets}`);
    assert.equal(await page.locator(`[data-pod="${pets[0]}"]`).count(), 1, 'at most one of each pet');
    assert.match(await textOf(page, '.narration'), /nothing replaces the bare pod/);
    await app.screenshot('node-dies-evicted');

    await scrubTo(page, 445_000);
    assert.equal(await page.locator('[data-pod="bare"]').count(), 0, 'the bare pod is simply gone');
    await page.locator(`[data-pod="${pets[0]}"]:not(.terminating)`).waitFor();
    await app.screenshot('node-dies-healed');
  },
  { timeout: 120_000 },
);

appTest(
  'at 360 px the cattle scenarios stay readable',
  async (app) => {
    await app.open();
    const { page } = app;
    for (const [id, ms] of [
      ['cattle-and-pets', 22_000],
      ['database-as-replicaset', 32_000],
      ['rolling-update-two-ways', 31_000],
      ['node-dies-three-ways', 390_000],
    ]) {
      await pickScenario(page, id);
      await scrubTo(page, ms);
      await page.locator('.pod.cattle').first().waitFor();
      await app.screenshot(`narrow-${id}`);
    }
  },
  { viewport: { width: 360, height: 780 }, timeout: 120_000 },
);

appTest('keyboard and axe on the cattle views', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'database-as-replicaset');
  await scrubTo(page, 32_000);
  // A cattle pod is reachable with Tab and opens its actions with Enter.
  const first = page.locator('.pod.cattle').first();
  const name = await first.evaluate((e) => e.dataset.pod);
  await first.locator('.hit').focus();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-pod]')?.dataset?.pod), name);
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: `Actions for Pod ${name}` });
  await menu.waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  // The pod's accessible name carries what the card shows and why it waits.
  const stuck = page.locator('.pod.stuck').first();
  assert.match(await stuck.locator('.hit').getAttribute('aria-label'), /no ordinal.*Waiting: FailedAttachVolume: Multi-Attach error/);
  // The new views: cattle pods, Deployment and ReplicaSet cards, the shared claim, the panel.
  assert.deepEqual(await axeViolations(page, '.pod.cattle', '.workload-header', '[data-claim="data"]', '.workloads'), []);
});
