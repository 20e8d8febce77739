// The canvas as a learner sees it (issue 11): nothing blinks when a pod comes, claims stay drawn
// after their set is deleted, the drawing, the timeline and the console fit one screen, sets of
// 12 and 30 stay legible, the marks are explained, and axe finds nothing serious.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { appTest, SCREENSHOTS } from './harness.mjs';
import { axeViolations } from './a11y.mjs';
import { pickScenario, playToEnd, runCommand, scrubTo, textsOf } from './ui-helpers.mjs';

/** The viewport rectangle of the first element `selector` matches. */
async function rectOf(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
}

/** Entirely inside the window (a pixel of rounding allowed). */
function inWindow(r, viewport, what) {
  assert.ok(r.top >= -1 && r.left >= -1, `${what} starts inside the window: ${JSON.stringify(r)}`);
  assert.ok(r.bottom <= viewport.height + 1 && r.right <= viewport.width + 1, `${what} ends inside the ${viewport.width}×${viewport.height} window: ${JSON.stringify(r)}`);
}

appTest('web-0 does not fade or get re-created while web-1 appears', async (app) => {
  await app.open();
  const { page } = app;
  // Move through the first scene a quarter second at a time (the same renders playing makes,
  // without racing the clock); after each move, web-0's element must be the one drawn before.
  let appeared = null;
  for (let t = 0; t <= 20_000 && appeared === null; t += 250) {
    await scrubTo(page, t);
    const seen = await page.evaluate(
      () =>
        new Promise((resolve) => {
          requestAnimationFrame(() => {
            const pod = document.querySelector('[data-pod="web-0"]');
            const claim = document.querySelector('[data-claim="www-web-0"]');
            const was = window.__kept ?? {};
            const out = {
              podRecreated: Boolean(was.pod && pod && was.pod !== pod),
              claimRecreated: Boolean(was.claim && claim && was.claim !== claim),
              web1: Boolean(document.querySelector('[data-pod="web-1"]')),
            };
            window.__kept = { pod, claim };
            resolve(out);
          });
        }),
    );
    assert.equal(seen.podRecreated, false, `web-0's card was re-created at ${t} ms`);
    assert.equal(seen.claimRecreated, false, `www-web-0's card was re-created at ${t} ms`);
    if (seen.web1) appeared = t;
  }
  assert.ok(appeared !== null, 'web-1 appears in the first scene');
  // Replay the moment web-1 comes while sampling web-0 every frame: no fade, no appear animation.
  await scrubTo(page, appeared - 250);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const sampling = page.evaluate(
    () =>
      new Promise((resolve) => {
        let minOpacity = 1;
        let animations = 0;
        let web1Animated = false;
        const until = performance.now() + 600;
        const sample = () => {
          const pod = document.querySelector('[data-pod="web-0"]');
          const claim = document.querySelector('[data-claim="www-web-0"]');
          minOpacity = Math.min(minOpacity, Number(getComputedStyle(pod).opacity), Number(getComputedStyle(claim).opacity));
          animations = Math.max(animations, pod.getAnimations().length);
          const web1 = document.querySelector('[data-pod="web-1"]');
          if (web1 && web1.getAnimations().some((a) => a.animationName === 'appear')) web1Animated = true;
          if (performance.now() < until) requestAnimationFrame(sample);
          else resolve({ minOpacity, animations, web1Animated });
        };
        requestAnimationFrame(sample);
      }),
  );
  await scrubTo(page, appeared);
  const seen = await sampling;
  assert.equal(seen.minOpacity, 1, 'web-0 and its claim never fade while web-1 appears');
  assert.equal(seen.animations, 0, 'web-0 runs no animation while web-1 appears');
  assert.equal(seen.web1Animated, true, 'web-1 itself fades in (so the sampling would see a fade)');
});

appTest('claims stay drawn after their StatefulSet is deleted', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'retention-policy');
  await playToEnd(page);
  assert.equal(await page.locator('.set-header').count(), 0, 'the StatefulSet is gone');
  assert.deepEqual(await page.locator('[data-claim]').evaluateAll((els) => els.map((e) => e.dataset.claim)), ['www-web-0']);
  assert.match(await page.locator('.set-gone').textContent(), /StatefulSet web: deleted/);
  assert.equal(await page.locator('.canvas-empty').count(), 0, 'not called empty while a claim remains');
  await app.screenshot('ui-canvas-retained-claim');

  await pickScenario(page, 'delete-without-scaling');
  await playToEnd(page);
  assert.deepEqual(
    await page.locator('[data-claim]').evaluateAll((els) => els.map((e) => e.dataset.claim)),
    ['www-web-0', 'www-web-1', 'www-web-2'],
    'every claim, in ordinal order',
  );
  const xs = await page.locator('[data-claim]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  assert.ok(xs[0] < xs[1] && xs[1] < xs[2], `left to right by ordinal: ${xs}`);
});

appTest('the empty canvas says so in full, inside the drawing', async (app) => {
  await app.open();
  const { page } = app;
  // Remove everything the first scene made; the canvas then has nothing to draw.
  await runCommand(page, 'kubectl delete sts web');
  await runCommand(page, 'kubectl delete pvc --all');
  await page.click('button.play');
  await page.locator('.canvas-empty').waitFor({ timeout: 30_000 });
  await page.click('button.play');
  const svg = await rectOf(page, 'svg.cluster');
  for (const sel of ['.canvas-empty', '.canvas-empty-note']) {
    const r = await rectOf(page, sel);
    assert.ok(r.right <= svg.right && r.left >= svg.left, `${sel} inside the canvas: ${JSON.stringify(r)} in ${JSON.stringify(svg)}`);
  }
  assert.equal(await page.locator('.canvas-empty-note').textContent(), 'Apply a manifest from the YAML editor or the console.');
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  appTest(
    `at ${viewport.width}×${viewport.height} the cluster, the timeline and the console input are visible together`,
    async (app) => {
      await app.open();
      const { page } = app;
      await pickScenario(page, 'stable-storage');
      await scrubTo(page, 30_000);
      await page.locator('[data-claim="www-web-1"]').waitFor();
      // Focusing the prompt must not scroll the drawing away.
      await page.locator('#console-input').focus();
      await page.waitForTimeout(200);
      inWindow(await rectOf(page, 'svg.cluster'), viewport, 'the whole drawing (set, lanes, storage)');
      inWindow(await rectOf(page, '.scrubber'), viewport, 'the timeline');
      inWindow(await rectOf(page, '#console-input'), viewport, 'the console input');
      for (const sel of ['[data-set="web"]', '[data-pod="web-1"]', '[data-claim="www-web-1"]']) {
        inWindow(await rectOf(page, sel), viewport, sel);
      }
      // The drawing uses the width it has, up to what its height allows, and its lanes are no
      // taller than a card plus its margins.
      const svg = await rectOf(page, 'svg.cluster');
      const stage = await rectOf(page, '.stage');
      const lane = await rectOf(page, '[data-node="node-1"] > rect');
      const card = await rectOf(page, '[data-pod="web-0"] .card-frame');
      assert.ok(lane.height <= card.height * 1.25, `lane ${lane.height} px for a ${card.height} px card`);
      assert.ok(svg.width >= stage.width * 0.6 || svg.bottom >= viewport.height - 40, `the drawing (${svg.width}) uses the stage's ${stage.width} px or the window's height`);
      await app.screenshot(`ui-canvas-first-screen-${viewport.width}x${viewport.height}`);
    },
    { viewport },
  );
}

appTest(
  'at 360×740 the canary and its partition line stay in view',
  async (app) => {
    await app.open();
    const { page } = app;
    await app.screenshot('ui-canvas-first-screen-360x740');
    await pickScenario(page, 'rolling-update-partition');
    await scrubTo(page, 40_000);
    await page.locator('.partition').waitFor();
    const box = await rectOf(page, '.canvas-scroll');
    const line = await rectOf(page, '.partition line');
    const canary = await rectOf(page, '[data-pod="web-2"]');
    for (const [what, r] of [
      ['the partition line', line],
      ['the canary web-2', canary],
    ]) {
      assert.ok(r.left >= box.left - 1 && r.right <= box.right + 1, `${what} is in the canvas's view: ${JSON.stringify(r)} in ${JSON.stringify(box)}`);
    }
    const over = await page.locator('.canvas-scroll').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    assert.equal(await page.locator('.scroll-cue').isVisible(), over, 'a cue says so exactly when the drawing scrolls sideways');
    const page_w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(page_w[0] <= page_w[1], `only the drawing scrolls sideways, not the page: ${page_w}`);
    await app.screenshot('ui-canvas-partition-360x740');
    // The stage alone, at the phone's own pixels (the full page is too tall to read).
    await page.locator('.stage').screenshot({ path: join(SCREENSHOTS, 'ui-canvas-partition-360-stage.png') });
  },
  { viewport: { width: 360, height: 740 } },
);

appTest('12 and 30 pods: ordinals clear of names, natural order, readable or scrolled with a cue', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'parallel-vs-ordered');
  await playToEnd(page);
  // Both sets of "Parallel vs OrderedReady" and every Service are drawn.
  assert.deepEqual((await page.locator('.set-header').evaluateAll((els) => els.map((e) => e.dataset.set))).sort(), ['par', 'web']);
  const view = await rectOf(page, '.canvas-scroll');
  for (const set of ['web', 'par']) {
    const r = await rectOf(page, `.set-header[data-set="${set}"]`);
    assert.ok(r.left >= view.left - 1 && r.right <= view.right + 1, `set ${set} in view at 1280 px: ${JSON.stringify(r)} in ${JSON.stringify(view)}`);
  }
  for (const name of ['web-3', 'par-3']) {
    const r = await rectOf(page, `[data-pod="${name}"]`);
    assert.ok(r.right <= view.right + 1, `${name} in view`);
  }
  const services = await page.locator('.service').count();
  await runCommand(page, 'kubectl get svc -A --no-headers');
  await page.waitForTimeout(200);
  const out = await page.locator('.cmd pre').last().textContent();
  const listed = out.split('\n').filter((l) => /ClusterIP/.test(l)).length;
  assert.ok(listed >= 3, out);
  assert.equal(services, listed, `every Service kubectl lists is drawn (${out})`);

  await runCommand(page, 'kubectl scale sts web --replicas=12');
  await page.click('button.play');
  await page.locator('[data-pod="web-11"].g-ready').waitFor({ timeout: 60_000 });
  await page.click('button.play');
  const order = await page.locator('.pod[data-pod^="web-"]').evaluateAll((els) => els.map((e) => e.dataset.pod));
  assert.deepEqual(order, Array.from({ length: 12 }, (_, i) => `web-${i}`), 'pods in natural order (web-2 before web-10)');
  const dns = await textsOf(page, '.records .rname');
  const hosts = dns.filter((n) => /^web-\d+\./.test(n)).map((n) => n.split('.')[0]);
  assert.deepEqual(hosts, Array.from({ length: 12 }, (_, i) => `web-${i}`), 'DNS records in ordinal order');
  const scroller = await page.locator('.canvas-scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
  if (scroller.sw > scroller.cw + 1) assert.ok(await page.locator('.scroll-cue').isVisible(), '12 pods scroll, with a cue');

  await runCommand(page, 'kubectl scale sts web --replicas=30');
  await page.click('button.play');
  await page.locator('[data-pod="web-29"].g-ready').waitFor({ timeout: 60_000 });
  await page.click('button.play');
  // Two-digit ordinals end before the name starts.
  for (const name of ['web-10', 'web-29']) {
    const o = await rectOf(page, `[data-pod="${name}"] .ordinal`);
    const n = await rectOf(page, `[data-pod="${name}"] .pod-name`);
    assert.ok(o.right <= n.left, `${name}: ordinal ${JSON.stringify(o)} clear of name ${JSON.stringify(n)}`);
  }
  // Readable: names drawn at 9 px or more on screen.
  const px = await page.locator('[data-pod="web-29"] .pod-name').evaluate((el) => {
    const svg = el.ownerSVGElement;
    return (parseFloat(getComputedStyle(el).fontSize) * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width;
  });
  assert.ok(px >= 9, `pod names at ${px.toFixed(1)} px`);
  assert.ok(await page.locator('.scroll-cue').isVisible(), '30 pods scroll, with a cue');
  await app.screenshot('ui-canvas-30-pods');
}, { timeout: 120_000 });

appTest('legend, fitted texts, learn-more links', async (app) => {
  await app.open();
  const { page } = app;
  const legend = await textsOf(page, '.legend li');
  assert.deepEqual(
    legend.map((t) => t.split(':')[0]),
    ['dashed', 'dotted', 'shaded', 'orange line'],
  );
  assert.match(legend.join(' | '), /dashed: terminating.*dotted: waiting.*shaded: beyond replicas/);
  // A long name is cut inside its card, with the whole name as its <title>.
  await runCommand(page, 'kubectl create deployment a-rather-long-deployment-name --image=registry.k8s.io/nginx-slim:0.27');
  await page.click('button.play');
  await page.locator('.pod.cattle').first().waitFor({ timeout: 30_000 });
  await page.click('button.play');
  const card = page.locator('.pod.cattle').first();
  const frame = await rectOf(page, '.pod.cattle .card-frame');
  for (const sel of ['.pod-name', '.pod-ip', '.pod-status', '.pod-ready', '.rev-badge text']) {
    const r = await card.locator(sel).first().evaluate((el) => {
      const b = el.getBoundingClientRect();
      return { left: b.left, right: b.right };
    });
    assert.ok(r.left >= frame.left && r.right <= frame.right + 0.5, `${sel} inside its card: ${JSON.stringify(r)} in ${JSON.stringify(frame)}`);
  }
  assert.match(await card.locator('.pod-name title').textContent(), /^a-rather-long-deployment-name-[0-9a-z]+-$/);
  // Learn more: kubernetes.io concept pages, named by their visible words first.
  const links = await page.locator('a.learn-more').evaluateAll((els) => els.map((a) => a.href));
  assert.ok(links.includes('https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/'), links.join(' '));
  assert.ok(links.includes('https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/'), links.join(' '));
});

appTest('keyboard: set before nodes before pods, claims focusable, focus drawn, axe clean', async (app) => {
  await app.open();
  const { page } = app;
  await pickScenario(page, 'stable-storage');
  await scrubTo(page, 30_000);
  await page.locator('[data-claim="www-web-1"]').waitFor();
  // Tab through the canvas from the timeline and note what each stop is.
  await page.locator('.scrubber input').focus();
  const stops = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        const host = el.closest('[data-set],[data-node],[data-pod],[data-claim]');
        if (!host) return el.tagName;
        return Object.entries(host.dataset).find(([k]) => ['set', 'node', 'pod', 'claim'].includes(k)).join(':');
      }),
    );
  }
  const canvas = stops.filter((s) => /^(set|node|pod|claim):/.test(s));
  assert.deepEqual(canvas.slice(0, 8), [
    'set:web',
    'node:node-1',
    'node:node-2',
    'node:node-3',
    'pod:web-0',
    'pod:web-1',
    'claim:www-web-0',
    'claim:www-web-1',
  ], `tab order follows the drawing (${stops.join(', ')})`);
  // A focused pod shows it on its frame.
  await page.locator('[data-pod="web-1"] .hit').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const stroke = await page.locator('[data-pod="web-1"] .card-frame').evaluate((el) => getComputedStyle(el).strokeWidth);
  assert.equal(stroke, '3px', 'the focused card draws a focus frame');
  // The DNS list scrolls and can be reached by keyboard; axe finds nothing serious anywhere.
  assert.equal(await page.locator('.records').getAttribute('tabindex'), '0');
  assert.deepEqual(await axeViolations(page, 'svg.cluster', '.legend', '.dns', '.controller'), []);
});
