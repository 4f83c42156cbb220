import { performance } from 'node:perf_hooks'

/**
 * Whether the server is busy, as one flag its worker threads can read without a message: set when a job was asked for
 * in the last QUIET_MS (answered from the kept answers or not), when any job is running or waiting, or when the event
 * loop was more than BUSY_LOOP_SHARE utilised over the last SAMPLE_MS. The check
 * threads' compiler warm-up (jit-warm-up.ts) runs only while the flag is clear: on two cores its checks and the
 * optimizing compiler's helper threads took the CPU the event loop needed to answer a flood of same-text checks
 * (200 connections at load 11–14, before/after alternating: 466 and 128 answers/s with the warm-up running against
 * 1,828 and 689 without). The loop's utilisation alone did not tell: on a loaded machine a flood of kept answers
 * left the loop below 20 % busy in some samples (waiting for the clients), and the warm-up ran in them.
 */

/** Share of the event loop's time busy above which the server counts as busy. */
export const BUSY_LOOP_SHARE = 0.2
/** How often the flag is updated. */
export const SAMPLE_MS = 200
/** How long after the last job asked for the server counts as busy. */
export const QUIET_MS = 1_000

export class ServerActivity {
  /** [0] is 1 while the server is busy, else 0; shared with the worker threads through their workerData. */
  readonly flag = new Int32Array(new SharedArrayBuffer(4))
  private readonly timer: NodeJS.Timeout
  private lastAskedAt = -Infinity

  constructor(jobsInFlight: () => number, utilisation: () => number = loopUtilisation()) {
    // Busy from the start: the server is loading its database and index while the threads start.
    Atomics.store(this.flag, 0, 1)
    this.timer = setInterval(() => {
      const loopBusy = utilisation() > BUSY_LOOP_SHARE
      const busy = loopBusy || jobsInFlight() > 0 || performance.now() - this.lastAskedAt < QUIET_MS
      Atomics.store(this.flag, 0, busy ? 1 : 0)
    }, SAMPLE_MS)
    this.timer.unref()
  }

  /** A job was asked for (a request, whether or not a thread will run it). */
  asked(): void {
    this.lastAskedAt = performance.now()
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/** The event loop's utilisation since the previous call (perf_hooks.eventLoopUtilization). */
function loopUtilisation(): () => number {
  let last = performance.eventLoopUtilization()
  return () => {
    const now = performance.eventLoopUtilization()
    const share = performance.eventLoopUtilization(now, last).utilization
    last = now
    return share
  }
}
