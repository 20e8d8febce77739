// Keys: Space plays and pauses from the page without scrolling it (and without the passive
// listener's console warning); Space on a focused button is that button's alone; action menus
// open on their first action, arrows move, Esc closes and gives focus back to the card; the
// StatefulSet menu's buttons have distinct names.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { axeViolations } from './a11y.mjs';
import { playToEnd } from './ui-helpers.mjs';

const pressed = (page) => page.locator('button.play').getAttribute('aria-pressed');
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    // A card's focus sits on its hit area, inside the card's group.
    const card = a.classList?.contains('hit') ? a.closest('[data-pod]') : a;
    return card?.getAttribute('data-pod') ?? a.getAttribute('aria-label') ?? a.textContent.replace(/\s+/g, ' ').trim();
  });

appTest('Space toggles playback from the page, never scrolls it, and leaves focused buttons alone', async (app) => {
  const messages = [];
  app.page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  await app.open();
  const { page } = app;
  // Make sure the page can scroll, so that a scroll would show.
  await page.evaluate(() => { document.body.style.minHeight = '3000px'; });
  await page.locator('h1').click();
  const before = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Space');
  assert.equal(await pressed(page), 'true', 'Space on the page plays');
  await page.keyboard.press('Space');
  assert.equal(await pressed(page), 'false', 'and pauses');
  assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');
  // A focused button gets Space alone: the play button toggles once, not twice.
  await page.locator('button.play').focus();
  await page.keyboard.press('Space');
  assert.equal(await pressed(page), 'true', 'Space on the play button plays (once)');
  await page.keyboard.press('Space');
  assert.equal(await pressed(page), 'false');
  // Space on another button (the step button) steps, and does not also start playback.
  await page.locator('button.step').focus();
  await page.keyboard.press('Space');
  assert.equal(await pressed(page), 'false', 'Space on Step does not play');
  // Space typed in the console is a space.
  await page.locator('#console-input').focus();
  await page.keyboard.type('kubectl get pods');
  assert.equal(await page.locator('#console-input').inputValue(), 'kubectl get pods');
  assert.equal(await pressed(page), 'false');
  assert.deepEqual(messages.filter((m) => /passive|preventDefault/i.test(m)), [], 'no passive-listener warning');
});

appTest('action menus: first action focused, arrows move, Esc returns to the card, distinct names', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  const card = page.locator('[data-pod="web-0"] .hit');
  await card.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Actions for Pod web-0' });
  await menu.waitFor();
  assert.match(await focused(page), /^Delete\s*kubectl delete pod web-0$/, 'the first action has focus, not ×');
  await page.keyboard.press('ArrowDown');
  assert.match(await focused(page), /^Force delete…/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.match(await focused(page), /^Open a shell/, 'ArrowUp from the first wraps to the last');
  await page.keyboard.press('Home');
  assert.match(await focused(page), /^Delete\s*kubectl/);
  await app.screenshot('keys-pod-menu');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'web-0', 'Esc gives focus back to the card');
  assert.equal(await pressed(page), 'false', 'none of these keys played');

  // The StatefulSet's menu: three "Apply" buttons with names of their own.
  await page.locator('[data-set="web"] .set-card .hit').focus();
  await page.keyboard.press('Enter');
  const set = page.getByRole('dialog', { name: 'Actions for StatefulSet web' });
  await set.waitFor();
  const names = await set.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? b.textContent.trim()));
  const applies = names.filter((n) => n.startsWith('Apply'));
  assert.deepEqual(applies, ['Apply strategy', 'Apply policy', 'Apply retention']);
  assert.equal(new Set(names).size, names.length, `every button's name is distinct: ${names.join(' | ')}`);
  assert.deepEqual(await axeViolations(page, '.menu'), [], 'axe finds nothing serious in the menu');
  await page.keyboard.press('Escape');
  await set.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-set]')?.getAttribute('data-set')), 'web');
});
