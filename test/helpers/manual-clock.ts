import type { AttemptTimers } from '../../src/llm/client.js'

/**
 * A clock that only moves when the test says so, for the chat client's timeouts. A test that races real
 * milliseconds (a 0.1 s timeout against a local server) fails on a loaded machine; with this clock the test
 * decides when a wait has lasted too long — after the server has seen the request, or between two chunks — and
 * the client's reaction is the same on any machine.
 */
export interface ManualClock extends AttemptTimers {
  /** Virtual milliseconds since the clock was made. */
  now(): number
  /** Moves the clock on and runs, in order, every timer that falls due. */
  advance(ms: number): void
  /** Timers armed and not yet run or cleared. */
  pending(): number
}

interface Timer {
  id: number
  due: number
  callback: () => void
}

export function manualClock(): ManualClock {
  let now = 0
  let nextId = 1
  const timers = new Map<number, Timer>()
  return {
    now: () => now,
    pending: () => timers.size,
    setTimeout(callback, ms) {
      const timer = { id: nextId++, due: now + ms, callback }
      timers.set(timer.id, timer)
      return timer.id
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle)
    },
    advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...timers.values()].filter((t) => t.due <= until).sort((a, b) => a.due - b.due || a.id - b.id)[0]
        if (!due) break
        timers.delete(due.id)
        now = due.due
        due.callback()
      }
      now = until
    },
  }
}
