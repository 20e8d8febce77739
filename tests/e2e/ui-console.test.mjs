// The console as a terminal: Tab completes and lists candidates without leaving the input,
// Ctrl-C abandons the line, clear and Ctrl-L clear the screen, grep/head/tail/wc after a pipe,
// "did you mean" for a mistyped command word, and room for a describe.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, runCommand } from './ui-helpers.mjs';

const out = (page) => page.locator('.console .term-out').innerText();

appTest('Tab, Ctrl-C, clear, Ctrl-L, pipes and near misses in the console', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  const input = page.locator('#console-input');
  await input.focus();
  // Tab completes the command word, the subcommand, the type and a unique name.
  await page.keyboard.type('kub');
  await page.keyboard.press('Tab');
  await page.keyboard.type('desc');
  await page.keyboard.press('Tab');
  await page.keyboard.type('po');
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), 'kubectl describe po', 'po and pods: nothing common to add');
  assert.match(await out(page), /\$ kubectl describe po\npo {2}pods/, 'the candidates are listed');
  await page.keyboard.type(' web-');
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), 'kubectl describe po web-', 'web-0 and web-1 share only web-');
  assert.match(await out(page), /web-0 {2}web-1/);
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), 'kubectl describe po web-1 ');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'console-input', 'Tab never left the input');
  // A flag of the command.
  await page.keyboard.type('--show-ev');
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), 'kubectl describe po web-1 --show-events ');
  await page.keyboard.press('Enter');
  await page.getByText('Name:             web-1').waitFor();
  // The describe fits: the output pane shows at least 25 lines.
  const lines = await page.locator('.console .term-out').evaluate((el) => el.clientHeight / (parseFloat(getComputedStyle(el).fontSize) * 1.2));
  assert.ok(lines >= 25, `the output pane holds ${lines.toFixed(1)} lines`);
  await app.screenshot('console-describe');

  // Ctrl-C abandons the line and shows it, as a terminal does.
  await page.keyboard.type('kubectl delete pod web-0');
  await page.keyboard.press('Control+c');
  assert.equal(await input.inputValue(), '');
  assert.match(await out(page), /\$ kubectl delete pod web-0\^C/);
  assert.equal(await page.locator('[data-pod="web-0"]').count(), 1, 'nothing was deleted');

  // Pipes into grep, head, tail and wc.
  await runCommand(page, 'kubectl get pods | grep -c Running');
  await page.locator('.cmd').last().getByText(/^2$/).waitFor();
  await runCommand(page, 'kubectl get pods --no-headers | grep -E "web-(0|1)" | wc -l');
  assert.equal((await page.locator('.cmd').last().locator('.stdout').innerText()).trim(), '2');
  await runCommand(page, 'kubectl get pods | head -n 1');
  assert.match(await page.locator('.cmd').last().locator('.stdout').innerText(), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  await runCommand(page, 'kubectl get pods | tail -n 1 | grep -v web-0');
  assert.match(await page.locator('.cmd').last().locator('.stdout').innerText(), /^web-1\s+1\/1\s+Running/);
  // A mistyped command word.
  await runCommand(page, 'kubctl get pods');
  assert.match(await page.locator('.cmd').last().innerText(), /Command 'kubctl' not found, did you mean:\s+command 'kubectl'/);
  await app.screenshot('console-session');

  // clear empties the screen; the next command shows alone.
  await runCommand(page, 'clear');
  await runCommand(page, 'kubectl get sts');
  assert.equal(await page.locator('.console .cmd').count(), 1, 'only the command after clear');
  assert.doesNotMatch(await out(page), /kubctl/);
  // Ctrl-L does the same from the keyboard.
  await input.focus();
  await page.keyboard.press('Control+l');
  assert.equal(await page.locator('.console .cmd').count(), 0);
  // History still has everything.
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.inputValue(), 'kubectl get sts');
});

appTest(
  'at 360 px the console lists candidates inside the page',
  async (app) => {
    await app.open();
    const { page } = app;
    const input = page.locator('#console-input');
    await input.focus();
    await page.keyboard.type('kubectl get ');
    await page.keyboard.press('Tab');
    const listed = await page.locator('.term-out .scratch').innerText();
    assert.match(listed, /statefulsets/, 'every type is offered');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'nothing wider than the screen');
    await page.locator('.console').scrollIntoViewIfNeeded();
    await app.screenshot('console-360');
  },
  { viewport: { width: 360, height: 740 } },
);
