import { FairCheckoutQueue, type FairShareLimits } from './fair-checkout-queue';

const queue = (limits: Partial<FairShareLimits> = {}) =>
  new FairCheckoutQueue<string>({ budget: 8, tenantShare: 2, queueLimit: 100, tenantQueueLimit: 50, ...limits });

/** Grants until none is possible; each grant's caller is named `<tenant><n>`. */
const grantAll = (q: FairCheckoutQueue<string>) => {
  const granted: string[] = [];
  for (let next = q.nextGrant(); next; next = q.nextGrant()) granted.push(next);
  return granted;
};

const enqueueAll = (q: FairCheckoutQueue<string>, callers: string[]) => {
  for (const caller of callers) expect(q.enqueue(caller[0], caller)).toBe(true);
};

describe('FairCheckoutQueue', () => {
  it('lets a tenant alone take the whole budget', () => {
    const q = queue();
    expect(Array.from({ length: 9 }, () => q.tryTake('a'))).toEqual([...Array(8).fill(true), false]);
  });

  it('holds a tenant to its share while another tenant waits, and hands the freed slots to the waiting tenant', () => {
    const q = queue();
    for (let i = 0; i < 8; i++) q.tryTake('a');
    enqueueAll(q, ['a1', 'a2', 'b1', 'b2', 'b3']);
    const grants: string[] = [];
    // Tenant a releases one slot at a time: b gets them up to its share, a gets none while above its share.
    for (let i = 0; i < 7; i++) {
      q.release('a');
      grants.push(...grantAll(q));
    }
    expect(grants).toEqual(['b1', 'b2', 'a1']);
    expect(q.stats()).toMatchObject({ waiting: 2, waitingTenants: 2 });
    expect(q.stats().shareSkips).toBeGreaterThan(0);
    // Half the budget is free, kept for tenants that are not waiting.
    expect(q.tryTake('c')).toBe(true);
  });

  it('keeps a slot free rather than take a tenant past its share while another waits, and gives it once the other stops waiting', () => {
    const q = queue({ budget: 5 });
    for (const tenant of ['a', 'a', 'b', 'b']) q.tryTake(tenant);
    enqueueAll(q, ['a1', 'b1']);
    // One slot free, both waiting tenants at their share: nobody gets it ...
    expect(grantAll(q)).toEqual([]);
    // ... but a quiet tenant does, at once.
    expect(q.tryTake('c')).toBe(true);
    q.release('c');
    // b's caller gives up: a is alone in the queue and may go past its share.
    q.withdraw('b', 'b1');
    expect(grantAll(q)).toEqual(['a1']);
  });

  it('serves waiting tenants in turn, each tenant in arrival order', () => {
    const q = queue({ budget: 1 });
    q.tryTake('a');
    enqueueAll(q, ['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
    const order: string[] = [];
    let holder = 'a';
    for (;;) {
      q.release(holder);
      const next = q.nextGrant();
      if (!next) break;
      order.push(next);
      holder = next[0];
    }
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it("makes a new caller wait behind its own tenant's waiting callers", () => {
    const q = queue({ budget: 2 });
    q.tryTake('a');
    q.tryTake('a');
    enqueueAll(q, ['a1']);
    q.release('a');
    expect(q.tryTake('a')).toBe(false);
    expect(q.nextGrant()).toBe('a1');
  });

  it('refuses a caller when its tenant has its part of the queue, or the queue is full', () => {
    const q = queue({ budget: 1, queueLimit: 4, tenantQueueLimit: 2 });
    q.tryTake('a');
    expect(['a1', 'a2', 'a3'].map((caller) => q.enqueue('a', caller))).toEqual([true, true, false]);
    expect(['b1', 'c1', 'd1'].map((caller) => q.enqueue(caller[0], caller))).toEqual([true, true, false]);
    expect(q.stats()).toMatchObject({ waiting: 4, waitingTenants: 3, tenantQueueRefusals: 1 });
    expect(q.drain().sort()).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(q.stats()).toMatchObject({ waiting: 0, waitingTenants: 0 });
  });
});
