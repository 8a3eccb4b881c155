module.exports = { ...require('../../jest.preset.js'), displayName: 'tenant-ops', rootDir: __dirname };
