import { DateTime } from 'luxon';
import { FixedClock, ZONE } from '@permanentie/domain';
import { REDIS_URL, testQueuePrefix } from '@permanentie/testing';
import { Timers, WAKE_SLOT_MS } from './timers';

describe('checker wake-ups', () => {
  const clock = new FixedClock('2026-12-01T10:00:00.000+01:00');
  let timers: Timers;

  beforeAll(async () => {
    timers = new Timers(
      {
        service: 'dispatch',
        redisUrl: REDIS_URL,
        redisClusterNodes: [],
        prefix: `{${testQueuePrefix()}}`,
        concurrency: 1,
        attempts: 1,
        relayPollMs: 1000,
        requireAllHandlers: false,
      },
      clock,
    );
    await timers.queue.waitUntilReady();
  });
  afterAll(async () => {
    await timers.queue.obliterate({ force: true });
    await timers.onApplicationShutdown();
  });

  const delays = async () =>
    (await timers.queue.getJobs(['delayed', 'wait'])).map((j) => j.opts.delay ?? 0).sort((a, b) => a - b);

  it('share one delayed job per slot, at the end of the slot; a past deadline wakes at once', async () => {
    const now = clock.now();
    // Forty deadlines 10..49 ms after a slot boundary a minute from now: one wake-up at the boundary after.
    const slotStart = DateTime.fromMillis(
      Math.ceil(now.plus({ minutes: 1 }).toMillis() / WAKE_SLOT_MS) * WAKE_SLOT_MS,
      {
        zone: ZONE,
      },
    );
    for (let i = 0; i < 40; i++) timers.wakeAt(slotStart.plus({ milliseconds: 10 + i }));
    timers.wakeAt(slotStart.plus({ milliseconds: WAKE_SLOT_MS + 1 })); // the next slot
    timers.wakeAt(now.minus({ seconds: 5 }));
    timers.wakeAt(now.minus({ seconds: 4 }));
    await new Promise((r) => setTimeout(r, 300));
    const end = slotStart.toMillis() + WAKE_SLOT_MS - now.toMillis();
    expect(await delays()).toEqual([0, 0, end, end + WAKE_SLOT_MS]);
  });
});
