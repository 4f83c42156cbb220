// 审校: the draft in an editor whose findings are highlighted at their exact characters, grouped by rule, with
// one-click fixes; 字数 per section; re-checked while typing. A person's own .docx/.txt/.md can be uploaded and
// checked the same way. Saving adds a version; an applied fix is saved as a version of its own.
import { api, download } from './api.js'
import { debounce, empty, fill, filePicker, formatTime, h, saveBlob, say } from './dom.js'
import { hasUnsavedText, hideToast, loadDrafts, materials, openDraft, parkData, saveVersion, setText, showTab, toast } from './session.js'
import { formatKey, local, on, state } from './state.js'

// The rules' Chinese names come from the server (GET /api/rules); rewrite.js takes ruleName from here.
import { ruleName, rulesCard } from './rules.js'
export { ruleName }
const SEVERITY = { error: '错误', warning: '提醒', info: '提示' }
export const SOURCE_NAMES = { compose: '离线撰写', llm: '大模型撰写', upload: '上传', edit: '手工修改', rewrite: '改写', fixes: '应用修改建议' }

let panel
let textarea
let backdrop
let findingsBox
let zishuBox
let statusLine
let checkSeq = 0
let selected = -1

const uploadPicker = filePicker('.docx,.txt,.md', uploadDraft)
const annotatePicker = filePicker('.docx', annotateWordFile)
const ANNOTATE_LABEL = '生成 Word 批注稿（.docx）'
const ANNOTATE_HINT = '选择一份 Word 稿件，下载同一份文件：每条审校意见写成批注，可直接改的写成修订，可在 Word/WPS 中逐条接受或拒绝。'

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

async function runCheck() {
  if (!state.current) return
  const text = state.text
  const seq = ++checkSeq
  if (!text.trim()) {
    state.check = { text, findings: [], stats: { total: 0, title: 0, abstract: 0, sections: [] } }
    return showCheck()
  }
  say(statusLine, '正在审校……', 'busy')
  try {
    const park = parkData()
    const result = await api('/api/check', {
      method: 'POST',
      body: { text, kind: state.current.draft.kind, ...(park ? { park, materials: materials() } : {}) },
    })
    if (seq !== checkSeq) return
    state.check = { text, ...result, findings: [...formatFindingsFor(text), ...result.findings] }
    showCheck()
  } catch (error) {
    if (seq === checkSeq) say(statusLine, `审校失败：${error.message}`, 'error')
  }
}

const checkSoon = debounce(runCheck, 600)

// ---------------------------------------------------------------------------------------------
// Word format findings of an uploaded .docx: only the upload itself can see fonts, sizes and spacing. They are kept in
// this browser with the text they belong to and shown whenever the editor holds that very text (after a reload
// too); once the text differs, a notice says where they are fixed instead.
// ---------------------------------------------------------------------------------------------

const storedFormat = () => (state.current ? local.get(formatKey(state.current.draft.id)) : undefined)

/** The format findings that belong to `text` (their offsets are offsets into it), or none. */
function formatFindingsFor(text) {
  const stored = storedFormat()
  return stored?.text === text && Array.isArray(stored.findings) ? stored.findings : []
}

function formatNotice() {
  const stored = storedFormat()
  if (!stored?.findings?.length || stored.text === state.check?.text) return null
  return h(
    'p',
    { class: 'banner warning', id: 'format-notice' },
    `上传的 Word 文件有 ${stored.findings.length} 个格式问题（字体、字号、行距等），正文与上传的第 ${stored.version} 版不同后不再逐条列出。格式问题需在 Word 中修改后重新上传；“导出”生成的 Word 文件会按模板重新排版。`,
  )
}

/** Findings that can be highlighted: a non-empty span, not overlapping an earlier one (the first one wins). */
function highlightable(findings) {
  const spans = findings
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => finding.end > finding.start)
    .sort((a, b) => a.finding.start - b.finding.start || a.finding.end - b.finding.end)
  const kept = []
  let end = -1
  for (const span of spans) {
    if (span.finding.start < end) continue
    kept.push(span)
    end = span.finding.end
  }
  return kept
}

function paintBackdrop() {
  const text = state.text
  const current = state.check && state.check.text === text ? state.check.findings : []
  const nodes = []
  let at = 0
  for (const { finding, index } of highlightable(current)) {
    nodes.push(text.slice(at, finding.start))
    nodes.push(h('mark', { class: `sev-${finding.severity}${index === selected ? ' current' : ''}`, id: `mark-${index}` }, text.slice(finding.start, finding.end)))
    at = finding.end
  }
  // The trailing newline keeps the backdrop as tall as the textarea when the text ends in a line break.
  nodes.push(`${text.slice(at)}\n`)
  fill(backdrop, nodes)
  backdrop.scrollTop = textarea.scrollTop
}

function showCheck() {
  paintBackdrop()
  renderFindings()
  renderZishu()
  const findings = state.check?.findings ?? []
  const errors = findings.filter((f) => f.severity === 'error').length
  say(statusLine, findings.length ? `审校完成：${errors} 个错误、${findings.length - errors} 个提醒或提示。` : '审校完成：没有发现问题。', errors ? 'error' : 'ok')
}

// ---------------------------------------------------------------------------------------------
// Findings and fixes
// ---------------------------------------------------------------------------------------------

function locate(index) {
  const finding = state.check?.findings[index]
  if (!finding) return
  selected = index
  paintBackdrop()
  for (const item of findingsBox.querySelectorAll('li.finding')) item.classList.toggle('current', Number(item.dataset.index) === index)
  const mark = backdrop.querySelector(`#mark-${index}`)
  if (mark) {
    textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3)
    backdrop.scrollTop = textarea.scrollTop
  }
  textarea.focus({ preventScroll: true })
  textarea.setSelectionRange(finding.start, finding.end)
}

async function applyFix(index) {
  const check = state.check
  const finding = check?.findings[index]
  if (!finding?.fix) return
  if (check.text !== state.text) {
    toast('正文刚刚改动过，正在重新审校，请在结果更新后再点“修改”。', 'error')
    return runCheck()
  }
  const { start, end, text } = finding.fix
  const before = state.text.slice(start, end)
  const next = state.text.slice(0, start) + text + state.text.slice(end)
  const hadEdits = hasUnsavedText()
  textarea.value = next
  setText(next, 'fix')
  selected = -1
  const rule = ruleName(finding.rule)
  const note = `应用修改建议（${rule}）：“${before}”改为“${text}”${hadEdits ? '；含此前未保存的修改' : ''}`
  await saveVersion(next, 'fixes', note.slice(0, 2000))
  await runCheck()
}

function findingItem(finding, index) {
  const actions = h('div', { class: 'actions' })
  if (finding.end > finding.start) {
    const go = h('button', { type: 'button', class: 'ghost small' }, '定位')
    go.addEventListener('click', () => locate(index))
    actions.append(go)
  }
  if (finding.fix) {
    const label = finding.fix.text ? `修改为“${finding.fix.text}”` : `删除“${state.text.slice(finding.fix.start, finding.fix.end)}”`
    const fix = h('button', { type: 'button', class: 'primary small fix' }, label)
    fix.addEventListener('click', () => applyFix(index))
    actions.append(fix)
  }
  return h(
    'li',
    { class: `finding sev-${finding.severity}${index === selected ? ' current' : ''}`, dataset: { index: String(index) } },
    h('p', { class: 'finding-head' }, h('span', { class: `badge sev-${finding.severity}` }, SEVERITY[finding.severity] ?? finding.severity), h('span', { class: 'where' }, `${finding.section} · 第 ${finding.line} 行`)),
    h('p', { class: 'finding-message' }, finding.message),
    finding.excerpt ? h('p', { class: 'excerpt' }, finding.excerpt) : null,
    finding.suggestion ? h('p', { class: 'suggestion' }, `建议：${finding.suggestion}`) : null,
    actions.childElementCount ? actions : null,
  )
}

function renderFindings() {
  const findings = state.check?.findings ?? []
  if (!state.check) return fill(findingsBox, h('h3', {}, '审校意见'), h('p', { class: 'hint' }, '正在审校……'))
  if (!findings.length) return fill(findingsBox, h('h3', {}, '审校意见'), formatNotice(), empty('没有发现问题。'))
  const groups = new Map()
  findings.forEach((finding, index) => {
    if (!groups.has(finding.rule)) groups.set(finding.rule, [])
    groups.get(finding.rule).push([finding, index])
  })
  fill(
    findingsBox,
    h('h3', {}, `审校意见（${findings.length}）`),
    formatNotice(),
    [...groups].map(([rule, items]) =>
      h(
        'details',
        { class: 'rule-group', open: true },
        h('summary', {}, `${ruleName(rule)}（${items.length}）`),
        rule === 'format' ? h('p', { class: 'hint' }, '格式问题需在 Word 中修改后重新上传；“导出”生成的 Word 文件会按模板重新排版。') : null,
        h('ol', { class: 'findings' }, items.map(([finding, index]) => findingItem(finding, index))),
      ),
    ),
  )
}

function renderZishu() {
  const stats = state.check?.stats
  const limit = state.kinds.find((k) => k.id === state.current?.draft.kind)?.totalZishu
  if (!stats) return fill(zishuBox, h('h3', {}, '字数'))
  const over = limit && stats.total > limit
  fill(
    zishuBox,
    h('h3', {}, '字数'),
    h('p', { class: `zishu-total${over ? ' over' : ''}` }, `全文 ${stats.total} 字${limit ? ` / 上限 ${limit} 字` : ''}`, over ? `（超出 ${stats.total - limit} 字）` : ''),
    h('p', { class: 'hint' }, `标题 ${stats.title} 字（不计入全文），【摘要】 ${stats.abstract} 字`),
    h(
      'table',
      { class: 'zishu' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '章节'), h('th', { scope: 'col' }, '字数'))),
      h('tbody', {}, stats.sections.map((s) => h('tr', { class: `level-${s.level}` }, h('td', {}, s.path.split('/').pop()), h('td', { class: 'num' }, String(s.zishu))))),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Versions, saving, uploading
// ---------------------------------------------------------------------------------------------

function versionLabel(v) {
  const source = SOURCE_NAMES[v.source] ?? v.source
  // Notes usually start with what the source already says (离线撰写，1874字 / 应用修改建议（…）): not said twice.
  const note = v.note?.startsWith(source) ? v.note.slice(source.length).replace(/^[，：:、\s]+/, '') : (v.note ?? '')
  return `第 ${v.number} 版 · ${source} · ${formatTime(v.createdAt)}${note ? ` · ${note.slice(0, 40)}` : ''}`
}

async function showVersion(number) {
  const latest = state.current.latest
  if (number === latest.number) {
    if (hasUnsavedText() && !window.confirm('放弃未保存的修改，回到最新版本吗？')) return renderToolbar()
    textarea.value = latest.text
    setText(latest.text, 'version')
    state.baseVersion = latest.number
    return renderToolbar()
  }
  if (hasUnsavedText() && !window.confirm('载入历史版本会替换编辑框中未保存的修改，继续吗？')) return renderToolbar()
  try {
    const { version } = await api(`/api/drafts/${encodeURIComponent(state.current.draft.id)}/versions/${number}`)
    textarea.value = version.text
    state.baseVersion = latest.number
    setText(version.text, 'version')
    toast(`已载入第 ${number} 版的内容；保存后成为第 ${latest.number + 1} 版。`)
  } catch (error) {
    toast(error.message, 'error')
  }
  renderToolbar()
}

async function uploadDraft(file) {
  if (!state.park) return
  const form = new FormData()
  form.append('file', file)
  // From the empty state (no draft yet) there is no editor and no status line: the toast says it instead.
  const line = statusLine?.isConnected ? statusLine : undefined
  if (line) say(line, `正在上传并审校“${file.name}”……`, 'busy')
  else toast(`正在上传并审校“${file.name}”……`)
  try {
    const result = await api(`/api/parks/${encodeURIComponent(state.park.id)}/drafts/upload`, { method: 'POST', form })
    // A .docx is checked with its Word formatting (fonts, sizes, spacing): those findings are kept with the uploaded
    // text, the text itself is checked like any other (runCheck adds them back while the text is unchanged).
    const format = result.findings.filter((f) => f.rule === 'format')
    if (format.length) local.set(formatKey(result.draft.id), { text: result.version.text, version: result.version.number, findings: format })
    await loadDrafts(result.draft.id)
    toast(`已上传“${file.name}”，保存为稿件《${result.draft.title}》。`)
  } catch (error) {
    if (line?.isConnected) say(line, error.message, 'error')
    toast(error.message, 'error')
  }
}

/**
 * The person's own .docx back with every finding as a comment (批注) and every fix as a tracked change (修订),
 * checked against this park's data; nothing is saved in the workspace.
 */
async function annotateWordFile(file) {
  const form = new FormData()
  form.append('file', file)
  const park = parkData()
  if (park) form.append('park', JSON.stringify(park))
  if (state.current?.draft.kind) form.append('kind', state.current.draft.kind)
  toast(`正在审校“${file.name}”并写入批注……`)
  try {
    const { blob, fileName } = await download('/api/check/annotate', { method: 'POST', form })
    saveBlob(blob, fileName)
    toast(`已生成“${fileName}”：在 Word 或 WPS 的“审阅”中查看批注，逐条接受或拒绝修订。`)
  } catch (error) {
    toast(error.message, 'error')
  }
}

function annotateButton() {
  const button = h('button', { type: 'button', class: 'secondary', id: 'review-annotate', title: ANNOTATE_HINT }, ANNOTATE_LABEL)
  button.addEventListener('click', annotatePicker.open)
  return button
}

function renderToolbar() {
  const bar = panel.querySelector('#review-toolbar')
  if (!bar || !state.current) return
  const { draft, versions } = state.current
  const draftSelect = h('select', { id: 'review-draft' }, state.drafts.map((d) => h('option', { value: d.id, selected: d.id === draft.id }, `${d.title}（${d.latestVersion} 版）`)))
  draftSelect.addEventListener('change', () => openDraft(draftSelect.value).catch((error) => toast(error.message, 'error')))
  const versionSelect = h(
    'select',
    { id: 'review-version' },
    [...versions].reverse().map((v) => h('option', { value: String(v.number), selected: v.number === state.current.latest.number }, versionLabel(v))),
  )
  versionSelect.addEventListener('change', () => showVersion(Number(versionSelect.value)))
  const note = h('input', { id: 'review-note', type: 'text', maxlength: '200', placeholder: '修改说明（可不填）', 'aria-label': '修改说明' })
  const save = h('form', { class: 'inline-form' }, note, h('button', { type: 'submit', class: 'primary', id: 'review-save' }, '保存为新版本'))
  save.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!hasUnsavedText()) return
    await saveVersion(state.text, 'edit', note.value.trim())
  })
  const upload = h('button', { type: 'button', class: 'secondary' }, '上传人工稿（.docx/.txt/.md）')
  upload.addEventListener('click', uploadPicker.open)
  const discard = h('button', { type: 'button', class: 'ghost', id: 'review-discard' }, '放弃未保存的修改')
  discard.addEventListener('click', () => {
    hideToast()
    showVersion(state.current.latest.number)
  })
  fill(
    bar,
    h('div', { class: 'field' }, h('label', { for: 'review-draft' }, '稿件'), draftSelect),
    h('div', { class: 'field' }, h('label', { for: 'review-version' }, '版本'), versionSelect),
    save,
    upload,
    annotateButton(),
    discard,
    h('p', { class: 'save-status', id: 'review-save-status', 'aria-live': 'polite' }),
  )
  updateSaveState()
}

/** The save button and the saved/unsaved line, updated on every keystroke without redrawing the toolbar. */
function updateSaveState() {
  const status = panel.querySelector('#review-save-status')
  if (!status || !state.current) return
  const unsaved = hasUnsavedText()
  panel.querySelector('#review-save').disabled = !unsaved
  panel.querySelector('#review-discard').hidden = !unsaved
  say(
    status,
    unsaved
      ? `有未保存的修改（基于第 ${state.baseVersion} 版，已暂存在本机浏览器${state.restored ? `，恢复自 ${formatTime(state.restored)}` : ''}）`
      : `已保存：第 ${state.current.latest.number} 版`,
    unsaved ? 'busy' : 'ok',
  )
}

function render() {
  checkSoon.cancel()
  selected = -1
  if (!state.park) {
    const go = h('button', { type: 'button', class: 'primary' }, '去填写园区资料')
    go.addEventListener('click', () => showTab('park'))
    return fill(panel, h('h2', { class: 'panel-title' }, '审校'), empty('请先在“园区资料”中选择或保存一个园区。', go))
  }
  if (!state.current) {
    const gen = h('button', { type: 'button', class: 'primary' }, '去生成初稿')
    gen.addEventListener('click', () => showTab('draft'))
    const upload = h('button', { type: 'button', class: 'secondary' }, '上传人工稿（.docx/.txt/.md）')
    upload.addEventListener('click', uploadPicker.open)
    return fill(panel, h('h2', { class: 'panel-title' }, '审校'), empty('这个园区还没有稿件：可以先生成初稿，或上传已经写好的稿件审校。', h('div', { class: 'actions' }, gen, upload, annotateButton())))
  }
  textarea = h('textarea', { id: 'draft-text', spellcheck: 'false', 'aria-label': '稿件正文（可直接修改，修改后自动重新审校）' })
  textarea.value = state.text
  // Scrollable, so the browser would make it a Tab stop of its own: it only mirrors the textarea.
  backdrop = h('div', { class: 'backdrop', 'aria-hidden': 'true', tabindex: '-1' })
  textarea.addEventListener('input', () => {
    setText(textarea.value, 'typing')
    selected = -1
    paintBackdrop()
    checkSoon()
  })
  textarea.addEventListener('scroll', () => (backdrop.scrollTop = textarea.scrollTop))
  findingsBox = h('section', { class: 'card findings-card', 'aria-live': 'polite', 'aria-label': '审校意见' })
  zishuBox = h('section', { class: 'card zishu-card', 'aria-label': '字数' })
  statusLine = h('p', { class: 'message', role: 'status' })
  fill(
    panel,
    h('h2', { class: 'panel-title' }, `审校：${state.current.draft.title}`),
    h('div', { id: 'review-toolbar', class: 'toolbar' }),
    h(
      'div',
      { class: 'review' },
      h('div', { class: 'editor-column' }, statusLine, h('div', { class: 'editor' }, backdrop, textarea), h('p', { class: 'hint' }, '直接在上面修改正文，停顿后会自动重新审校；高亮处即审校意见所指的文字。')),
      h('div', { class: 'side-column' }, zishuBox, findingsBox, rulesCard()),
    ),
  )
  renderToolbar()
  paintBackdrop()
  renderFindings()
  renderZishu()
  runCheck()
}

export function initReview(node) {
  panel = node
  fill(panel, empty('正在载入……'))
  on('park', () => {
    // A saved park changes what the checker compares the figures with: check again.
    if (!state.current) render()
    else checkSoon()
  })
  on('draft', (detail) => {
    if (detail?.saved && textarea) {
      if (textarea.value !== state.text) {
        // A version saved from another tab of the page (改写): show its text.
        textarea.value = state.text
        runCheck()
      }
      return renderToolbar()
    }
    render()
  })
  on('text', (origin) => {
    if (!textarea) return
    if (origin !== 'typing' && origin !== 'fix' && textarea.value !== state.text) {
      textarea.value = state.text
      checkSoon()
    }
    if (origin === 'version') {
      paintBackdrop()
      runCheck()
    }
    updateSaveState()
  })
}
