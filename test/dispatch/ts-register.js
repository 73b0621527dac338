// Loads TypeScript sources on the fly (transpile only, as ts-jest does) with the @permanentie/*
// aliases: `node -r ./test/dispatch/ts-register.js some.ts`. Lets a test run a service as a real
// process without a full build of the repository.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../..');
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  module._compile(out.outputText, filename);
};
require('tsconfig-paths').register({ baseUrl: root, paths: { '@permanentie/*': ['libs/*/src'] } });
