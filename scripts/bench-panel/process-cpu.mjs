// CPU seconds used by a process and all its descendants (Linux /proc; undefined elsewhere). The panel bench reads the
// browser's whole tree: the page's renderer, and the GPU and browser processes that composite its frames. CPU time,
// unlike the page's task durations, does not grow when the machine is busy.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** @param {number} rootPid @returns {number | undefined} */
export function treeCpuSeconds(rootPid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const parentOf = new Map();
  const ticksOf = new Map();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, …, utime (14th), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(pid), Number(fields[1]));
      ticksOf.set(Number(pid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended while we read
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = parentOf.get(p) ?? 0) if (p === rootPid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, t] of ticksOf) if (inTree(pid)) ticks += t;
  return ticks / TICKS_PER_SECOND;
}

/** The pid of the browser Playwright launched from this process (the child started with a DevTools pipe). */
export function launchedBrowserPid() {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--remote-debugging-pipe')) return Number(pid);
    } catch {
      // not readable, or gone
    }
  }
  return undefined;
}
