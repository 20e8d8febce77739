// Narration that follows the cluster (issue 11 item 8): a sentence appears once what it says has
// happened, the learner's own writes hand the strip to the controllers' words (with a way back),
// and the strip keeps its height so the canvas never moves.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { pickScenario, runCommand, scrubTo, textOf, textsOf } from './ui-helpers.mjs';

const narration = (page) => textOf(page, '.narration p');

/** The canvas' top edge and whether the strip shows all of its text. */
async function measure(page) {
  return page.evaluate(() => {
    const strip = document.querySelector('.narration');
    return {
      top: document.querySelector('svg.cluster').getBoundingClientRect().top,
      fits: strip.scrollHeight <= strip.clientHeight + 1,
      state: strip.dataset.narration,
    };
  });
}

appTest('a sentence waits for its event, and a write hands the strip to the controllers', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'claims-kept');
  // 41 s: the scale-down to 2 has run, but web-3 is still there — its sentence waits.
  await scrubTo(page, 41_000);
  await page.locator('[data-pod="web-3"]').waitFor();
  assert.doesNotMatch(await narration(page), /web-3 and web-2 are deleted/);
  // Once both are gone, it is said.
  await scrubTo(page, 58_000);
  await page.locator('.narration[data-narration="script"]').waitFor();
  assert.match(await narration(page), /web-3 and web-2 are deleted/);
  assert.equal(await page.locator('[data-pod="web-3"]').count(), 0);
  await app.screenshot('ui-narration-step-1280x800');

  // A read is not a divergence…
  await runCommand(page, 'kubectl get pods');
  await app.expectText('RESTARTS');
  assert.match(await narration(page), /web-3 and web-2 are deleted/);
  // …a write is: the strip shows what the controller panel says, in its words.
  await runCommand(page, 'kubectl scale sts web --replicas=1');
  await page.locator('.narration[data-narration="diverged"]').waitFor();
  await page.click('button.step');
  const panel = await textOf(page, '.controller .explanation');
  assert.deepEqual(await textsOf(page, '.narration .own-words li'), [`StatefulSet web: ${panel}`]);
  assert.match(await textOf(page, '.narration'), /Off script/);
  await app.screenshot('ui-narration-diverged-1280x800');

  // The way back: the scenario starts again, on its script.
  await page.getByRole('button', { name: 'Restart the scenario' }).click();
  await page.locator('.narration.invite').waitFor();
  await scrubTo(page, 58_000);
  await page.locator('.narration[data-narration="script"]').waitFor();
  assert.match(await narration(page), /web-3 and web-2 are deleted/);
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 360, height: 740 },
]) {
  const size = `${viewport.width}x${viewport.height}`;
  appTest(
    `at ${size} the narration strip never moves the canvas`,
    async (app) => {
      await app.open();
      const { page } = app;
      await pickScenario(page, 'node-failure');
      const seen = [await measure(page)];
      // A short sentence, the two longest, and the controllers' words.
      for (const t of [30_000, 100_000, 405_000]) {
        await scrubTo(page, t);
        await page.locator('.narration[data-narration="script"]').waitFor();
        seen.push(await measure(page));
      }
      if (viewport.width === 360) await app.screenshot(`ui-narration-step-${size}`);
      await runCommand(page, 'kubectl annotate sts web note=mine');
      await page.locator('.narration[data-narration="diverged"]').waitFor();
      seen.push(await measure(page));
      if (viewport.width === 360) await app.screenshot(`ui-narration-diverged-${size}`);
      for (const m of seen) {
        assert.ok(Math.abs(m.top - seen[0].top) < 0.5, `canvas top ${m.top} (${m.state}) vs ${seen[0].top}: ${JSON.stringify(seen)}`);
        assert.ok(m.fits, `the ${m.state} text fits its strip: ${JSON.stringify(seen)}`);
      }
    },
    { viewport },
  );
}
