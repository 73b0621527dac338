/*
 * Runs TypeScript sources in a child node process without a build: `node -r
 * ./test/support/ts-register.js some/file.ts`. Transpile-only (types are checked by tsc and jest),
 * with the @permanentie/* path aliases. Used by tests that must kill and restart a real process.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
require('tsconfig-paths').register({
  baseUrl: root,
  paths: { '@permanentie/testing': ['test/support'], '@permanentie/*': ['libs/*/src'] },
});

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
