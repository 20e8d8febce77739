// axe-core against the running app. The page's strict CSP forbids injected scripts, so axe's
// source is evaluated through the DevTools protocol (page.evaluate), which the CSP does not see.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const TOOLS = process.env.ORDINAL_TOOLS || join(homedir(), '.cache', 'ordinal-tools');
let source;

/** Violations of axe's WCAG 2.x A/AA rules inside the elements `selectors` match, as
 *  "rule: target…" lines. */
export async function axeViolations(page, ...selectors) {
  source ??= readFileSync(join(TOOLS, 'a11y', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async (sel) => {
    const r = await window.axe.run({ include: sel.map((s) => [s]) }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // On, though tagged "experimental" (WCAG 2.5.3, label in name): the canvas's buttons are
      // text-less hit areas over an aria-hidden drawing, so their one-sentence names match.
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  }, selectors);
  return violations;
}
