// dist/ works under the strict Content-Security-Policy of docs/deployment.md: no inline script,
// no style attribute, no data: URL. The harness fails any test on a violation; this one goes
// through the parts that set styles (canvas, cards, timeline marks, menus, editor) and checks
// that what the policy would have blocked really took effect.
import assert from 'node:assert/strict';
import { appTest, SUBPATH } from './harness.mjs';
import { STRICT_CSP } from './static-server.mjs';
import { playToEnd, runCommand } from './ui-helpers.mjs';

appTest('the app runs under the strict CSP: play, menus, editor, embed', async (app) => {
  const { page } = app;
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() =>
    addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  const response = await page.goto(app.url('./'));
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the server sends the policy');
  const html = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /\sstyle=|data:/, 'no style attribute or data: URL');
  await page.locator('main').waitFor();

  // The favicon is a real file that loads.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  assert.equal((await page.request.get(app.url(icon))).status(), 200);

  await playToEnd(page);
  await runCommand(page, 'kubectl scale sts web --replicas=3');
  await app.expectText('statefulset.apps/web scaled');
  // Styles set from Rust took effect: cards are placed, the mark sits along the timeline.
  const podMoved = await page.locator('[data-pod="web-1"]').evaluate((el) => getComputedStyle(el).transform);
  assert.notEqual(podMoved, 'none', 'web-1 is translated to its column');
  const markLeft = await page.locator('.mark-user').evaluate((el) => el.style.left);
  assert.match(markLeft, /^\d+(\.\d+)?%$/, `the mark is positioned (${markLeft})`);
  const svgMin = await page.locator('svg.cluster').evaluate((el) => getComputedStyle(el).minWidth);
  assert.match(svgMin, /^[1-9]\d*px$/, `the canvas has its minimum width (${svgMin})`);

  // The StatefulSet's menu is positioned where it was opened.
  await page.click('[data-set="web"] .set-card');
  const menu = page.getByRole('dialog', { name: 'Actions for StatefulSet web' });
  await menu.waitFor();
  const top = await menu.evaluate((el) => el.style.top);
  assert.match(top, /^\d+(\.\d+)?px$/, `the menu is placed (${top})`);
  await page.keyboard.press('Escape');

  // The YAML editor applies a manifest.
  const area = page.getByRole('textbox', { name: 'Manifest YAML' });
  await area.fill((await area.inputValue()).replace(/replicas: \d+/, 'replicas: 4'));
  await page.locator('.editor').getByRole('button', { name: 'Apply' }).click();
  await page.locator('.editor-ok').waitFor();
  await app.screenshot('ui-csp');

  // The embed, from a sub-path, under the same policy.
  await page.goto(new URL(`${SUBPATH}?embed=1`, app.base).href);
  await app.expectText('Press ▶ Play');
  await page.click('button.play');
  await page.locator('[data-pod="web-0"]').waitFor({ timeout: 30_000 });
  await page.click('button.play');
  await app.screenshot('ui-csp-embed');

  assert.deepEqual(violations, [], 'no CSP violation');
});
