// `npm run test:unit`: every project's specs except the integration ones (`*.int.spec.ts`, which need
// MySQL, Redis or spawned processes), without the global setup that looks for a MySQL server.
const fs = require('node:fs');
const path = require('node:path');

const INTEGRATION_SPEC = '\\.int\\.spec\\.ts$';

const projectConfigs = ['apps', 'libs']
  .flatMap((floor) => fs.readdirSync(path.join(__dirname, floor)).map((name) => path.join(__dirname, floor, name, 'jest.config.js')))
  .filter((file) => fs.existsSync(file));

module.exports = {
  // Jest's default (cores - 1) leaves a 2-core machine one worker; its main process mostly waits.
  maxWorkers: '100%',
  projects: projectConfigs.map((file) => {
    const { globalSetup: _setup, globalTeardown: _teardown, ...config } = require(file);
    return {
      ...config,
      testPathIgnorePatterns: ['/node_modules/', INTEGRATION_SPEC],
      setupFiles: [path.join(__dirname, 'tools/jest/unit-env.ts')],
    };
  }),
};
