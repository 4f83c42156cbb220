// 改写: rewrite one section (by an instruction to the LLM, by the checker's fixes, or down to N 字), compare before and
// after, accept (a new version of the draft) or reject (nothing is stored).
import { api } from './api.js'
import { diffColumns } from './diff-view.js'
import { empty, fill, h, say } from './dom.js'
import { ruleName } from './review.js'
import { hideToast, materials, parkData, saveVersion, showTab, toast } from './session.js'
import { on, state } from './state.js'

let panel
let outcome
let stats
/** The form's status line, and what the empty result box says after the last outcome was rejected. */
let formStatus
let afterReject

const UNCHANGED = '这一部分没有需要修改的内容，未作改动。'

/** What an outcome that changed nothing says, by what was asked (the server's note, if any, says why). */
function unchangedText(outcome) {
  const { request, zishu } = outcome
  if (request.applyFixes) return UNCHANGED
  if (request.maxZishu) {
    return zishu.before !== undefined && zishu.before <= request.maxZishu ? `这一部分已不超过 ${request.maxZishu} 字，未作改动。` : '没能压缩这一部分，原文保持不变。'
  }
  return '改写结果与原文相同，未作改动。'
}
const NO_LLM = '未配置大模型，不能按指令改写。如需使用，请联系管理员配置大模型接口。'

/** Word-style 字数 of a text's sections, from the checker (the same count as 审校). */
async function statsOf(text) {
  if (state.check?.text === text) return state.check.stats
  const park = parkData()
  const result = await api('/api/check', { method: 'POST', body: { text, kind: state.current.draft.kind, ...(park ? { park, materials: materials() } : {}) } })
  return result.stats
}

const loadStats = () => statsOf(state.text)

/** 字数 of one section (or of 【摘要】) in stats. */
function sectionZishu(stats, path) {
  if (path === '【摘要】') return stats.abstract
  return stats.sections.find((s) => s.path === path)?.zishu
}

function actionLabel(request) {
  if (request.instruction) return `按指令改写：${request.instruction}`
  if (request.applyFixes) return '应用修改建议'
  return `压缩到 ${request.maxZishu} 字`
}

function form() {
  const sections = [...(stats.abstract ? [{ path: '【摘要】', level: 1, zishu: stats.abstract }] : []), ...stats.sections]
  const section = h(
    'select',
    { id: 'rewrite-section' },
    sections.map((s) => h('option', { value: s.path }, `${'　'.repeat(Math.max(0, s.level - 1))}${s.path}（${s.zishu} 字）`)),
  )
  const llm = Boolean(state.health?.llm)
  const instruction = h('textarea', {
    id: 'rewrite-instruction',
    rows: 3,
    maxlength: '500',
    disabled: !llm,
    placeholder: llm ? '例如：补充量化数据，语气更正式' : '',
    'aria-describedby': llm ? undefined : 'rewrite-llm-hint',
  })
  const target = h('input', { id: 'rewrite-target', type: 'number', min: '20', max: '5000', step: '10', class: 'num' })
  const zishuOf = (path) => sections.find((s) => s.path === path)?.zishu ?? 0
  const suggestTarget = () => (target.value = String(Math.max(20, Math.floor((zishuOf(section.value) * 0.8) / 10) * 10)))
  suggestTarget()
  section.addEventListener('change', suggestTarget)
  const radio = (value, label, checked, disabled) =>
    h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'rewrite-action', value, checked, disabled }), label)
  const button = h('button', { type: 'submit', class: 'primary' }, '生成改写')
  const status = h('p', { class: 'message', role: 'status', id: 'rewrite-status' })
  formStatus = status
  const node = h(
    'form',
    { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: 'rewrite-section' }, '要改写的部分'), section),
    h(
      'fieldset',
      { class: 'radios' },
      h('legend', {}, '改写方式'),
      h('div', { class: 'choice' }, radio('maxZishu', '压缩到', true), target, h('span', {}, '字')),
      h('div', { class: 'choice' }, radio('applyFixes', '应用这一部分的全部修改建议', false)),
      h(
        'div',
        { class: 'choice wide' },
        radio('instruction', llm ? '按指令改写（大模型）' : '按指令改写（需要配置大模型）', false, !llm),
        instruction,
        llm ? null : h('p', { class: 'hint', id: 'rewrite-llm-hint' }, NO_LLM),
      ),
    ),
    h('div', { class: 'actions' }, button),
    status,
  )
  instruction.addEventListener('focus', () => (node.querySelector('input[value="instruction"]').checked = true))
  target.addEventListener('focus', () => (node.querySelector('input[value="maxZishu"]').checked = true))
  node.addEventListener('submit', async (event) => {
    event.preventDefault()
    const action = node.querySelector('input[name="rewrite-action"]:checked').value
    const request = { section: section.value }
    if (action === 'instruction') {
      if (!instruction.value.trim()) return say(status, '请填写改写要求。', 'error')
      request.instruction = instruction.value.trim()
    } else if (action === 'applyFixes') request.applyFixes = true
    else request.maxZishu = Number(target.value)
    button.disabled = true
    afterReject = undefined
    say(status, '正在改写……', 'busy')
    try {
      const park = parkData()
      const sentText = state.text
      const answer = await api('/api/rewrite', {
        method: 'POST',
        body: { text: sentText, kind: state.current.draft.kind, ...request, ...(park ? { park } : {}) },
      })
      const after = await statsOf(answer.text).catch(() => undefined)
      outcome = { ...answer, request, sentText, zishu: { before: sectionZishu(stats, section.value), after: after && sectionZishu(after, section.value) } }
      const unchanged = answer.before === answer.after || answer.text === sentText
      // Unchanged: the result box says so (unchangedText), the status line does not say it twice.
      say(status, unchanged ? '' : '改写完成，请对照后决定是否接受。', unchanged ? '' : 'ok')
      renderResult()
      showResult()
    } catch (error) {
      say(status, error.message, 'error')
    } finally {
      button.disabled = false
    }
  })
  return node
}

/** Brings the result's heading into view below the sticky tab bar (scroll-margin-top), unless it is already there. */
function showResult() {
  const box = panel.querySelector('#rewrite-result')
  if (!box) return
  const top = box.getBoundingClientRect().top
  const tabsBottom = document.querySelector('.tabs')?.getBoundingClientRect().bottom ?? 0
  if (top < tabsBottom + 8 || top > window.innerHeight - 160) box.scrollIntoView({ block: 'start' })
  box.querySelector('.actions button:not(:disabled)')?.focus({ preventScroll: true })
}

function renderResult() {
  const box = panel.querySelector('#rewrite-result')
  if (!box) return
  if (!outcome) {
    return fill(
      box,
      afterReject ? h('p', { class: 'message', role: 'status' }, afterReject) : null,
      h('p', { class: 'hint' }, '选择一个部分和改写方式，点击“生成改写”后在这里对照改写前后的内容。'),
    )
  }
  if (outcome.before === outcome.after || outcome.text === outcome.sentText) {
    // Nothing changed: no diff of two identical texts, no button to accept nothing.
    return fill(
      box,
      h('h3', {}, `${outcome.path ?? '全文'}（${actionLabel(outcome.request)}）`),
      h('p', { class: 'banner info', id: 'rewrite-unchanged' }, unchangedText(outcome)),
      outcome.note ? h('p', { class: 'hint' }, outcome.note) : null,
    )
  }
  const [before, after] = diffColumns(outcome.diff)
  const errors = outcome.findings.filter((f) => f.severity === 'error')
  const count = (n) => (n === undefined ? '' : `（${n} 字）`)
  const accept = h('button', { type: 'button', class: 'primary' }, `接受（保存为第 ${state.current.latest.number + 1} 稿）`)
  const reject = h('button', { type: 'button', class: 'secondary' }, '放弃')
  accept.addEventListener('click', async () => {
    if (state.text !== outcome.sentText && !window.confirm('改写之后正文又有改动，接受改写会替换这些改动。继续吗？')) return
    accept.disabled = true
    const version = await saveVersion(outcome.text, 'rewrite', `改写“${outcome.path ?? '全文'}”：${actionLabel(outcome.request)}`.slice(0, 2000))
    if (version) {
      outcome = undefined
      if (formStatus) say(formStatus, '')
      renderResult()
      toast(`已接受改写，保存为第 ${version.number} 稿。`)
    } else accept.disabled = false
  })
  reject.addEventListener('click', () => {
    outcome = undefined
    afterReject = '已放弃这次改写，稿件没有变化。'
    hideToast()
    if (formStatus) say(formStatus, '')
    renderResult()
  })
  fill(
    box,
    h('h3', {}, `对照：${outcome.path ?? '全文'}（${actionLabel(outcome.request)}）`),
    outcome.note ? h('p', { class: 'banner warning' }, outcome.note) : null,
    h(
      'div',
      { class: 'compare' },
      h('div', {}, h('h4', {}, `改写前${count(outcome.zishu.before)}`), h('div', { class: 'diff-text', id: 'rewrite-before' }, before)),
      h('div', {}, h('h4', {}, `改写后${count(outcome.zishu.after)}`), h('div', { class: 'diff-text', id: 'rewrite-after' }, after)),
    ),
    h('p', { class: errors.length ? 'message' : 'message ok', dataset: { kind: errors.length ? 'error' : 'ok' } },
      errors.length ? `改写后全文仍有 ${errors.length} 个错误：${[...new Set(errors.map((f) => ruleName(f.rule)))].join('、')}。` : '改写后全文没有错误。'),
    h('div', { class: 'actions' }, accept, reject),
  )
}

async function render() {
  if (!state.park || !state.current) {
    const go = h('button', { type: 'button', class: 'primary' }, state.park ? '去生成初稿' : '去填写园区资料')
    go.addEventListener('click', () => showTab(state.park ? 'draft' : 'park'))
    return fill(panel, h('h2', { class: 'panel-title' }, '改写'), empty(state.park ? '请先生成初稿或上传稿件。' : '请先在“园区资料”中选择或保存一个园区。', go))
  }
  const current = state.current
  fill(panel, h('h2', { class: 'panel-title' }, `改写：${current.draft.title}`), empty('正在读取章节……'))
  try {
    stats = await loadStats()
  } catch (error) {
    return fill(panel, h('h2', { class: 'panel-title' }, '改写'), empty(error.message))
  }
  // Another draft (or park) may have been opened while the sections were read: that one is drawn instead.
  if (state.current !== current) return undefined
  fill(
    panel,
    h('h2', { class: 'panel-title' }, `改写：${current.draft.title}`),
    h('div', { class: 'columns' }, h('section', { class: 'card' }, h('h3', {}, '改写一个部分'), form()), h('section', { class: 'card', id: 'rewrite-result', 'aria-live': 'polite' })),
  )
  renderResult()
}

let shownFor
export function initRewrite(node) {
  panel = node
  fill(panel, empty('正在载入……'))
  // Redrawn when another draft or version is opened, or when the tab is shown after edits elsewhere.
  on('draft', (detail) => {
    if (!detail?.saved) outcome = undefined
    afterReject = undefined
    shownFor = undefined
    if (!panel.hidden) refresh()
  })
  on('park', () => !panel.hidden && refresh())
  const observer = new window.MutationObserver(() => !panel.hidden && refresh())
  observer.observe(panel, { attributes: true, attributeFilter: ['hidden'] })
}

function refresh() {
  const key = `${state.current?.draft.id}@${state.current?.latest.number}:${state.text.length}`
  if (shownFor === key) return
  shownFor = key
  render()
}
