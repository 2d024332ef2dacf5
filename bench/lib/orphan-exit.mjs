/**
 * Preloaded into every server child the bench starts (proc.ts). The child runs in a session of its
 * own, so a signal to the bench's process group (a terminal closing, `timeout`, a cancelled CI job)
 * and the bench's own SIGKILL no longer reach it; once the bench that started it is gone (the
 * child's parent changes), it stops itself as on SIGTERM, letting go of its port and database.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1_000).unref();
