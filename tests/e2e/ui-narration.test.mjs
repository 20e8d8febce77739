// Narration that follows the cluster (issue 11 item 8): a sentence appears once what it says has
// happened, the learner's own writes hand the strip to the controllers' words (with a way back),
// and the strip keeps its height so the canvas never moves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appTest, ROOT } from './harness.mjs';
import { pickScenario, runCommand, scrubTo, textOf, textsOf } from './ui-helpers.mjs';

/** Every invitation and sentence of the guided scenarios: the string literals of the catalog
    that are not commands (raw strings are patches). */
function catalogTexts() {
  const src = readFileSync(join(ROOT, 'crates/ordinal-web/src/scenarios/catalog.rs'), 'utf8').replace(/r#"[\s\S]*?"#/g, '');
  const texts = [...src.matchAll(/"((?:[^"\\\n]|\\.){60,})"/g)].map((m) => m[1]);
  const sentences = texts.filter((t) => !/^(kubectl|sim |for |\$\()/.test(t));
  // Tried after the longest title, which runs into the sentence.
  const title = [...src.matchAll(/title: "([^"]+)"/g)].map((m) => m[1]).sort((a, b) => b.length - a.length)[0];
  return { title, sentences };
}

/** The sentences that do not fit the strip at this width, tried in a copy of it. */
async function overflowing(page, { title, sentences }) {
  return page.evaluate(([title, texts]) => {
    const strip = document.querySelector('.narration');
    const copy = strip.cloneNode(true);
    copy.style.position = 'absolute';
    copy.style.visibility = 'hidden';
    copy.style.width = `${strip.getBoundingClientRect().width}px`;
    strip.parentNode.appendChild(copy);
    const p = copy.querySelector('p');
    const head = p.querySelector('.scenario-title');
    head.textContent = title;
    const bad = texts.filter((t) => {
      p.replaceChildren(head, ` ${t}`);
      return copy.scrollHeight > copy.clientHeight + 1;
    });
    copy.remove();
    return bad;
  }, [title, sentences]);
}

const narration = (page) => textOf(page, '.narration p');

/** The canvas' top edge and whether the strip shows all of its text. */
async function measure(page) {
  return page.evaluate(() => {
    const strip = document.querySelector('.narration');
    return {
      top: document.querySelector('svg.cluster').getBoundingClientRect().top + window.scrollY,
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
      const texts = catalogTexts();
      assert.ok(texts.sentences.length > 60 && texts.title.length > 30, JSON.stringify(texts));
      assert.deepEqual(await overflowing(page, texts), [], 'every sentence fits the strip');
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
