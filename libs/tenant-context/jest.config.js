module.exports = { ...require('../../jest.preset.js'), displayName: 'tenant-context', rootDir: __dirname };
