import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths that belong to the APIs: never answered with the console. */
const NOT_CONSOLE = /^\/(api|health|socket\.io|admin)(\/|$)/;

function fileIn(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Content-Security-Policy of every console response: exactly what the console loads (see
 * apps/gateway/web and scripts/build-web.mjs), and nothing else.
 *   - script-src: its ES modules and the socket.io client module from this origin; inline only
 *     the scripts of index.html (its import map), each by its SHA-256;
 *   - style-src: console.css; style-src-attr 'unsafe-inline' only because the planner's fairness
 *     bars set their width in a style attribute (no <style> element, no inline CSS file);
 *   - connect-src 'self': fetch to /api and socket.io over websocket to the same origin (CSP 3
 *     'self' covers ws:/wss: of the same host);
 *   - img/font/manifest from this origin (the favicon; the console uses system fonts); WebAudio
 *     makes its beeps with oscillators, so no media source;
 *   - no plugins, frames, <base>, or form posts elsewhere; never framed.
 */
export function consoleCsp(inlineScriptHashes: readonly string[]): string {
  const hashes = inlineScriptHashes.map((h) => ` 'sha256-${h}'`).join('');
  return [
    "default-src 'none'",
    `script-src 'self'${hashes}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** SHA-256 (base64) of each inline <script> (no src) in an HTML page, as the browser hashes it. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    // The HTML parser turns CR LF and lone CR into LF before the browser hashes the text.
    const text = m[2].replace(/\r\n?/g, '\n');
    hashes.push(createHash('sha256').update(text, 'utf8').digest('base64'));
  }
  return hashes;
}

/** The policy for the index.html in `root`, recomputed when the file changes (a rebuild). */
function policyFor(root: string): () => string {
  let cached: { key: string; policy: string } | undefined;
  return () => {
    const index = join(root, 'index.html');
    let key = 'none';
    try {
      const st = statSync(index);
      key = `${st.mtimeMs}:${st.size}`;
    } catch {
      // no console built: no inline script to allow
    }
    if (cached?.key !== key) {
      const html = key === 'none' ? '' : readFileSync(index, 'utf8');
      cached = { key, policy: consoleCsp(inlineScriptHashes(html)) };
    }
    return cached.policy;
  };
}

/**
 * The built console: its files, and index.html for any other GET outside the APIs (client-side
 * routes). Public on purpose: the console holds no data, it logs in like any client.
 */
export function consoleFiles(webRoot: string) {
  const root = resolve(webRoot);
  const policy = policyFor(root);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const urlPath = (req.url ?? '/').split('?')[0];
    if (NOT_CONSOLE.test(urlPath)) return next();
    const file = fileIn(root, urlPath) ?? fileIn(root, '/index.html');
    if (!file) return next();
    const isIndex = file.endsWith(`${sep}index.html`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=3600',
      'content-security-policy': policy(),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}
