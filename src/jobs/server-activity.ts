import { performance } from 'node:perf_hooks'

/**
 * Whether the server is busy, as one flag its worker threads can read without a message: set when the event loop was
 * more than BUSY_LOOP_SHARE utilised over the last SAMPLE_MS, or when any job is running or waiting. The check
 * threads' compiler warm-up (jit-warm-up.ts) runs only while the flag is clear: on two cores its checks and the
 * optimizing compiler's helper threads took the CPU the event loop needed to answer a flood of same-text checks
 * (200 connections at load 11–14, before/after alternating: 466 and 128 answers/s with the warm-up running against
 * 1,828 and 689 without).
 */

/** Share of the event loop's time busy above which the server counts as busy. */
export const BUSY_LOOP_SHARE = 0.2
/** How often the flag is updated. */
export const SAMPLE_MS = 200

export class ServerActivity {
  /** [0] is 1 while the server is busy, else 0; shared with the worker threads through their workerData. */
  readonly flag = new Int32Array(new SharedArrayBuffer(4))
  private readonly timer: NodeJS.Timeout

  constructor(jobsInFlight: () => number, utilisation: () => number = loopUtilisation()) {
    // Busy from the start: the server is loading its database and index while the threads start.
    Atomics.store(this.flag, 0, 1)
    this.timer = setInterval(() => {
      const busy = utilisation() > BUSY_LOOP_SHARE || jobsInFlight() > 0
      Atomics.store(this.flag, 0, busy ? 1 : 0)
    }, SAMPLE_MS)
    this.timer.unref()
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
