module.exports = { ...require('../../jest.preset.js'), displayName: 'carros-api', rootDir: __dirname };
