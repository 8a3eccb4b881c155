module.exports = { ...require('../../jest.preset.js'), displayName: 'master-api', rootDir: __dirname };
