import type { MiddlewareHandler } from 'hono'

/**
 * Requests that cost the event loop real work (a check answered from the kept answers, a job posted to the worker
 * threads) go through in small batches, one batch per turn of the event loop, so that `/api/health`, the page and
 * every other client's request are read between the batches.
 *
 * Why: Node reads every socket that became readable in one go (the poll phase), then runs what those requests do. 200
 * clients re-sending the same draft as fast as they get answers arrive together, so one turn handled all 200 — about
 * 35 ms of work at ~0.175 ms each — and a health probe that arrived meanwhile waited for that turn and often the next
 * (measured idle: health p50 48.6 ms, worst 142 ms, while 5,261 checks/s were answered). Held requests are not refused
 * and lose no throughput: the loop stays busy, only in shorter turns; and because each client sends its next request
 * when it has its answer, the arrivals spread out over the turns too.
 *
 * Each turn admits at most `perTurn` requests at once; the rest wait in order of arrival and are let through
 * `perTurn` per turn after the loop's I/O (setImmediate runs after the poll phase).
 */
export class LoopTurns {
  private admitted = 0
  private readonly waiting: (() => void)[] = []
  private turnScheduled = false

  constructor(private readonly perTurn: number) {}

  /** Resolves when the caller may go on: at once while this turn has room and nobody is waiting, else in a later turn. */
  enter(): Promise<void> | undefined {
    this.scheduleTurn()
    if (this.admitted < this.perTurn && this.waiting.length === 0) {
      this.admitted += 1
      return undefined
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /** Requests held for a later turn (tests, the bench). */
  get held(): number {
    return this.waiting.length
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return
    this.turnScheduled = true
    setImmediate(() => {
      this.turnScheduled = false
      this.admitted = 0
      while (this.admitted < this.perTurn && this.waiting.length > 0) {
        this.admitted += 1
        this.waiting.shift()!()
      }
      if (this.waiting.length > 0 || this.admitted > 0) this.scheduleTurn()
    })
  }
}

/**
 * At most this many costly requests start per turn of the event loop. 32 × ~0.2 ms (a kept answer sent) is ~6 ms of
 * work, well inside the 50 ms a health probe may take, and large enough that a turn's fixed cost (one epoll_wait) stays
 * small next to it.
 */
export const REQUESTS_PER_TURN = 32

/** The middleware: `isCostly(method, path)` says which requests take turns (the others go straight through). */
export function takeTurns(isCostly: (method: string, path: string) => boolean, turns = new LoopTurns(REQUESTS_PER_TURN)): MiddlewareHandler {
  return async (c, next) => {
    if (isCostly(c.req.method, c.req.path)) await turns.enter()
    return next()
  }
}
