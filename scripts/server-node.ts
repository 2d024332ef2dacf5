/**
 * How Node runs the server: `npm start` and `npm run serve` (package.json spells the same flags;
 * tests/architecture/server-node.test.ts holds them equal), the bench's server and the browser
 * tests' server.
 *
 * --max-semi-space-size=24: each half of V8's young generation may grow to 24 MB (the default is
 * 16 MB). A region's year report allocates tens of MB of short-lived objects (fact vectors,
 * cells, JSON text); at the default they outgrew the young generation, were copied to the old one
 * and collected there (1,500-unit region, PostgreSQL, 20 year reports in one process: scavenges
 * 23–25 ms a report at 16 MB, 13–17 at 64 MB). But a scavenge stops the event loop for as long as
 * it copies what is still alive, and halves of 64 MB let a region's Gröna korset or staffing
 * roll-up keep that much alive: scavenges of 40–100 ms under 20 pushes/s, each one a stall every
 * tablet's push waited behind (issue 17: nothing blocks). Measured on a 1,500-unit SQLite region,
 * the roll-ups and the year report 6 times each under 20 pushes/s, two runs per size: the longest
 * scavenge 24–30 ms at 16 MB, 29–37 at 24, 39–45 at 64; all collection 757–941, 667–694 and
 * 611–649 ms. In one process (SQLite, 12 year reports) 24 MB collected as long as 64 (358–364
 * against 366–376 ms in all). The space grows only when a request needs it.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=24'];
