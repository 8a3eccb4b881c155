// `npm test`: every project's tests in one run.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js'],
  maxWorkers: 2,
  // A global option: in a multi-project run jest ignores the one in the projects' configs (jest.preset.js,
  // which still applies when one project runs alone), and its 5 s default is too short for a test that
  // starts a master process on a busy 2-core machine.
  testTimeout: 60_000,
};
