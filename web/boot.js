// Starts the app from a file rather than the inline <script> Trunk would write, so the page runs
// under `script-src 'self' 'wasm-unsafe-eval'` (docs/deployment.md). The crash screen goes in
// first: a trap while the wasm starts must show it too.
import { installCrashScreen, showCrash } from './crash.js';

installCrashScreen();

// Trunk.toml's pattern_script writes this element with the (hashed) names of the two files.
const app = document.querySelector('meta[name="ordinal-app"]');
try {
  const url = (name) => new URL(app.dataset[name], document.baseURI).href;
  const { default: init } = await import(url('js'));
  await init({ module_or_path: url('wasm') });
} catch (err) {
  showCrash(err);
}
