// A tiny static file server for the built app (dist/), with no dependencies.
// It serves the directory at "/" and again under SUBPATH, so tests can prove that dist/ works from
// any sub-path of a static host (all asset URLs must be relative), and sends the strict
// Content-Security-Policy dist/ must run under (docs/deployment.md), so every e2e test runs under it.
//
//   node tests/e2e/static-server.mjs <dir> [port]   # prints "http://127.0.0.1:PORT/" once listening
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SUBPATH = '/nested/sub/path/';
/** Exactly the policy docs/deployment.md promises dist/ works under. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
/** The posters' policy (docs/deployment.md): an image with its own stylesheet, nothing to run. */
export const POSTER_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const POSTER = /[/\\]posters[/\\][^/\\]+\.svg$/;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/** Trunk's content-hashed file names (`ordinal-web-0123456789abcdef_bg.wasm`): never change. */
// Trunk writes its 64-bit hash in hex without leading zeros: 16 digits, sometimes fewer.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/;

/**
 * Starts serving `dir`; resolves to { url, close() }. Port 0 picks a free port. `csp` is the
 * Content-Security-Policy header sent with every response (null: none; posters/*.svg get
 * POSTER_CSP instead). `host` is the loopback
 * address to listen on (another one, e.g. 127.0.0.2, is another origin). `transform(file, body)`
 * may rewrite a file's bytes before they are sent; `onRequest(req)` sees every request.
 * Content-hashed files are cacheable (as any static host serves them), so a page with several
 * embeds downloads the wasm once; everything else is `no-store`.
 */
export function startServer(dir, port = 0, { csp = STRICT_CSP, host = '127.0.0.1', transform, onRequest } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    onRequest?.(req);
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.startsWith(SUBPATH)) path = '/' + path.slice(SUBPATH.length);
      else if (path === SUBPATH.slice(0, -1)) path = '/';
      let file = resolve(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'forbidden');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!req.url.split('?')[0].endsWith('/')) {
          res.writeHead(301, { Location: req.url.split('?')[0] + '/' });
          return res.end();
        }
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(res, 404, 'not found');
      let body = await readFile(file);
      if (transform) body = Buffer.from(await transform(file, body));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-store',
        ...(csp ? { 'Content-Security-Policy': POSTER.test(file) ? POSTER_CSP : csp } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      send(res, 500, String(err));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const url = `http://${host}:${server.address().port}/`;
      ok({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node static-server.mjs <dir> [port]');
    process.exit(2);
  }
  const { url } = await startServer(dir, Number(port ?? 0));
  console.log(url);
}
