/**
 * The flags the server's Node process runs with: `npm start` and `npm run serve` (package.json)
 * spell them (a test keeps them the same as these), the browser tests and the bench start the
 * server with these.
 *
 * --max-semi-space-size=64 (MB; V8's default is 16): a region's report allocates tens of MB of
 * short-lived rows, sums and cells, and in a small young generation much of it survives a
 * scavenge and is copied. Measured on 1,500 units × 3 years (SQLite), 18 requests of the region's
 * reports and BHK roll-up: scavenges 103 → 24, their time 835 → 324 ms, the longest 37 → 24 ms
 * (a pause the event loop waits on, issue 17 "nothing blocks"). It costs memory: the same
 * server's RSS after those requests was ~520 MB instead of ~350 MB.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
