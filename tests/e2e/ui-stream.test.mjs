// Blocking commands play as simulated time passes (their lines appear as they happen, the
// canvas moves, Ctrl-C stops them), and time travel explains itself: after a scrub back the
// future is shown dimmed and labelled, a command typed there says what it replaced, and Undo
// brings the old future back.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, runCommand, scrubTo, textOf } from './ui-helpers.mjs';

const lastCmd = (page) => page.locator('.console .cmd').last();
const writtenLines = async (page) => {
  const pre = lastCmd(page).locator('pre.stdout');
  return (await pre.count()) ? (await pre.innerText()).split('\n').length : 0;
};
const placeholder = (page) => page.locator('#console-input').getAttribute('placeholder');

async function streams(app, suffix) {
  await app.open();
  const { page } = app;
  await page.selectOption('.speed select', '2');
  await runCommand(page, 'kubectl get pods -w');
  assert.equal(await placeholder(page), 'Running… Ctrl-C to stop', 'the input says a command runs');
  assert.equal(await page.locator('[data-pod="web-1"]').count(), 0, 'web-1 does not exist when the watch starts');
  const early = await writtenLines(page);
  // Lines appear while the clock runs (the play button was never pressed).
  await page.waitForFunction(
    (n) => {
      const pre = [...document.querySelectorAll('.console .cmd')].pop()?.querySelector('pre.stdout');
      return pre && pre.innerText.split('\n').length >= n + 3;
    },
    early,
    { timeout: 20_000 },
  );
  // The canvas moves with the clock: web-1 is drawn once it is created.
  await page.locator('[data-pod="web-1"]').waitFor({ timeout: 20_000 });
  const later = await writtenLines(page);
  assert.ok(later > early, `more lines later (${later}) than at first (${early})`);
  assert.equal(await page.locator('.future-sep').count(), 0, 'a running command hides what it has not written');
  await app.screenshot(`stream-get-w${suffix}`);

  // Ctrl-C stops it: ^C, the prompt back, the clock and the lines stand still.
  await page.locator('#console-input').focus();
  await page.keyboard.press('Control+c');
  await lastCmd(page).getByText('^C').waitFor();
  assert.notEqual(await placeholder(page), 'Running… Ctrl-C to stop');
  const stoppedAt = await textOf(page, '.clock');
  const lines = await writtenLines(page);
  await page.waitForTimeout(800);
  assert.equal(await textOf(page, '.clock'), stoppedAt, 'time stopped with the command');
  assert.equal(await writtenLines(page), lines, 'no more lines after ^C');

  // rollout status plays too, and ends by itself with the prompt back.
  await runCommand(page, 'kubectl rollout status sts/web');
  await page.waitForFunction(() => !document.querySelector('#console-input').placeholder.startsWith('Running'), null, {
    timeout: 30_000,
  });
  assert.match(await lastCmd(page).innerText(), /roll(ing update|ed out|out).*complete|partitioned/i);
}

appTest('a watch streams its lines as time passes and Ctrl-C stops it', (app) => streams(app, ''));
appTest('streaming at 360 px', (app) => streams(app, '-360'), { viewport: { width: 360, height: 740 } });

async function timeTravel(app, suffix) {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  await runCommand(page, 'kubectl delete pod web-1');
  await page.locator('.console .cmd').last().getByText('pod "web-1" deleted').waitFor();
  await scrubTo(page, 5000);
  const sep = page.locator('.future-sep');
  await sep.waitFor();
  assert.equal(await sep.innerText(), 'After 0:05.000 — not happened yet at the time you are viewing');
  const future = await page.locator('.console .cmd.future').allInnerTexts();
  assert.ok(future.some((t) => t.includes('kubectl delete pod web-1')), 'the later command is marked as the future');
  assert.match(await textOf(page, '.console-note'), /A command typed now replaces what comes after 0:05\.000: \d+ commands?\./);
  await page.locator('.console').scrollIntoViewIfNeeded();
  await app.screenshot(`stream-future${suffix}`);

  // Typing in the past replaces the future, and says so.
  await runCommand(page, 'kubectl get pods');
  const note = page.locator('.console-note.branched');
  await note.waitFor();
  assert.match(await note.innerText(), /Replaced what came after 0:05\.000: \d+ commands?\./);
  assert.equal(await page.locator('.console .cmd.future').count(), 0);
  assert.ok(!(await page.locator('.console').innerText()).includes('kubectl delete pod web-1'));
  await page.locator('.console').scrollIntoViewIfNeeded();
  await app.screenshot(`stream-replaced${suffix}`);

  // Undo from the keyboard brings the old future back.
  await note.locator('button.undo').focus();
  await page.keyboard.press('Enter');
  await page.locator('.console .cmd.future', { hasText: 'kubectl delete pod web-1' }).waitFor({ timeout: 20_000 });
  assert.equal(await textOf(page, '.clock'), 't = 0:05.000');
  assert.equal(await page.locator('.console-note.branched').count(), 0);
}

appTest('scrubbing back marks the future; typing there replaces it, and Undo restores it', (app) => timeTravel(app, ''));
appTest('time travel at 360 px', (app) => timeTravel(app, '-360'), { viewport: { width: 360, height: 740 } });
