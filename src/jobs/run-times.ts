/**
 * How long a lane's jobs take, for predicting how long a new job would wait: the median of the run times its worker
 * threads reported for their last jobs. A median, not a moving average, because the samples are skewed: a 59,000-
 * character flood checks in ~0.5 s where a draft takes a few ms, and a thread restarted after a budget kill runs its
 * first jobs cold. With an exponential average three floods raised the estimate of the check lane to ~300 ms; 200
 * waiting drafts then predicted a 30 s wait, every new one was refused 503 at once, the refused clients came straight
 * back, and their requests took the CPU that would have brought the estimate down (issue 15). A thread's first job
 * (loading its code, a cold JIT) is not reported by the thread at all (worker-entry.ts).
 */

/** How many recent run times the estimate is the median of. */
export const RUN_TIME_SAMPLES = 31
/**
 * Fewer run times than this say nothing yet: after a start, or after floods, the few samples are the floods and the
 * cold jobs, and a lane refusing on them refused a whole rush (the trace of issue 15: a median of 290 ms from three
 * samples, 200 drafts predicted to wait 29 s, every new one refused while the drafts actually ran in ~25 ms).
 */
export const MIN_RUN_TIME_SAMPLES = 8
/**
 * Run times older than this say nothing about now: the hostile corpus's floods and uploads, checked a minute before
 * a rush of drafts, were 6 of the lane's last 8 samples, and the lane refused the rush on their median (~1.5 s).
 */
export const RUN_TIME_MAX_AGE_MS = 10_000

export class RunTimes {
  private readonly samples: { ms: number; at: number }[] = []
  private next = 0

  constructor(
    private readonly capacity = RUN_TIME_SAMPLES,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A job's run time in ms, as its thread measured it. */
  add(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return
    const sample = { ms, at: this.clock() }
    if (this.samples.length < this.capacity) this.samples.push(sample)
    else this.samples[this.next] = sample
    this.next = (this.next + 1) % this.capacity
  }

  /**
   * The median of the run times reported in the last RUN_TIME_MAX_AGE_MS, in ms; undefined while fewer than
   * MIN_RUN_TIME_SAMPLES of them are known.
   */
  typicalMs(): number | undefined {
    const since = this.clock() - RUN_TIME_MAX_AGE_MS
    const recent = this.samples.filter((sample) => sample.at >= since)
    if (recent.length < Math.min(MIN_RUN_TIME_SAMPLES, this.capacity)) return undefined
    const sorted = recent.map((sample) => sample.ms).sort((a, b) => a - b)
    const middle = sorted.length >> 1
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  }
}
