// The crash screen. It is plain JavaScript because what it must survive is the wasm side dying:
// out of memory or another trap leaves no Rust code able to run. The panic hook calls
// `window.ordinalCrash(message)`; traps arrive as uncaught errors and rejections. The first
// crash wins; later errors (every further call into a dead wasm instance fails) stay quiet.

let crashed = false;

/** `RuntimeError: unreachable` says little to a learner: say what it usually means. */
function describe(err) {
  if (typeof err === 'string') return err;
  const text = err && err.message !== undefined ? `${err.name}: ${err.message}` : String(err);
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
    return `${text}\n(The simulator ran out of memory or hit a fatal error inside WebAssembly.)`;
  }
  return text;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/** Replaces the page with the crash screen (once). `detail` is shown as text. */
export function showCrash(detail) {
  if (crashed) return;
  crashed = true;
  // Written by the app whenever its link changes, and just before each command runs.
  const link = typeof window.ordinalShareLink === 'string' ? window.ordinalShareLink : location.href;
  const reset = el('button', { type: 'button', className: 'crash-reset' }, 'Reset and start again');
  // Without the fragment: the link may be what broke the page.
  reset.addEventListener('click', () => location.replace(location.pathname + location.search));
  const screen = el(
    'div',
    { className: 'crash' },
    el('h1', {}, 'Ordinal stopped'),
    el(
      'p',
      {},
      'Something went wrong inside the simulator. The link below rebuilds what led here ' +
        '(share it with a bug report); Reset starts again from a clean state.',
    ),
    el('pre', {}, describe(detail)),
    el('p', {}, 'Link to what led here: ', el('a', { className: 'crash-link', href: link }, link)),
    reset,
  );
  screen.setAttribute('role', 'alert');
  // A new <body>: the app's event listeners stay on the old one, so no click reaches the dead
  // wasm instance.
  const body = el('body', {}, screen);
  // Stops the dead instance's animation loop (the driver asks for each frame through
  // window.requestAnimationFrame): it would go on simulating into a page no one sees.
  window.requestAnimationFrame = () => 0;
  if (document.body) document.documentElement.replaceChild(body, document.body);
  else document.documentElement.append(body);
  reset.focus();
}

/** Installs the listeners that turn uncaught errors into the crash screen. */
export function installCrashScreen() {
  window.ordinalCrash = (message) => showCrash(String(message));
  addEventListener('error', (event) => {
    // error is null for benign reports (ResizeObserver loops) and other origins' scripts.
    if (!event.error) return;
    if (crashed) event.preventDefault();
    else showCrash(event.error);
  });
  addEventListener('unhandledrejection', (event) => {
    if (crashed) event.preventDefault();
    else showCrash(event.reason);
  });
}
