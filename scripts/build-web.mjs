// Builds the console into dist/web (the gateway's WEB_ROOT): tsc for the ES modules, then the
// static files (index.html, CSS) and the socket.io client copied beside them. No bundler: the browser loads the modules.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
rmSync(join(out, 'js'), { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'apps/gateway/web/tsconfig.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
cpSync(join(root, 'apps', 'gateway', 'web', 'static'), out, { recursive: true });
// The socket.io client (the gateway does not serve it): an ES module, mapped by index.html's import map.
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(
  join(root, 'node_modules', 'socket.io-client', 'dist', 'socket.io.esm.min.js'),
  join(out, 'vendor', 'socket.io.esm.min.js'),
);
