import { slowdownMs } from './login-throttle';

describe('the slow-down on an e-mail under attack', () => {
  it('starts past the free failures, doubles, and stops at 3 s', () => {
    expect([0, 4, 5, 6, 7, 20].map((failures) => slowdownMs(failures, 5))).toEqual([0, 0, 100, 200, 400, 3_000]);
  });
});
