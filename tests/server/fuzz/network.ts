/**
 * A fetch that reaches the real Fastify app through inject(), with faults: requests dropped
 * before the server sees them, replies lost after it committed, duplicated requests, and pushes
 * captured and re-delivered later (an old message arriving after a new one).
 */
import type { FastifyInstance } from 'fastify';
import type { FetchLike } from '../../../src/client/api/http';

export interface Faults {
  droppedRequests: number;
  lostReplies: number;
  duplicates: number;
  lateDeliveries: number;
}

export interface NetworkOptions {
  random: () => number;
  /** Fault probability per request while chaos is on. */
  rate: number;
}

export class Network {
  readonly faults: Faults = { droppedRequests: 0, lostReplies: 0, duplicates: 0, lateDeliveries: 0 };
  chaos = true;
  private readonly late: { path: string; init: RequestInit }[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: NetworkOptions,
  ) {}

  private async deliver(path: string, init: RequestInit) {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    return this.app.inject({
      method: (init.method ?? 'GET') as 'GET' | 'POST' | 'PATCH',
      url: path,
      headers,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
  }

  /** A fetch for one device; `offline()` says whether that device has no network right now. */
  fetchFor(offline: () => boolean): FetchLike {
    return async (input, init) => {
      const path = input.replace(/^https?:\/\/[^/]+/, '');
      // Let other devices' requests interleave with this one.
      await new Promise((r) => setTimeout(r, Math.floor(this.opts.random() * 3)));
      if (offline()) throw new TypeError('offline');
      const roll = this.chaos ? this.opts.random() : 1;
      const rate = this.opts.rate;
      if (roll < rate) {
        this.faults.droppedRequests++;
        throw new TypeError('request dropped');
      }
      if (this.chaos && path.startsWith('/api/sync/push') && this.opts.random() < rate) {
        this.late.push({ path, init });
      }
      let res = await this.deliver(path, init);
      if (roll < rate * 2) {
        this.faults.lostReplies++;
        throw new TypeError('reply lost after commit');
      }
      if (roll < rate * 2.5) {
        this.faults.duplicates++;
        res = await this.deliver(path, init);
      }
      const body = res.statusCode === 204 ? null : res.body;
      return new Response(body, { status: res.statusCode, headers: res.headers as Record<string, string> });
    };
  }

  /** Re-delivers some captured old pushes; their replies go nowhere. */
  async deliverLate(max: number): Promise<void> {
    for (let i = 0; i < max && this.late.length > 0; i++) {
      const idx = Math.floor(this.opts.random() * this.late.length);
      const [msg] = this.late.splice(idx, 1);
      if (!msg) continue;
      this.faults.lateDeliveries++;
      await this.deliver(msg.path, msg.init);
    }
  }
}
