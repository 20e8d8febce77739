// The editor's errors at the right line: an unknown field and a wrong type at their own line,
// a selector mismatch at the StatefulSet's selector; checked as you type (and cleared when the
// text changes); an immutable field gets the delete --cascade=orphan hint.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { playToEnd, textOf } from './ui-helpers.mjs';

const area = (page) => page.getByRole('textbox', { name: 'Manifest YAML' });

async function editAndApply(page, edit) {
  const text = await area(page).inputValue();
  await area(page).fill(edit(text));
  await page.locator('.editor').getByRole('button', { name: 'Apply', exact: true }).click();
  await page.locator('.editor-errors').waitFor();
  return text;
}

const lineOf = (text, needle, after = '') => {
  const lines = text.split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
};

appTest('an unknown field and a wrong type are reported at their own line', async (app) => {
  await app.open();
  const { page } = app;
  const text = await editAndApply(page, (t) => t.replace('  replicas: 2', '  replica: 2'));
  const line = lineOf(text, 'replicas: 2');
  assert.ok(line > 1);
  assert.match(await textOf(page, '.editor-errors'), new RegExp(`^Line ${line}: .*unknown field "spec\\.replica"`));
  assert.deepEqual(await page.locator('.ln-error').allInnerTexts(), [String(line)]);
  await editAndApply(page, (t) => t.replace('  replica: 2', '  replicas: "two"'));
  assert.match(await textOf(page, '.editor-errors'), new RegExp(`^Line ${line}: .*cannot unmarshal string into Go struct field StatefulSetSpec\\.spec\\.replicas of type int32`));
});

appTest('a selector mismatch is reported at the StatefulSet selector', async (app) => {
  await app.open();
  const { page } = app;
  const text = await editAndApply(page, (t) => t.replace('        app: nginx', '        app: other'));
  const line = lineOf(text, 'selector:', 'kind: StatefulSet');
  assert.ok(line > lineOf(text, 'kind: StatefulSet'), 'in the StatefulSet document');
  assert.match(await textOf(page, '.editor-errors'), new RegExp(`^Line ${line}: .*\`selector\` does not match template \`labels\``));
  await app.screenshot('yaml-selector-mismatch');
});

appTest('typing checks the text after a pause and clears errors of an older text', async (app) => {
  await app.open();
  const { page } = app;
  const text = await area(page).inputValue();
  const broken = text.replace('  serviceName: "nginx"', '  serviceName "nginx"');
  await area(page).fill(broken);
  // No click: the check runs on its own.
  await page.locator('.editor-errors').waitFor({ timeout: 3000 });
  assert.match(await textOf(page, '.editor-errors'), /^Line \d+: yaml: line \d+:/);
  await area(page).fill(text);
  await page.locator('.editor-errors').waitFor({ state: 'detached', timeout: 3000 });
  assert.equal(await area(page).getAttribute('aria-invalid'), 'false');
  // An API error goes away as soon as the text changes (and checks clean).
  await editAndApply(page, (t) => t.replace('  replicas: 2', '  replicas: -1'));
  await area(page).fill(text);
  await page.locator('.editor-errors').waitFor({ state: 'detached', timeout: 3000 });
});

appTest('an immutable field gets the delete --cascade=orphan hint', async (app) => {
  await app.open();
  const { page } = app;
  await playToEnd(page);
  await editAndApply(page, (t) => t.replace('  serviceName: "nginx"', '  serviceName: "other"'));
  const err = await textOf(page, '.editor-errors');
  assert.match(err, /Forbidden: updates to statefulset spec for fields other than/);
  assert.match(await textOf(page, '.editor-hint'), /kubectl delete statefulset web --cascade=orphan .* Apply again/);
  await app.screenshot('yaml-immutable-hint');
});
