module.exports = { ...require('../../jest.preset.js'), displayName: 'imoveis-api', rootDir: __dirname };
