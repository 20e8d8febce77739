// Small helpers shared by the UI end-to-end tests (the harness itself is the foundation's).

/** Text of an SVG or HTML element (innerText does not work on SVG). */
export async function textOf(page, selector) {
  return page.locator(selector).first().evaluate((el) => el.textContent.replace(/\s+/g, ' ').trim());
}

/** All texts of the elements matching `selector`. */
export async function textsOf(page, selector) {
  return page.locator(selector).evaluateAll((els) => els.map((el) => el.textContent.replace(/\s+/g, ' ').trim()));
}

/** Types a command into the console and runs it. */
export async function runCommand(page, line) {
  const input = page.locator('#console-input');
  await input.fill(line);
  await input.press('Enter');
}

/** Plays at `speed` until the scenario pauses itself at its end. */
export async function playToEnd(page, speed = '16') {
  await page.selectOption('.speed select', speed);
  await page.click('button.play');
  await page.locator('button.play[aria-pressed="true"]').waitFor();
  await page.locator('button.play[aria-pressed="false"]').waitFor({ timeout: 60_000 });
}

/** Moves the timeline scrubber to `ms` of simulated time, as dragging it would. */
export async function scrubTo(page, ms) {
  await page.locator('.scrubber input').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

/** Picks a guided scenario by id. */
export async function pickScenario(page, id) {
  await page.selectOption('.picker select', id);
  await page.locator('.narration.invite').waitFor();
}

/** Table rows as "cell cell cell" strings. */
export async function rowsOf(page, selector) {
  return page.locator(selector).evaluateAll((rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim()).join(' ')),
  );
}
