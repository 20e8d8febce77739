// Smoke: the release build loads, renders and takes input without any browser error.
import assert from 'node:assert/strict';
import { appTest, SUBPATH } from './harness.mjs';

appTest('the app loads and shows its heading', async (app) => {
  await app.open();
  const heading = app.page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal((await heading.innerText()).trim(), 'Ordinal');
  assert.match(await app.page.title(), /Ordinal/);
  await app.screenshot('smoke-home');
});

appTest('clicks and key presses do not break the page', async (app) => {
  await app.open();
  await app.page.getByRole('heading', { name: 'Ordinal' }).click();
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type('kubectl get pods');
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Escape');
  await app.expectText('Ordinal');
});

appTest('the build works from a sub-path of a static host', async (app) => {
  await app.open(`.${SUBPATH}`);
  assert.ok(app.page.url().endsWith(SUBPATH), app.page.url());
  await app.expectText('Ordinal');
  // Every asset came from under the sub-path, not the host root.
  const assets = await app.page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
  );
  assert.ok(assets.some((p) => p.endsWith('.wasm')), `no wasm loaded: ${assets}`);
  for (const path of assets) assert.ok(path.startsWith(SUBPATH), `asset outside the sub-path: ${path}`);
  await app.screenshot('smoke-subpath');
});
