module.exports = { ...require('../../jest.preset.js'), displayName: 'provisioning', rootDir: __dirname };
