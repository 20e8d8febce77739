// Measurements, printed rather than asserted (timings on a shared machine flake): first render,
// frame times while 100 pods animate, and scrub latency with 100 pods.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { pickScenario, runCommand } from './ui-helpers.mjs';

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

appTest(
  'performance: first render, 100 animating pods, scrubbing',
  async (app) => {
    await app.open();
    const { page } = app;
    const first = await page.evaluate(() => performance.getEntriesByName('ordinal-first-render')[0]?.startTime);
    assert.ok(first > 0);

    await pickScenario(page, 'parallel-vs-ordered');
    await runCommand(page, 'kubectl scale sts par --replicas=100');
    await app.expectText('statefulset.apps/par scaled');
    await page.selectOption('.speed select', '2');
    await page.click('button.play');
    // Sample frame-to-frame intervals while the pods are created, scheduled and started.
    const frames = await page.evaluate(
      () =>
        new Promise((done) => {
          const deltas = [];
          let last = performance.now();
          const end = last + 5000;
          function tick(now) {
            deltas.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else done(deltas);
          }
          requestAnimationFrame(tick);
        }),
    );
    await page.click('button.play');
    const pods = await page.locator('[data-pod^="par-"]').count();
    assert.equal(pods, 100, 'all 100 pods drawn');
    const running = await page.locator('[data-pod^="par-"].g-ready').count();

    const scrubs = [];
    for (const ms of [2000, 12000, 5000, 9000]) {
      scrubs.push(
        await page.evaluate(async (ms) => {
          const input = document.querySelector('.scrubber input');
          const t0 = performance.now();
          input.value = String(ms);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        }, ms),
      );
    }
    const p50 = percentile(frames, 50);
    const p95 = percentile(frames, 95);
    console.log(`# perf: first render ${first.toFixed(0)} ms after navigation start`);
    console.log(
      `# perf: 100 pods animating (${running} Ready at the end): ${frames.length} frames in 5 s, frame time p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms`,
    );
    console.log(`# perf: scrub latency with 100 pods (input to painted frame): ${scrubs.map((s) => s.toFixed(0)).join(' / ')} ms`);
    await app.screenshot('ui-perf-100-pods');
  },
  { timeout: 120_000 },
);
