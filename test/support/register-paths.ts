// Jest's globalSetup does not get moduleNameMapper; map the @permanentie/* aliases here.
import { register } from 'tsconfig-paths';
import { resolve } from 'node:path';

register({
  baseUrl: resolve(__dirname, '../..'),
  paths: {
    '@permanentie/*': ['libs/*/src'],
    '@permanentie/testing': ['test/support'],
  },
});
