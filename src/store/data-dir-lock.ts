import { hostname } from 'node:os'
import { open, readFile, rm } from 'node:fs/promises'
import { UserError } from '../errors.js'

const messages = {
  inUse: (dir: string, pid: number, host: string) =>
    `数据目录“${dir}”正被另一个程序（${host} 上的进程 ${pid}）使用。内置数据库同一时间只能由一个程序打开：` +
    '请先停止正在运行的园区报告助手，或设置 DATABASE_URL 改用 PostgreSQL 让多个程序共用。',
}

/** Lock files this process holds, so a second open in the same process is refused like one from another process. */
const held = new Set<string>()

/**
 * An exclusive lock on a PGlite data directory. PGlite is PostgreSQL compiled to WASM with no postmaster: nothing
 * stops two processes (say `npm start` and a CLI command) from opening the same files, and two writers would corrupt
 * them. The lock is a file holding the owner's pid and host; a lock whose process is gone (a crash, kill -9) is
 * stale and taken over. Returns the function that releases it.
 */
export async function lockDataDir(lockFile: string, dir: string): Promise<() => Promise<void>> {
  const content = JSON.stringify({ pid: process.pid, host: hostname() })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx')
      try {
        await handle.writeFile(content, 'utf8')
      } finally {
        await handle.close()
      }
      held.add(lockFile)
      let released = false
      return async () => {
        if (released) return
        released = true
        held.delete(lockFile)
        await rm(lockFile, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await readOwner(lockFile)
    if (owner && isAlive(owner, lockFile)) throw new UserError('data_dir_in_use', messages.inUse(dir, owner.pid, owner.host), 409)
    // Stale (or unreadable, e.g. a crash between creating and writing it): remove it and try again.
    await rm(lockFile, { force: true })
  }
  throw new UserError('data_dir_in_use', messages.inUse(dir, 0, hostname()), 409)
}

async function readOwner(lockFile: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockFile, 'utf8')) as { pid?: unknown; host?: unknown }
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host }
  } catch {
    // Missing or half-written: treated as stale.
  }
  return undefined
}

function isAlive(owner: { pid: number; host: string }, lockFile: string): boolean {
  // A lock from another machine (a shared folder) cannot be checked: respect it.
  if (owner.host !== hostname()) return true
  // Our own pid: held only if this process really opened it (otherwise it is a crashed run whose pid we reuse).
  if (owner.pid === process.pid) return held.has(lockFile)
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
