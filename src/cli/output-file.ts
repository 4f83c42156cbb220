import { writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { UserError } from '../errors.js'

/** Why a file could not be written, in words that say what to do, by the system's error code. */
const messages = {
  noFolder: (path: string) => `无法写入“${path}”：文件夹“${dirname(path)}”不存在。请先建好这个文件夹，或换一个输出位置。`,
  isFolder: (path: string) => `“${path}”是一个文件夹，不能作为输出文件：请在后面加上文件名。`,
  noPermission: (path: string) => `没有权限写入“${path}”：请换一个有写入权限的文件夹，或请电脑管理员开通权限。`,
  diskFull: (path: string) => `无法写入“${path}”：磁盘空间不足。请清理磁盘后重试，或换一个磁盘保存。`,
  other: (path: string) => `无法写入“${path}”：请确认文件夹存在、这个文件没有在 Word 或 Excel 中打开，然后重试。`,
}

const MESSAGE_OF_CODE: Record<string, (path: string) => string> = {
  ENOENT: messages.noFolder,
  ENOTDIR: messages.noFolder,
  EISDIR: messages.isFolder,
  EACCES: messages.noPermission,
  EPERM: messages.noPermission,
  EROFS: messages.noPermission,
  ENOSPC: messages.diskFull,
}

/**
 * Writes a file the person asked for (--out, --annotate). A path that cannot be written is a Chinese message naming
 * the path and what to do, and the CLI's exit code 2 — never a stack trace.
 */
export async function writeOutputFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    throw new UserError('output_unwritable', (MESSAGE_OF_CODE[code] ?? messages.other)(path))
  }
}
