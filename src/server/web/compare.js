// 对比两稿: any two versions of the open draft side by side, deletions struck through on the left, insertions marked
// on the right; the same comparison downloads as a Word file with the changes as 修订 (tracked changes).
import { api, download } from './api.js'
import { diffColumns } from './diff-view.js'
import { fill, formatTime, h, saveBlob, say } from './dom.js'

const label = (v) => `第 ${v.number} 稿 · ${formatTime(v.createdAt)}`

/** A card comparing two versions of `draftId` (newest and the one before, to start with). */
export function compareCard(draftId, versions, onClose) {
  const newest = versions[versions.length - 1]
  const older = versions[versions.length - 2] ?? newest
  const select = (id, selected) =>
    h('select', { id }, [...versions].reverse().map((v) => h('option', { value: String(v.number), selected: v.number === selected.number }, label(v))))
  const from = select('compare-from', older)
  const to = select('compare-to', newest)
  const status = h('p', { class: 'message', role: 'status', id: 'compare-status' })
  const result = h('div', { id: 'compare-result' })
  const close = h('button', { type: 'button', class: 'ghost small' }, '关闭对比')
  close.addEventListener('click', onClose)
  const word = h('button', { type: 'button', class: 'secondary small', id: 'compare-word' }, '下载修订稿（.docx）')
  word.addEventListener('click', async () => {
    if (from.value === to.value) return say(status, '请选择两个不同的稿次。')
    word.disabled = true
    say(status, '正在生成修订稿……', 'busy')
    try {
      const { blob, fileName } = await download(`/api/drafts/${encodeURIComponent(draftId)}/compare.docx?from=${from.value}&to=${to.value}`)
      saveBlob(blob, fileName)
      say(status, `已生成“${fileName}”：用 Word 或 WPS 打开，可在“审阅”中逐条接受或拒绝修改。`, 'ok')
    } catch (error) {
      say(status, error.message, 'error')
    } finally {
      word.disabled = false
    }
  })

  const show = async () => {
    if (from.value === to.value) {
      fill(result)
      return say(status, '请选择两个不同的稿次。')
    }
    say(status, '正在对比……', 'busy')
    try {
      const compared = await api(`/api/drafts/${encodeURIComponent(draftId)}/compare?from=${from.value}&to=${to.value}`)
      const [before, after] = diffColumns(compared.diff)
      say(status, compared.deleted || compared.inserted ? `删去 ${compared.deleted} 字，增加 ${compared.inserted} 字。` : '两稿内容相同。', 'ok')
      fill(
        result,
        h(
          'div',
          { class: 'compare' },
          h('div', {}, h('h4', {}, `第 ${compared.from.number} 稿`), h('div', { class: 'diff-text', id: 'compare-before' }, before)),
          h('div', {}, h('h4', {}, `第 ${compared.to.number} 稿`), h('div', { class: 'diff-text', id: 'compare-after' }, after)),
        ),
      )
    } catch (error) {
      say(status, error.message, 'error')
    }
  }
  from.addEventListener('change', show)
  to.addEventListener('change', show)
  show()
  return h(
    'section',
    { class: 'card', id: 'compare-card', 'aria-labelledby': 'compare-title' },
    h('h3', { id: 'compare-title' }, '对比两稿'),
    h('div', { class: 'toolbar' }, h('label', { for: 'compare-from' }, '从'), from, h('label', { for: 'compare-to' }, '到'), to, word, close),
    status,
    result,
  )
}
