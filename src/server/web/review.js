// 审校: the draft in an editor whose findings are highlighted at their exact characters, grouped by rule, with
// one-click fixes; 字数 per section; re-checked while typing. A person's own .docx/.txt/.md can be uploaded and
// checked the same way. A fix is an edit like typing (undone with Ctrl+Z, saved with the person's next save);
// a finding can be ignored (remembered per draft in this browser); an old version is viewed read-only.
import { api, download } from './api.js'
import { compareCard } from './compare.js'
import { debounce, empty, fill, filePicker, formatTime, h, saveBlob, say } from './dom.js'
import { hasUnsavedText, hideToast, loadDrafts, materials, openDraft, parkData, saveVersion, setText, showTab, toast } from './session.js'
import { formatKey, ignoredKey, local, on, state } from './state.js'

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
let noticeBox
let checkSeq = 0
let selected = -1
/** An older version shown read-only: {number, text}; undefined while the editor holds the working text. */
let viewing
/** Findings ignored in this draft, by signature (see signatureOf), kept in this browser. */
let ignored = new Set()
let showIgnored = false
/** Past this many findings of one rule the list shows the first ones and a button for the rest (long texts). */
const LIST_LIMIT = 30
/** A span longer than this is marked at its start only: shading a whole section says nothing and hides the rest. */
const MARK_LIMIT = 60

/**
 * What the unsaved changes are: the fixes applied since the last save (said in the saved version's note), and
 * whether the person also typed. Only fixes: the version is recorded as 应用修改建议, otherwise as 手工修改.
 */
let pendingFixes = []
let typedSinceSave = false
let applyingFix = false

/** Saves the working text with the source and note its unsaved changes call for. */
async function saveWorkingText(userNote) {
  const fixesOnly = pendingFixes.length > 0 && !typedSinceSave
  const note = userNote || (pendingFixes.length ? `应用修改建议：${pendingFixes.join('；')}` : '')
  const saved = await saveVersion(state.text, fixesOnly ? 'fixes' : 'edit', note.slice(0, 2000))
  if (saved) {
    pendingFixes = []
    typedSinceSave = false
  }
  return saved
}

/** The text in the editor: the working text, or the old version being viewed. */
const shownText = () => viewing?.text ?? state.text

const uploadPicker = filePicker('.docx,.txt,.md', uploadDraft)
const annotatePicker = filePicker('.docx', annotateWordFile)
const ANNOTATE_LABEL = '生成 Word 批注稿（.docx）'
const ANNOTATE_HINT = '选择一份 Word 稿件，下载同一份文件：每条审校意见写成批注，可直接改的写成修订，可在 Word/WPS 中逐条接受或拒绝。'

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

async function runCheck() {
  if (!state.current) return
  const text = shownText()
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
    .filter(({ finding, index }) => finding.end > finding.start && isShown(finding, index))
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
  const text = shownText()
  const current = state.check && state.check.text === text ? state.check.findings : []
  const nodes = []
  let at = 0
  for (const { finding, index } of highlightable(current)) {
    const end = Math.min(finding.end, finding.start + MARK_LIMIT)
    nodes.push(text.slice(at, finding.start))
    nodes.push(h('mark', { class: `sev-${finding.severity}${index === selected ? ' current' : ''}`, id: `mark-${index}` }, text.slice(finding.start, end)))
    at = end
  }
  // The trailing newline keeps the backdrop as tall as the textarea when the text ends in a line break.
  nodes.push(`${text.slice(at)}\n`)
  fill(backdrop, nodes)
  backdrop.scrollTop = textarea.scrollTop
}

function showCheck() {
  fill(noticeBox, wrongParkNotice())
  paintBackdrop()
  renderFindings()
  renderZishu()
  const findings = shownFindings().map(([finding]) => finding)
  const errors = findings.filter((f) => f.severity === 'error').length
  const hidden = ignoredCount()
  say(
    statusLine,
    (findings.length ? `审校完成：${errors} 个错误、${findings.length - errors} 个提醒或提示。` : '审校完成：没有发现问题。') + (hidden ? `另有 ${hidden} 条已忽略。` : ''),
    errors ? 'error' : 'ok',
  )
}

// ---------------------------------------------------------------------------------------------
// Ignoring findings: remembered per draft by what the finding says about which characters, so it stays ignored
// after the text around it changes and comes back when the flagged characters themselves change.
// ---------------------------------------------------------------------------------------------

function signatureOf(finding) {
  const text = state.check?.text ?? ''
  return `${finding.rule}|${finding.message}|${text.slice(finding.start, finding.end)}`
}

function loadIgnored() {
  const stored = state.current ? local.get(ignoredKey(state.current.draft.id)) : undefined
  ignored = new Set(Array.isArray(stored?.signatures) ? stored.signatures : [])
}

function storeIgnored() {
  if (!state.current) return
  if (ignored.size) local.set(ignoredKey(state.current.draft.id), { signatures: [...ignored] })
  else local.remove(ignoredKey(state.current.draft.id))
}

/** A finding is listed and marked unless ignored; the blocking wrong-park notice cannot be ignored. */
const isIgnored = (finding) => finding.rule !== 'park-data' && ignored.has(signatureOf(finding))
const isShown = (finding) => showIgnored || !isIgnored(finding)
const ignoredCount = () => (state.check?.findings ?? []).filter(isIgnored).length
/** [finding, index] of the findings shown, index into state.check.findings. */
const shownFindings = () => (state.check?.findings ?? []).map((finding, index) => [finding, index]).filter(([finding]) => isShown(finding))

function toggleIgnore(index) {
  const finding = state.check?.findings[index]
  if (!finding) return
  const signature = signatureOf(finding)
  if (ignored.has(signature)) ignored.delete(signature)
  else ignored.add(signature)
  storeIgnored()
  selected = -1
  showCheck()
}

/** The draft names another park than the one selected: figures were not compared and no fix of them is offered. */
function wrongParkNotice() {
  const finding = (state.check?.findings ?? []).find((f) => f.rule === 'park-data' && f.severity === 'error')
  if (!finding) return null
  return h('div', { class: 'banner error', role: 'alert', id: 'wrong-park' }, h('p', {}, h('strong', {}, '请先确认园区：'), finding.message))
}

// ---------------------------------------------------------------------------------------------
// Findings and fixes
// ---------------------------------------------------------------------------------------------

function locate(index) {
  const finding = state.check?.findings[index]
  if (!finding || state.check.text !== shownText()) return
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

/**
 * Past this many fixes at once the edits go in without the browser's undo: each undoable edit costs the browser a
 * layout of the whole text (about 30 ms at 20,000 字), so fifty of them would freeze the page.
 */
const UNDOABLE_FIXES = 20
/**
 * A paste longer than this is put in directly rather than through the browser's editing: Chromium took 9.8 s to
 * paste 23,000 characters into this editor (0.1 s directly), with the page frozen. Such a paste is not undone with
 * Ctrl+Z; “放弃未保存的修改” brings back the saved text.
 */
const LARGE_PASTE = 2000

/**
 * Makes `fixes` (sorted from the end, not overlapping) in the editor, each as an edit the browser can undo (Ctrl+Z)
 * like typing, so that the text becomes `next`; a fix is not saved on its own: the person saves when they choose
 * (保存, Ctrl+S). Answers whether the edits can be undone with Ctrl+Z.
 */
function editRanges(fixes, next) {
  textarea.focus({ preventScroll: true })
  let undoable = fixes.length <= UNDOABLE_FIXES
  applyingFix = true
  try {
    for (const fix of undoable ? fixes : []) {
      textarea.setSelectionRange(fix.start, fix.end)
      if (!(fix.text ? document.execCommand('insertText', false, fix.text) : document.execCommand('delete'))) {
        undoable = false
        break
      }
    }
  } finally {
    applyingFix = false
  }
  if (textarea.value !== next) {
    textarea.value = next
    undoable = false
  }
  // One update for the whole batch: the input events of the single edits were not acted on (applyingFix).
  setText(next, 'fix')
  paintBackdrop()
  return undoable
}

/** The fixes of `indexes` (fixes of the checked text), applied from the end so earlier offsets stay right; overlaps skipped. */
function applyFixes(indexes) {
  const check = state.check
  if (viewing) return
  if (!check || check.text !== state.text) {
    toast('正文刚刚改动过，正在重新审校，请在结果更新后再点“修改”。', 'error')
    return runCheck()
  }
  const fixes = indexes
    .map((index) => check.findings[index]?.fix)
    .filter(Boolean)
    .sort((a, b) => b.start - a.start || b.end - a.end)
  let next = state.text
  let limit = Infinity
  const kept = []
  const notes = []
  for (const fix of fixes) {
    if (fix.end > limit) continue
    notes.unshift(`“${next.slice(fix.start, fix.end)}”改为“${fix.text}”`)
    next = next.slice(0, fix.start) + fix.text + next.slice(fix.end)
    limit = fix.start
    kept.push(fix)
  }
  if (!kept.length) return
  pendingFixes.push(...notes)
  selected = -1
  const undoable = editRanges(kept, next)
  const undo = undoable ? (kept.length === 1 ? '可按 Ctrl+Z 撤销' : '可按 Ctrl+Z 逐处撤销') : '可点“放弃未保存的修改”撤销'
  toast(`${kept.length === 1 ? '已修改' : `已修改 ${kept.length} 处`}，尚未保存。${undo}，按 Ctrl+S 或点“保存为新一稿”留存。`)
  runCheck()
}

const fixable = (items) => items.filter(([finding]) => finding.fix && !isIgnored(finding)).map(([, index]) => index)

function findingItem(finding, index) {
  const actions = h('div', { class: 'actions' })
  if (finding.end > finding.start) {
    const go = h('button', { type: 'button', class: 'ghost small' }, '定位')
    go.addEventListener('click', () => locate(index))
    actions.append(go)
  }
  const ignoredNow = isIgnored(finding)
  if (finding.fix && !viewing && !ignoredNow) {
    const label = finding.fix.text ? `修改为“${finding.fix.text}”` : `删除“${state.check.text.slice(finding.fix.start, finding.fix.end)}”`
    const fix = h('button', { type: 'button', class: 'primary small fix' }, label)
    fix.addEventListener('click', () => applyFixes([index]))
    actions.append(fix)
  }
  if (finding.rule !== 'park-data') {
    const ignore = h('button', { type: 'button', class: 'ghost small ignore' }, ignoredNow ? '恢复此条' : '忽略此条')
    ignore.addEventListener('click', () => toggleIgnore(index))
    actions.append(ignore)
  }
  return h(
    'li',
    { class: `finding sev-${finding.severity}${index === selected ? ' current' : ''}${ignoredNow ? ' ignored' : ''}`, dataset: { index: String(index) } },
    h('p', { class: 'finding-head' }, h('span', { class: `badge sev-${finding.severity}` }, ignoredNow ? '已忽略' : (SEVERITY[finding.severity] ?? finding.severity)), h('span', { class: 'where' }, finding.section || '全文')),
    h('p', { class: 'finding-message' }, finding.message),
    finding.excerpt ? h('p', { class: 'excerpt' }, finding.excerpt) : null,
    finding.suggestion ? h('p', { class: 'suggestion' }, `建议：${finding.suggestion}`) : null,
    actions.childElementCount ? actions : null,
  )
}

function ruleGroup(rule, items) {
  const fixes = fixable(items)
  const all = fixes.length > 1 && !viewing ? h('button', { type: 'button', class: 'secondary small apply-all' }, `本类全部修改（${fixes.length} 处）`) : null
  all?.addEventListener('click', () => applyFixes(fixes))
  const list = h('ol', { class: 'findings' }, items.slice(0, LIST_LIMIT).map(([finding, index]) => findingItem(finding, index)))
  const more = items.length > LIST_LIMIT ? h('button', { type: 'button', class: 'ghost small' }, `显示其余 ${items.length - LIST_LIMIT} 条`) : null
  more?.addEventListener('click', () => {
    list.append(...items.slice(LIST_LIMIT).map(([finding, index]) => findingItem(finding, index)))
    more.remove()
  })
  return h(
    'details',
    { class: 'rule-group', open: true },
    h('summary', {}, `${ruleName(rule)}（${items.length}）`),
    rule === 'format' ? h('p', { class: 'hint' }, '格式问题需在 Word 中修改后重新上传；“导出”生成的 Word 文件会按模板重新排版。') : null,
    all,
    list,
    more,
  )
}

function renderFindings() {
  if (!state.check) return fill(findingsBox, h('h3', {}, '审校意见'), h('p', { class: 'hint' }, '正在审校……'))
  const shown = shownFindings()
  const hidden = ignoredCount()
  const toggle = hidden ? h('button', { type: 'button', class: 'link', id: 'toggle-ignored' }, showIgnored ? '隐藏已忽略的意见' : `显示已忽略的 ${hidden} 条`) : null
  toggle?.addEventListener('click', () => {
    showIgnored = !showIgnored
    showCheck()
  })
  const viewingNote = viewing ? h('p', { class: 'hint' }, `这是第 ${viewing.number} 稿的审校意见（只读，不能在此修改）。`) : null
  if (!shown.length) return fill(findingsBox, h('h3', {}, '审校意见'), formatNotice(), viewingNote, empty('没有发现问题。'), toggle)
  const groups = new Map()
  for (const [finding, index] of shown) {
    if (!groups.has(finding.rule)) groups.set(finding.rule, [])
    groups.get(finding.rule).push([finding, index])
  }
  const allFixes = fixable(shown)
  const applyAll = allFixes.length > 1 && !viewing ? h('button', { type: 'button', class: 'secondary small', id: 'apply-all' }, `全部修改（${allFixes.length} 处）`) : null
  applyAll?.addEventListener('click', () => applyFixes(allFixes))
  fill(
    findingsBox,
    h('h3', {}, `审校意见（${shown.length}）`),
    formatNotice(),
    viewingNote,
    h('div', { class: 'actions' }, applyAll, toggle),
    [...groups].map(([rule, items]) => ruleGroup(rule, items)),
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
    h('p', { class: 'hint' }, `标题 ${stats.title} 字（不计入全文），【摘要】 ${stats.abstract} 字。一级标题下的字数不含标题本身，与审校意见所说的一致。`),
    h(
      'table',
      { class: 'zishu' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '章节'), h('th', { scope: 'col' }, '字数'))),
      h('tbody', {}, stats.sections.map((s) => h('tr', { class: `level-${s.level}` }, h('td', {}, s.path.split('/').pop()), h('td', { class: 'num' }, String(s.judged ?? s.zishu))))),
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
  return `第 ${v.number} 稿 · ${source} · ${formatTime(v.createdAt)}${note ? ` · ${note.slice(0, 40)}` : ''}`
}

/** Shows version `number`: the latest is the working text; an older one is shown read-only until it is restored. */
async function showVersion(number) {
  const latest = state.current.latest
  if (number === latest.number) {
    viewing = undefined
    textarea.readOnly = false
    textarea.value = state.text
    renderToolbar()
    return runCheck()
  }
  try {
    const { version } = await api(`/api/drafts/${encodeURIComponent(state.current.draft.id)}/versions/${number}`)
    viewing = { number, text: version.text }
    textarea.value = version.text
    textarea.readOnly = true
    selected = -1
    renderToolbar()
    runCheck()
  } catch (error) {
    toast(error.message, 'error')
    renderToolbar()
  }
}

/** The viewed old version becomes the working text (an unsaved edit on top of the latest version). */
function restoreViewed() {
  if (!viewing) return
  if (hasUnsavedText() && !window.confirm('恢复这一稿会替换编辑框中未保存的修改，继续吗？')) return
  const { number, text } = viewing
  viewing = undefined
  textarea.readOnly = false
  textarea.value = text
  state.baseVersion = state.current.latest.number
  setText(text, 'version')
  renderToolbar()
  toast(`已把第 ${number} 稿的内容放回编辑框；保存后成为第 ${state.current.latest.number + 1} 稿。`)
}

/** Ctrl+S on the review tab: saves the working text as a new version when it has unsaved edits. */
export async function saveFromKeyboard() {
  if (!state.current || viewing || !hasUnsavedText()) return false
  await saveWorkingText(panel.querySelector('#review-note')?.value.trim() ?? '')
  return true
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

function viewingBar() {
  const restore = h('button', { type: 'button', class: 'primary', id: 'review-restore' }, `恢复为第 ${viewing.number} 稿的内容`)
  restore.addEventListener('click', restoreViewed)
  const back = h('button', { type: 'button', class: 'secondary', id: 'review-latest' }, '回到最新稿')
  back.addEventListener('click', () => showVersion(state.current.latest.number))
  return h('div', { class: 'inline-form', role: 'status' }, h('span', { class: 'badge' }, `正在查看第 ${viewing.number} 稿（只读）`), restore, back)
}

/** Shows or closes the comparison of two versions, between the toolbar and the editor. */
function toggleCompare() {
  const holder = panel.querySelector('#compare-holder')
  if (!holder || !state.current) return
  if (holder.childElementCount) return fill(holder)
  fill(holder, compareCard(state.current.draft.id, state.current.versions, () => fill(holder)))
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
  const draftSelect = h('select', { id: 'review-draft' }, state.drafts.map((d) => h('option', { value: d.id, selected: d.id === draft.id }, `${d.title}（${d.latestVersion} 稿）`)))
  draftSelect.addEventListener('change', () => openDraft(draftSelect.value).catch((error) => toast(error.message, 'error')))
  const versionSelect = h(
    'select',
    { id: 'review-version' },
    [...versions].reverse().map((v) => h('option', { value: String(v.number), selected: v.number === (viewing?.number ?? state.current.latest.number) }, versionLabel(v))),
  )
  versionSelect.addEventListener('change', () => showVersion(Number(versionSelect.value)))
  const note = h('input', { id: 'review-note', type: 'text', maxlength: '200', placeholder: '修改说明（可不填）', 'aria-label': '修改说明' })
  const save = h('form', { class: 'inline-form' }, note, h('button', { type: 'submit', class: 'primary', id: 'review-save', title: '快捷键 Ctrl+S' }, '保存为新一稿'))
  save.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!hasUnsavedText()) return
    await saveWorkingText(note.value.trim())
  })
  const upload = h('button', { type: 'button', class: 'secondary' }, '上传人工稿（.docx/.txt/.md）')
  upload.addEventListener('click', uploadPicker.open)
  const discard = h('button', { type: 'button', class: 'ghost', id: 'review-discard' }, '放弃未保存的修改')
  discard.addEventListener('click', () => {
    hideToast()
    if (!window.confirm('放弃未保存的修改，回到最新一稿吗？')) return
    pendingFixes = []
    typedSinceSave = false
    const latest = state.current.latest
    state.baseVersion = latest.number
    textarea.value = latest.text
    setText(latest.text, 'version')
  })
  const compare = versions.length > 1 ? h('button', { type: 'button', class: 'secondary', id: 'review-compare' }, '对比两稿') : null
  compare?.addEventListener('click', toggleCompare)
  fill(
    bar,
    h('div', { class: 'field' }, h('label', { for: 'review-draft' }, '稿件'), draftSelect),
    h('div', { class: 'field' }, h('label', { for: 'review-version' }, '稿次'), versionSelect),
    viewing ? viewingBar() : save,
    upload,
    compare,
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
  const saveButton = panel.querySelector('#review-save')
  if (saveButton) saveButton.disabled = !unsaved
  panel.querySelector('#review-discard').hidden = !unsaved || Boolean(viewing)
  say(
    status,
    unsaved
      ? `有未保存的修改（基于第 ${state.baseVersion} 稿，已暂存在本机浏览器${state.restored ? `，恢复自 ${formatTime(state.restored)}` : ''}）`
      : `已保存：第 ${state.current.latest.number} 稿`,
    unsaved ? 'busy' : 'ok',
  )
}

function render() {
  checkSoon.cancel()
  selected = -1
  viewing = undefined
  showIgnored = false
  pendingFixes = []
  typedSinceSave = false
  loadIgnored()
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
    if (viewing || applyingFix) return
    typedSinceSave = true
    setText(textarea.value, 'typing')
    selected = -1
    paintBackdrop()
    checkSoon()
  })
  textarea.addEventListener('scroll', () => (backdrop.scrollTop = textarea.scrollTop))
  textarea.addEventListener('paste', (event) => {
    const pasted = event.clipboardData?.getData('text/plain')
    if (viewing || !pasted || pasted.length < LARGE_PASTE) return
    event.preventDefault()
    textarea.setRangeText(pasted.replace(/\r\n?/g, '\n'), textarea.selectionStart, textarea.selectionEnd, 'end')
    textarea.dispatchEvent(new window.Event('input'))
  })
  findingsBox = h('section', { class: 'card findings-card', 'aria-live': 'polite', 'aria-label': '审校意见' })
  zishuBox = h('section', { class: 'card zishu-card', 'aria-label': '字数' })
  statusLine = h('p', { class: 'message', role: 'status' })
  noticeBox = h('div', { id: 'review-notice' })
  fill(
    panel,
    h('h2', { class: 'panel-title' }, `审校：${state.current.draft.title}`),
    h('div', { id: 'review-toolbar', class: 'toolbar' }),
    h('div', { id: 'compare-holder' }),
    h(
      'div',
      { class: 'review' },
      h('div', { class: 'editor-column' }, noticeBox, statusLine, h('div', { class: 'editor' }, backdrop, textarea), h('p', { class: 'hint' }, '直接在上面修改正文，停顿后会自动重新审校；高亮处即审校意见所指的文字。')),
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
    if (viewing && origin !== 'typing') {
      // Another tab (改写) changed the working text: the editor shows it again.
      viewing = undefined
      textarea.readOnly = false
      renderToolbar()
    }
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
