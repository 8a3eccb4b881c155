module.exports = { ...require('../../jest.preset.js'), displayName: 'robot-core', rootDir: __dirname };
