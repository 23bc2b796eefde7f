import { createPacer } from '../../src/app/send-pacer';

describe('the send pacer', () => {
  it('spaces a burst evenly at the configured rate, first one at once', async () => {
    let t = 1000;
    const waits: number[] = [];
    const pace = createPacer(50, {
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all(Array.from({ length: 5 }, () => pace()));
    expect(waits).toEqual([20, 40, 60, 80]);
    t += 500; // quiet for a while: no debt is carried over
    waits.length = 0;
    await pace();
    expect(waits).toEqual([]);
  });
});
