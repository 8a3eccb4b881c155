// The browser side of the tests and benchmarks (apart from @helix/testing: playwright-core loads only where it is used).
export { startWebPlatform } from './web-platform';
export type { WebPlatform } from './web-platform';
export { buildSpa } from './spa-build';
export { launchBrowser, seriousA11yViolations, CHROMIUM } from './browser';
