// `npm test`: every project's tests in one run.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js'],
  maxWorkers: 2,
};
