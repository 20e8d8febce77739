// Scrubbing the timeline back shows the past exactly; prints the scrub latency.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, scrubTo, textOf } from './ui-helpers.mjs';

appTest('scrubbing back shows web-1 not yet created, and forward again restores it', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  assert.equal(await page.locator('[data-pod="web-1"]').count(), 1);
  const ip = await textOf(page, '[data-pod="web-1"] .pod-ip');

  const latencies = [];
  for (const [ms, clock] of [[3000, 't = 0:03.000'], [20000, 't = 0:20.000'], [7000, 't = 0:07.000']]) {
    const took = await page.evaluate(async ([ms, clock]) => {
      const input = document.querySelector('.scrubber input');
      const t0 = performance.now();
      input.value = String(ms);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (!document.querySelector('.clock').textContent.includes(clock.slice(4))) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    }, [ms, clock]);
    latencies.push(took);
    assert.equal(await textOf(page, '.clock'), clock);
    if (ms === 3000) {
      assert.equal(await page.locator('[data-pod="web-1"]').count(), 0, 'at 3 s web-1 does not exist yet');
      assert.equal(await page.locator('[data-pod="web-0"]').count(), 1);
    }
    if (ms === 20000) {
      assert.equal(await textOf(page, '[data-pod="web-1"] .pod-ip'), ip, 'replay is exact: same IP');
    }
  }
  console.log(`# perf: scrub latency ${latencies.map((l) => l.toFixed(1)).join(' / ')} ms (to 3 s, 20 s, 7 s)`);
  await scrubTo(page, 3000);
  await app.screenshot('ui-scrubbed-back');
});
