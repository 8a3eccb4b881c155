import type { Redis } from 'ioredis';
import { allowedDecision, type RateDecision } from './gcra';
import type { RateRequest, RateStore } from './rate-store';

/**
 * gcra() of gcra.ts, for every key of a batch in one script run: atomic per key across all
 * instances, on Redis' own clock (instances' clocks may disagree). Per key, ARGV holds interval,
 * tolerance, cost and commit; each answer is {allowed, ms the TAT would run ahead of now, TAT's
 * lead before this request in ms}.
 */
const GCRA_BATCH_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local answers = {}
for i, key in ipairs(KEYS) do
  local at = (i - 1) * 4
  local interval = tonumber(ARGV[at + 1])
  local tolerance = tonumber(ARGV[at + 2])
  local cost = tonumber(ARGV[at + 3])
  local tat = math.max(tonumber(redis.call('GET', key) or '0'), now)
  local nexttat = math.max(tat + cost * interval, now)
  local ahead = nexttat - now
  if ahead > tolerance then
    answers[i] = {0, math.ceil(ahead), math.floor(tat - now)}
  else
    if ARGV[at + 4] == '1' and cost ~= 0 then
      if ahead >= 1 then redis.call('SET', key, string.format('%.3f', nexttat), 'PX', math.ceil(ahead)) else redis.call('DEL', key) end
    end
    answers[i] = {1, math.ceil(ahead), 0}
  end
end
return answers
`;

const COMMAND = 'helixGcraBatch';
type GcraBatchCommand = (numKeys: number, ...args: (string | number)[]) => Promise<[number, number, number][]>;

/** Keys one script run decides at most (a script blocks Redis while it runs). */
const MAX_BATCH = 500;

interface Pending {
  request: RateRequest;
  resolve(decision: RateDecision): void;
  reject(error: unknown): void;
}

/**
 * TATs in Redis, shared by every instance. Decisions asked during one event-loop turn go out
 * together as one script call: under load a request costs a fraction of a round trip, not one.
 */
export class RedisRateStore implements RateStore {
  private readonly run: GcraBatchCommand;
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    redis: Redis,
    /** Every key starts with it (REDIS_KEY_PREFIX): deployments, and test runs, sharing a Redis stay apart. */
    private readonly keyPrefix: string,
  ) {
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: GCRA_BATCH_LUA });
    const command = (redis as unknown as Record<string, GcraBatchCommand>)[COMMAND];
    this.run = command.bind(redis);
  }

  decide(requests: readonly RateRequest[]): Promise<RateDecision[]> {
    return Promise.all(
      requests.map(
        (request) =>
          new Promise<RateDecision>((resolve, reject) => {
            this.queue.push({ request, resolve, reject });
            if (!this.scheduled) {
              this.scheduled = true;
              setImmediate(() => this.flush());
            }
          }),
      ),
    );
  }

  private flush(): void {
    this.scheduled = false;
    const pending = this.queue;
    this.queue = [];
    for (let start = 0; start < pending.length; start += MAX_BATCH) this.send(pending.slice(start, start + MAX_BATCH));
  }

  private send(batch: Pending[]): void {
    const keys = batch.map(({ request }) => this.keyPrefix + request.key);
    const args = batch.flatMap(({ request: { step } }) => [step.intervalMs, step.toleranceMs, step.cost, step.commit ? '1' : '0']);
    this.run(keys.length, ...keys, ...args).then(
      (answers) =>
        batch.forEach(({ request: { step }, resolve }, i) => {
          const [allowed, ahead, lead] = answers[i];
          resolve(
            allowed === 1
              ? allowedDecision(ahead, step)
              : { allowed: false, retryAfterMs: Math.max(1, Math.ceil(ahead - step.toleranceMs)), level: lead / step.intervalMs },
          );
        }),
      (error) => batch.forEach(({ reject }) => reject(error)),
    );
  }
}
