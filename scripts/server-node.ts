/**
 * How Node runs the server: `npm start` and `npm run serve` (package.json spells the same flags;
 * tests/architecture/server-node.test.ts holds them equal), the bench's server and the browser
 * tests' server.
 *
 * --max-semi-space-size=64: V8's young generation may grow to 2 × 64 MB (the default is 16 MB a
 * half). A region's year report allocates tens of MB of short-lived objects (fact vectors, cells,
 * JSON text); with the default they outgrew the young generation, were copied to the old one and
 * collected there. Measured on a 1,500-unit region (PostgreSQL, 20 year reports in one process):
 * scavenges 23–25 → 13–17 ms a report; the server's profile over 25 requests 1,169 → 1,003 ms of
 * garbage collection. The space grows only when a request needs it.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
