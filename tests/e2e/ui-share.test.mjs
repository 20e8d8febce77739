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

/** How long a rAF round trip takes right now: small while the page stays responsive. */
async function frameLatency(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const t0 = performance.now();
        requestAnimationFrame(() => done(performance.now() - t0));
      }),
  );
}

const SIX_HOURS = '360:00.000';

appTest('a link at the largest time opens at once, replays to the 6-hour bound and says so', async (app) => {
  const { page } = app;
  const t0 = Date.now();
  await app.open('./#s=ordered-creation&t=18446744073709551615&h=18446744073709551615');
  const rendered = Date.now() - t0;
  assert.ok(rendered < 5_000, `first render took ${rendered} ms`);
  const latency = await frameLatency(page);
  assert.ok(latency < 500, `a frame took ${latency} ms while replaying`);
  await page.locator('.link-notice').waitFor({ timeout: 30_000 });
  const done = Date.now() - t0;
  console.log(`t=u64::MAX link: first render ${rendered} ms, replay done ${done} ms, frame while replaying ${latency.toFixed(1)} ms`);
  assert.match(await textOf(page, '.link-notice p'), /^This link reaches past the 6 hours of simulated time a shared link may replay, so its timeline ends there\./);
  assert.equal(await textOf(page, '.clock'), `t = ${SIX_HOURS}`);
  await app.screenshot('ui-share-capped-notice');
  // The page works: the console runs a command, and the notice can be dismissed.
  await runCommand(page, 'kubectl get sts');
  await page.locator('.term-out .cmd', { hasText: 'kubectl get sts' }).waitFor();
  assert.match(await textOf(page, '.term-out'), /web 2\/2 6h/);
  await page.click('.notice-dismiss');
  assert.equal(await page.locator('.link-banner').count(), 0);
});

/** A link whose commands are `n` times `sleep 1h`, all issued at the start. */
function sleepsLink(n, extra = '') {
  const c = Array.from({ length: n }, (_, i) => `${i},sleep%201h`).join(';');
  return `./#s=ordered-creation&t=0&h=0&x=1${extra}&c=${c}`;
}

appTest('a link of 2,000 `sleep 1h` stops at the bound and leaves the rest out', async (app) => {
  const { page } = app;
  const t0 = Date.now();
  await app.open(sleepsLink(2_000));
  const rendered = Date.now() - t0;
  assert.ok(rendered < 5_000, `first render took ${rendered} ms`);
  await page.locator('.link-notice').waitFor({ timeout: 30_000 });
  console.log(`2,000 x sleep 1h link: first render ${rendered} ms, replay done ${Date.now() - t0} ms`);
  assert.match(await textOf(page, '.link-notice p'), /so its timeline ends there, without its last 1994 commands\./);
  // Six sleeps ran (an hour each), and the timeline stayed legible.
  assert.equal(await page.locator('.term-out .cmd', { hasText: 'sleep 1h' }).count(), 6);
  assert.ok((await page.locator('.mark').count()) <= 200);
});

appTest('a long replay shows its progress and can be stopped, keeping what it replayed', async (app) => {
  const { page } = app;
  // A slow device (a quarter of this machine's speed), so that the replay is long enough to
  // watch and stop; every sleep at its own hour, through six hours of a set scaled to 20.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const c = ['0,kubectl%20scale%20sts%20web%20--replicas%3D20']
    .concat(Array.from({ length: 5 }, (_, i) => `${(i + 1) * 3_600_000},sleep%2010m`))
    .join(';');
  await app.open(`./#s=ordered-creation&t=21600000&h=21600000&x=1&c=${c}`);
  const banner = page.locator('.link-banner.replaying');
  await banner.waitFor({ timeout: 5_000 });
  assert.match(await textOf(page, '.link-banner-detail'), /^t = [\d:.]+ of 360:00\.000 · \d of 6 commands$/);
  await app.screenshot('ui-share-replay-progress');
  await page.getByRole('button', { name: 'Stop here' }).click();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const notice = await textOf(page, '.link-notice p');
  assert.match(notice, /^Replay stopped at [\d:.]+: you see the link's first \d of 6 commands\.$/);
  const clock = await textOf(page, '.clock');
  assert.notEqual(clock, `t = ${SIX_HOURS}`, 'stopped before the end');
  // What was replayed stays: the scale command ran, and the shared link is now the shorter one.
  assert.match(await textOf(page, '.term-out'), /statefulset\.apps\/web scaled/);
  assert.match(page.url(), /c=0,kubectl%20scale/);
  assert.doesNotMatch(page.url(), /t=21600000/);
});

appTest('thousands of commands draw a bounded number of timeline marks', async (app) => {
  const { page } = app;
  const c = Array.from({ length: 2_000 }, (_, i) => `${i * 100},kubectl%20get%20sts`).join(';');
  await app.open(`./#s=ordered-creation&t=200000&h=200000&x=1&c=${c}`);
  await page.locator('.link-banner.replaying').waitFor({ state: 'detached', timeout: 30_000 });
  const marks = await page.locator('.mark').count();
  assert.ok(marks <= 200 && marks >= 100, `${marks} marks`);
  const title = await page.locator('.mark-many').first().getAttribute('title');
  assert.match(title, /^[\d:.]+ — (you|scenario): .*\n.*\n.*\n\+\d+ more$/);
});
