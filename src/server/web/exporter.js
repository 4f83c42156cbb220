// 导出: the report alone, or the whole filled-in form (经验总结材料), as Word files in the template's typography.
// The page says which draft and which version goes into the file, lets the person pick another one, and how many
// errors the checker finds in it (export is still allowed).
import { api, download } from './api.js'
import { formGaps } from './completeness.js'
import { renderPreview } from './preview.js'
import { empty, fill, formatTime, h, saveBlob, say } from './dom.js'
import { SOURCE_NAMES } from './review.js'
import { hasUnsavedText, materials, openDraft, parkData, showTab, toast } from './session.js'
import { kindName, on, state } from './state.js'

let panel
/** The version picked for export, by draft id: a version number, or 'editor' (the editor's text, unsaved edits included). */
const picked = new Map()
/** Texts of versions read from the server, by `draftId@number` (versions never change). */
const versionTexts = new Map()
/** Errors the checker finds in a text, by the text (the checker is deterministic for the same park). */
const errorCounts = new Map()
let renderSeq = 0

/** The export choice of the open draft: 'editor' when there are unsaved edits, else the latest version. */
function choiceOf(current) {
  const unsaved = hasUnsavedText()
  const choice = picked.get(current.draft.id)
  if (choice === 'editor' && unsaved) return 'editor'
  if (typeof choice === 'number' && current.versions.some((v) => v.number === choice)) return choice
  return unsaved ? 'editor' : current.latest.number
}

async function textOf(current, choice) {
  if (choice === 'editor') return state.text
  if (choice === current.latest.number) return current.latest.text
  const key = `${current.draft.id}@${choice}`
  if (!versionTexts.has(key)) {
    const { version } = await api(`/api/drafts/${encodeURIComponent(current.draft.id)}/versions/${choice}`)
    versionTexts.set(key, version.text)
  }
  return versionTexts.get(key)
}

/**
 * Errors in `text`: from the last check of 审校 when it checked this very text, else from a check made here. Word
 * format findings of an uploaded .docx do not count: the exported file is typeset by the template.
 */
async function errorsIn(text, kind) {
  const count = (findings) => findings.filter((f) => f.severity === 'error' && f.rule !== 'format').length
  if (state.check?.text === text) return count(state.check.findings)
  // A check made here never sees Word formatting: nothing to leave out.
  const key = `${state.park?.id}@${state.park?.version}:${kind}:${text}`
  if (!errorCounts.has(key)) {
    const park = parkData()
    const result = await api('/api/check', { method: 'POST', body: { text, kind, ...(park ? { park, materials: materials() } : {}) } })
    if (errorCounts.size > 20) errorCounts.clear()
    errorCounts.set(key, count(result.findings))
  }
  return errorCounts.get(key)
}

const versionLabel = (v, latest) => `第 ${v.number} 稿 · ${SOURCE_NAMES[v.source] ?? v.source} · ${formatTime(v.createdAt)}${v.number === latest ? '（最新）' : ''}`

function pickers(current, choice) {
  const draftSelect = h(
    'select',
    { id: 'export-draft' },
    state.drafts.map((d) => h('option', { value: d.id, selected: d.id === current.draft.id }, `${d.title}（共 ${d.latestVersion} 稿）`)),
  )
  draftSelect.addEventListener('change', () => openDraft(draftSelect.value).catch((error) => toast(error.message, 'error')))
  const versionSelect = h(
    'select',
    { id: 'export-version' },
    hasUnsavedText() ? h('option', { value: 'editor', selected: choice === 'editor' }, `编辑框中的内容（基于第 ${state.baseVersion} 稿，含未保存的修改）`) : null,
    [...current.versions].reverse().map((v) => h('option', { value: String(v.number), selected: v.number === choice }, versionLabel(v, current.latest.number))),
  )
  versionSelect.addEventListener('change', () => {
    picked.set(current.draft.id, versionSelect.value === 'editor' ? 'editor' : Number(versionSelect.value))
    render()
  })
  return h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'export-draft' }, '稿件'), draftSelect),
    h('div', { class: 'field' }, h('label', { for: 'export-version' }, '稿次'), versionSelect),
  )
}

function whichText(current, choice) {
  const title = `《${current.draft.title}》`
  if (choice === 'editor') return `将导出${title}编辑框中的内容（基于第 ${state.baseVersion} 稿，含未保存的修改）；园区资料用已保存的第 ${state.park.version} 版。`
  const version = current.versions.find((v) => v.number === choice)
  const source = version ? `${SOURCE_NAMES[version.source] ?? version.source}，${formatTime(version.createdAt)}` : ''
  return `将导出${title}第 ${choice} 稿${source ? `（${source}）` : ''}；园区资料用已保存的第 ${state.park.version} 版。`
}

function render() {
  const seq = ++renderSeq
  if (!state.park || !state.current) {
    const go = h('button', { type: 'button', class: 'primary' }, state.park ? '去生成初稿' : '去填写园区资料')
    go.addEventListener('click', () => showTab(state.park ? 'draft' : 'park'))
    return fill(panel, h('h2', { class: 'panel-title' }, '导出'), empty(state.park ? '请先生成初稿或上传稿件。' : '请先在“园区资料”中选择或保存一个园区。', go))
  }
  const current = state.current
  const { draft } = current
  const choice = choiceOf(current)
  const charts = h('input', { id: 'export-charts', type: 'checkbox' })
  const fillDate = h('input', { id: 'export-date', type: 'date' })
  const status = h('p', { class: 'message', role: 'status', id: 'export-status' })
  const checkLine = h('div', { id: 'export-check', class: 'export-check', 'aria-live': 'polite' }, h('p', { class: 'message', dataset: { kind: 'busy' } }, '正在检查这一稿的错误……'))
  const gapsBox = h('div', { id: 'export-gaps', 'aria-live': 'polite' })
  const showGaps = async () => {
    try {
      const gaps = await formGaps(state.park.data)
      if (seq !== renderSeq) return
      if (!fillDate.value) gaps.push({ label: '填写日期（封面）', focus: () => fillDate.focus() })
      fill(gapsBox, gapList(gaps))
    } catch (error) {
      if (seq === renderSeq) fill(gapsBox, h('p', { class: 'message', dataset: { kind: 'error' } }, `没能列出空着的内容：${error.message}`))
    }
  }
  fillDate.addEventListener('change', showGaps)

  const exportFile = async (form, button) => {
    button.disabled = true
    say(status, '正在生成 Word 文件……', 'busy')
    try {
      const text = await textOf(current, choice)
      const { blob, fileName, warnings } = await download('/api/export', {
        method: 'POST',
        body: {
          text,
          kind: draft.kind,
          park: parkData(),
          form,
          charts: charts.checked,
          ...(fillDate.value ? { fillDate: fillDate.value } : {}),
        },
      })
      saveBlob(blob, fileName)
      if (warnings.length) say(status, `已生成“${fileName}”。${warnings.join('')}`, 'error')
      else say(status, `已生成“${fileName}”。`, 'ok')
    } catch (error) {
      say(status, error.message, 'error')
    } finally {
      button.disabled = false
    }
  }
  const previewBox = h('div', { id: 'export-preview' })
  const previewStatus = h('p', { class: 'message', role: 'status', id: 'export-preview-status' })
  const preview = h('button', { type: 'button', class: 'secondary', id: 'export-preview-button' }, '预览打印效果')
  preview.addEventListener('click', async () => {
    if (previewBox.childElementCount) {
      fill(previewBox)
      say(previewStatus, '')
      preview.textContent = '预览打印效果'
      return
    }
    say(previewStatus, '正在排版……', 'busy')
    try {
      const [text, style] = await Promise.all([textOf(current, choice), typographyOf(draft.kind)])
      const pages = renderPreview(previewBox, text, style)
      say(previewStatus, `按模板排版共 ${pages} 页（A4，${style.sizeName}，行距 ${style.lineSpacingPt} 磅）。本机没有模板字体时，预览用相近的字体代替，分页可能与 Word 中略有差别。`, 'ok')
      preview.textContent = '关闭预览'
    } catch (error) {
      say(previewStatus, error.message, 'error')
    }
  })
  const report = h('button', { type: 'button', class: 'primary', id: 'export-report' }, '下载报告（.docx）')
  report.addEventListener('click', () => exportFile(false, report))
  const whole = h('button', { type: 'button', class: 'primary', id: 'export-form' }, '下载完整填报表（.docx）')
  whole.addEventListener('click', () => exportFile(true, whole))

  fill(
    panel,
    h('h2', { class: 'panel-title' }, '导出'),
    h(
      'section',
      { class: 'card narrow' },
      h('h3', {}, `《${draft.title}》· ${kindName(draft.kind)}`),
      state.drafts.length > 1 || current.versions.length > 1 || hasUnsavedText() ? pickers(current, choice) : null,
      h('p', { id: 'export-which' }, whichText(current, choice)),
      choice === 'editor' ? h('p', { class: 'banner warning' }, '编辑框中有未保存的修改，导出的文件会包含这些修改。需要留档时请先到“审校”保存为新一稿。') : null,
      checkLine,
      h(
        'div',
        { class: 'stack' },
        h('label', { class: 'checkbox' }, charts, '加入前后对比图和近三年趋势图'),
        h('div', { class: 'field' }, h('label', { for: 'export-date' }, '填写日期（完整填报表封面，可不填）'), fillDate),
      ),
      h('div', { class: 'actions' }, report, whole, preview),
      gapsBox,
      h('p', { class: 'hint' }, '报告：标题、【摘要】和正文，按模板排版（黑体、楷体_GB2312、仿宋_GB2312，小四，行距22磅）。完整填报表：封面、填写说明、承诺声明、基本信息、创新实践概述和指标表。'),
      status,
      previewStatus,
    ),
    // The pages are A4-wide: beside the narrow card, not squeezed into it.
    previewBox,
  )
  // Checked only while the tab is shown: it is drawn again when it is opened.
  if (panel.hidden) return undefined
  showGaps()
  return textOf(current, choice)
    .then(async (text) => {
      const errors = await errorsIn(text, draft.kind)
      if (seq !== renderSeq) return
      // Word format findings (an uploaded .docx, unchanged) are not counted: the exported file is typeset anew.
      const formatErrors = state.check?.text === text ? state.check.findings.filter((f) => f.rule === 'format' && f.severity === 'error').length : 0
      const formatNote = formatErrors ? h('p', { class: 'hint' }, `另有 ${formatErrors} 个 Word 格式问题不计在内：导出的文件按模板重新排版。`) : null
      if (!errors) return fill(checkLine, h('p', { class: 'message', dataset: { kind: 'ok' } }, '审校没有发现错误。'), formatNote)
      const go = h('button', { type: 'button', class: 'secondary small' }, '去审校')
      go.addEventListener('click', () => showTab('review'))
      fill(checkLine, h('p', { class: 'banner warning' }, `仍有 ${errors} 个错误，建议先在审校中处理。`, ' ', go), formatNote)
    })
    .catch((error) => {
      if (seq === renderSeq) fill(checkLine, h('p', { class: 'message', dataset: { kind: 'error' } }, `没能检查这一稿：${error.message}`))
    })
}

/** The typography of a kind for the print preview (fonts, size, line spacing, indent), from its spec; cached. */
const typographies = new Map()
async function typographyOf(kindId) {
  if (!typographies.has(kindId)) {
    const kind = await api(`/api/kinds/${encodeURIComponent(kindId)}`)
    const t = kind.typography
    typographies.set(kindId, {
      bodyFont: t.bodyFont,
      sizePt: t.sizePt,
      sizeName: t.sizeName,
      lineSpacingPt: t.lineSpacingPt,
      firstLineIndentChars: t.firstLineIndentChars ?? 2,
      headingFonts: [1, 2, 3, 4].map((level) => kind.headingLevels.find((l) => l.level === level)?.font ?? t.bodyFont),
    })
  }
  return typographies.get(kindId)
}

/** The empty fields of the 完整填报表, each a link to its field; or a line saying nothing is empty. */
function gapList(gaps) {
  if (!gaps.length) return h('p', { class: 'message', dataset: { kind: 'ok' } }, '完整填报表需要的内容都已填写。')
  const shown = gaps.slice(0, 40)
  return h(
    'details',
    { class: 'gaps', open: true },
    h('summary', {}, `完整填报表还有 ${gaps.length} 项空着，导出后这些格子是空白的：`),
    h(
      'ul',
      {},
      shown.map((gap) => {
        const link = h('button', { type: 'button', class: 'link' }, gap.label)
        link.addEventListener('click', () =>
          gap.focus ? gap.focus() : document.dispatchEvent(new window.CustomEvent('park-report:focus-field', { detail: gap.path })),
        )
        return h('li', {}, link)
      }),
    ),
    gaps.length > shown.length ? h('p', { class: 'hint' }, `另有 ${gaps.length - shown.length} 项，请到“园区资料”中查看。`) : null,
  )
}

export function initExport(node) {
  panel = node
  fill(panel, empty('正在载入……'))
  on('park', render)
  on('draft', render)
  on('drafts', () => !panel.hidden && render())
  on('text', (origin) => {
    // The “unsaved edits” note follows the editor, without redrawing on every keystroke.
    if (origin !== 'typing' || !panel.hidden) render()
  })
  new window.MutationObserver(() => !panel.hidden && render()).observe(panel, { attributes: true, attributeFilter: ['hidden'] })
}
