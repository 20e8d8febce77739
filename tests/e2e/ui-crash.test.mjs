// When the wasm side dies — a panic, out of memory, any other trap — the crash screen replaces
// the page, offers the link to what led there, and its Reset (no inline script: the page runs
// under a strict CSP) brings back a working app. The traps come from `window.ordinalDebugTrap`,
// which the app installs only under automation (crates/ordinal-web/src/debug_trap.rs).
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, runCommand, textOf } from './ui-helpers.mjs';

/** Drives the app somewhere a link must capture, kills the wasm side with `kind`, checks the screen. */
async function crashAndReset(app, kind, expectDetail) {
  const { page } = app;
  await app.open();
  await playToEnd(page);
  await runCommand(page, 'kubectl scale sts web --replicas=3');
  await app.expectText('statefulset.apps/web scaled');
  assert.equal(await page.evaluate(() => typeof window.ordinalDebugTrap), 'function', 'the test hook is there');
  // While playing, from a timer, as a trap in an event handler or animation frame arrives: uncaught.
  await page.click('button.play');
  await page.locator('button.play[aria-pressed="true"]').waitFor();
  await page.waitForTimeout(1_200);
  await page.evaluate((k) => setTimeout(() => window.ordinalDebugTrap(k)), kind);

  const screen = page.getByRole('alert').filter({ hasText: 'Ordinal stopped' });
  await screen.waitFor({ timeout: 30_000 });
  assert.match(await textOf(page, '.crash pre'), expectDetail);
  assert.equal(await page.locator('main').count(), 0, 'the half-dead app is gone');
  const link = await page.locator('.crash-link').getAttribute('href');
  assert.match(link, /#s=ordered-creation&t=\d+&h=\d+&x=\d+&c=\d+,kubectl%20scale%20sts%20web%20--replicas%3D3/);
  await app.screenshot(`ui-crash-${kind}`);

  // Clicks land on the crash screen, not in the dead instance: no further errors. And the dead
  // instance stops playing (while playing the app refreshes this link every second).
  const seen = app.problems.length;
  const remembered = await page.evaluate(() => window.ordinalShareLink);
  await page.locator('.crash pre').click();
  await page.waitForTimeout(1_500);
  assert.equal(app.problems.length, seen, `no new errors: ${app.problems.slice(seen).join('; ')}`);
  assert.equal(await page.evaluate(() => window.ordinalShareLink), remembered, 'the simulation stopped');
  // The expected errors of the crash itself (the harness fails a test on any).
  assert.ok(app.problems.some((p) => /unreachable|RuntimeError|panicked/.test(p)), app.problems.join('\n'));
  app.problems.length = 0;

  await page.getByRole('button', { name: 'Reset and start again' }).click();
  await page.locator('main').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'Reset drops the link that may have broken the page');
  await app.expectText('Press ▶ Play');
  await runCommand(page, 'kubectl get sts');
  await page.locator('.term-out').getByText(/web\s+\d\/\d/).waitFor();
  assert.equal(await page.locator('.crash').count(), 0);

  // The link it offered rebuilds what led there (a fresh load: from the same page it would only
  // change the fragment).
  await page.goto('about:blank');
  await page.goto(link);
  await page.locator('main').waitFor();
  await page.locator('.mark-user').waitFor();
  assert.match(await textOf(page, '.term-out'), /kubectl scale sts web --replicas=3/);
}

appTest('out of memory shows the crash screen with the link, and Reset works', (app) =>
  crashAndReset(app, 'oom', /RuntimeError: unreachable[\s\S]*ran out of memory/),
);

appTest('a panic shows the crash screen with its message, and Reset works', (app) =>
  crashAndReset(app, 'panic', /panicked at .*debug_trap\.rs[\s\S]*ordinalDebugTrap\("panic"\)/),
);

appTest('any other wasm trap shows the crash screen too', (app) =>
  crashAndReset(app, 'unreachable', /RuntimeError: unreachable/),
);
