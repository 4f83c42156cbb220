// 生成初稿: generate a first draft of the open park (offline composer, or the LLM with progress over SSE), see the
// policy clauses behind each measure, and manage the park's drafts.
import { api, postStream } from './api.js'
import { empty, fill, formatTime, h, say } from './dom.js'
import { loadDrafts, openDraft, showTab, toast } from './session.js'
import { formatKey, formKey, kindName, local, on, state } from './state.js'

let panel
/** Re-says the unsaved-park-edits notice of the current generator card (set when the card is built). */
let refreshUnsavedNotice = () => {}
/** Evidence by draft id: from the generation itself, or loaded on request. */
const evidence = new Map()

const progressText = (event, data) => {
  switch (event) {
    case 'composed':
      return '离线撰写完成'
    case 'plan':
      return `已规划 ${data.parts.length} 个部分（共约 ${data.totalBudget} 字），预计调用大模型 ${data.calls} 次`
    case 'section':
      return `已写完“${data.path}”（${data.done}/${data.total}）`
    case 'checking':
      return `第 ${data.round} 轮审校……`
    case 'repair':
      return `正在修改 ${data.targets.join('、')}（${data.errors} 个错误）`
    case 'repaired':
      return `第 ${data.round} 轮修改完成`
    case 'fixes':
      return `已应用 ${data.applied} 处修改建议`
    case 'trim':
      return `已压缩 ${data.paths.join('、')}`
    case 'done':
      return `撰写完成：${data.errors} 个错误、${data.warnings} 个提醒`
    default:
      return undefined
  }
}

function generator() {
  const park = state.park
  const kind = h('select', { id: 'draft-kind' }, state.kinds.map((k) => h('option', { value: k.id, selected: k.id === park.kind }, k.name)))
  const llm = Boolean(state.health?.llm)
  const modes = [
    ['auto', llm ? '自动（使用大模型）' : '自动（离线撰写）'],
    ['offline', '离线撰写'],
    ['llm', llm ? '大模型撰写' : '大模型撰写（未配置）'],
  ]
  const mode = h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, '撰写方式'),
    modes.map(([value, label]) =>
      h('label', {}, h('input', { type: 'radio', name: 'draft-mode', value, checked: value === 'auto', disabled: value === 'llm' && !llm }), label),
    ),
  )
  const title = h('input', { id: 'draft-title', type: 'text', maxlength: '200', placeholder: `例如：${park.name}初稿（可不填）` })
  const button = h('button', { type: 'submit', class: 'primary' }, '生成初稿')
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'draft-cancel', hidden: true }, '取消生成')
  let controller
  cancel.addEventListener('click', () => controller?.abort())
  const progress = h('ol', { class: 'progress', 'aria-live': 'polite' })
  // The draft as it is written (each part as the model finishes it), then the delivered draft.
  const preview = h('div', { class: 'draft-preview', id: 'draft-preview', hidden: true })
  const showPreview = (heading, text, openButton) => {
    preview.hidden = false
    fill(preview, h('h4', {}, heading), openButton ?? null, h('pre', { class: 'draft-text' }, text))
  }
  const status = h('p', { class: 'message', role: 'status' })
  // Said again whenever this tab is shown: the form may have been edited since this card was built.
  const unsavedNotice = h('div', { id: 'draft-unsaved-park' })
  const showUnsaved = () =>
    fill(
      unsavedNotice,
      local.get(formKey(park.id))
        ? h('p', { class: 'banner warning' }, `园区资料有未保存的修改：初稿只按已保存的资料（第 ${park.version} 版）生成，未保存的修改不会用上。需要时请先到“园区资料”保存。`)
        : null,
    )
  showUnsaved()
  refreshUnsavedNotice = showUnsaved
  const form = h(
    'form',
    { class: 'stack' },
    h('p', {}, `园区：${park.name}（资料第 ${park.version} 版）`),
    unsavedNotice,
    h('div', { class: 'field' }, h('label', { for: 'draft-kind' }, '报告类型'), kind),
    h('div', { class: 'field' }, h('label', { for: 'draft-title' }, '稿件标题'), title),
    mode,
    h('div', { class: 'actions' }, button, cancel),
    status,
    progress,
    preview,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    showUnsaved()
    const unsavedPark = local.get(formKey(park.id))
    if (
      unsavedPark &&
      !window.confirm(`园区资料有未保存的修改。初稿只能按已保存的资料（第 ${park.version} 版）生成，未保存的修改不会用上。\n\n点“确定”按已保存的资料生成；点“取消”后可到“园区资料”先保存。`)
    ) {
      return
    }
    button.disabled = true
    controller = new window.AbortController()
    cancel.hidden = false
    preview.hidden = true
    progress.replaceChildren()
    say(status, '正在生成初稿……', 'busy')
    // “正在审校……” is a line of its own while the checker runs: it goes when the next step (or the result) arrives.
    const checking = h('li', { class: 'busy' }, '正在审校……')
    let done = false
    try {
      const selected = form.querySelector('input[name="draft-mode"]:checked')?.value ?? 'auto'
      const body = { kind: kind.value, mode: selected, ...(title.value.trim() ? { title: title.value.trim() } : {}) }
      const result = await postStream(
        `/api/parks/${encodeURIComponent(park.id)}/drafts`,
        body,
        (name, data) => {
          if (name === 'section' && typeof data.text === 'string') showPreview(`正在撰写（${data.done}/${data.total}）`, data.text)
          const text = progressText(name, data)
          if (!text) return
          checking.remove()
          progress.append(h('li', {}, text))
          if (name === 'done') done = true
          if (name === 'composed') progress.append(checking)
        },
        { signal: controller.signal },
      )
      checking.remove()
      const review = h('button', { type: 'button', class: 'primary small' }, '去审校这份初稿')
      review.addEventListener('click', () => showTab('review'))
      showPreview(`《${result.draft.title}》全文`, result.text, review)
      evidence.set(result.draft.id, result.evidence)
      const errors = result.findings.filter((f) => f.severity === 'error').length
      if (!done) progress.append(h('li', {}, `审校完成：${errors} 个错误、${result.findings.length - errors} 个提醒`))
      say(status, `已生成并保存《${result.draft.title}》第 1 稿：${result.stats.total} 字，${errors} 个错误、${result.findings.length - errors} 个提醒。`, 'ok')
      await loadDrafts(result.draft.id)
    } catch (error) {
      checking.remove()
      if (error.code === 'cancelled') {
        say(status, '已取消生成。已经写好的部分没有保存；需要时请重新生成。', '')
        // A draft the server finished just before the cancel is in the list: shown, not hidden.
        await loadDrafts(state.current?.draft.id).catch(() => {})
      } else say(status, error.message, 'error')
    } finally {
      button.disabled = false
      cancel.hidden = true
      controller = undefined
    }
  })
  return h('section', { class: 'card', 'aria-labelledby': 'gen-title' }, h('h3', { id: 'gen-title' }, '生成初稿'), form)
}

function draftTable() {
  if (!state.drafts.length) return empty('这个园区还没有稿件。生成初稿，或到“审校”上传人工稿。')
  return h(
    'table',
    { class: 'data' },
    h('thead', {}, h('tr', {}, ['稿件', '类型', '稿次', '更新时间', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      state.drafts.map((draft) => {
        const current = state.current?.draft.id === draft.id
        const open = h('button', { type: 'button', class: current ? 'primary small' : 'secondary small' }, current ? '审校此稿' : '打开')
        open.addEventListener('click', async () => {
          try {
            if (!current) await openDraft(draft.id)
            showTab('review')
          } catch (error) {
            toast(error.message, 'error')
          }
        })
        const remove = h('button', { type: 'button', class: 'danger small' }, '删除')
        remove.addEventListener('click', () => removeDraft(draft))
        return h(
          'tr',
          { class: current ? 'current' : '' },
          h('td', {}, draft.title, current ? h('span', { class: 'badge' }, '当前') : null),
          h('td', {}, kindName(draft.kind)),
          h('td', { class: 'num' }, `共 ${draft.latestVersion} 稿`),
          h('td', { class: 'nowrap' }, formatTime(draft.updatedAt)),
          h('td', { class: 'actions' }, h('div', {}, open, remove)),
        )
      }),
    ),
  )
}

async function removeDraft(draft) {
  if (!window.confirm(`确定删除稿件《${draft.title}》及其全部 ${draft.latestVersion} 稿吗？删除后不能恢复。`)) return
  try {
    await api(`/api/drafts/${encodeURIComponent(draft.id)}`, { method: 'DELETE' })
    local.remove(formatKey(draft.id))
    toast(`已删除《${draft.title}》。`)
    await loadDrafts(state.current?.draft.id === draft.id ? undefined : state.current?.draft.id)
  } catch (error) {
    toast(error.message, 'error')
  }
}

function evidenceCard() {
  const current = state.current
  const card = (...children) => h('section', { class: 'card', 'aria-labelledby': 'evidence-title' }, h('h3', { id: 'evidence-title' }, '政策依据与数据来源'), ...children)
  if (!current) return card(h('p', { class: 'hint' }, '打开一份稿件后，这里列出每项举措对应的政策条款。'))
  const map = evidence.get(current.draft.id)
  if (!map) {
    const load = h('button', { type: 'button', class: 'secondary' }, `查看《${current.draft.title}》的政策依据`)
    load.addEventListener('click', async () => {
      load.disabled = true
      try {
        evidence.set(current.draft.id, await api(`/api/drafts/${encodeURIComponent(current.draft.id)}/evidence`))
        refreshLists()
      } catch (error) {
        toast(error.message, 'error')
        load.disabled = false
      }
    })
    return card(load)
  }
  return card(
    h('p', {}, `《${current.draft.title}》：文中 ${map.figures.length} 个数字可追溯到园区数据${map.untraced.length ? `，${map.untraced.length} 个数字找不到来源` : ''}。`),
    map.untraced.length
      ? h('ul', { class: 'untraced' }, map.untraced.map((u) => h('li', {}, `${u.section || '全文'}：${u.raw}`)))
      : null,
    map.figures.length ? figureSources(map.figures) : null,
    h(
      'ol',
      { class: 'measures' },
      map.measures.map((m) =>
        h(
          'li',
          {},
          h('p', { class: 'measure-head' }, h('strong', {}, m.heading), h('span', { class: 'hint' }, `  ${m.section} · 举措 ${m.id}${m.addresses.length ? ` · 针对 ${m.addresses.join('、')}` : ''}`)),
          m.clauses.length
            ? h('ul', { class: 'clauses' }, m.clauses.map((c) => h('li', {}, h('p', { class: 'clause-path' }, c.path), h('p', { class: 'clause-text' }, c.text))))
            : h('p', { class: 'hint' }, '没有找到直接对应的政策条款。'),
        ),
      ),
    ),
  )
}

/** Where a figure of the text comes from, in the words of the park form. */
const FIGURE_SOURCE_NAMES = { indicator: '指标表', fact: '量化数据', derived: '由园区资料计算', text: '园区资料中的文字' }

/** Each figure of the text with its source; a figure from a field of the park form is a link to that field. */
function figureSources(figures) {
  return h(
    'details',
    { class: 'figure-sources', id: 'figure-sources' },
    h('summary', {}, `逐个查看 ${figures.length} 个数字的来源`),
    h(
      'ul',
      {},
      figures.map((figure) => {
        const where = `${FIGURE_SOURCE_NAMES[figure.source] ?? '园区资料'}：${figure.label}${figure.formula ? `（${figure.formula}）` : ''}`
        const source =
          figure.source === 'derived'
            ? h('span', {}, where)
            : h('button', { type: 'button', class: 'link', title: '到“园区资料”中查看这个数字' }, where)
        if (figure.source !== 'derived') {
          source.addEventListener('click', () => document.dispatchEvent(new window.CustomEvent('park-report:focus-field', { detail: figure.provenance })))
        }
        return h('li', {}, h('strong', {}, figure.raw), `（${figure.section}）← `, source)
      }),
    ),
  )
}

let generatorFor
let generatorCard
const draftsCard = () => h('section', { class: 'card', id: 'drafts-card' }, h('h3', {}, '本园区的稿件'), draftTable())

/** The generator is rebuilt only for another park (or version of it): its progress and result stay on screen. */
function render() {
  if (!state.park) {
    generatorFor = undefined
    const go = h('button', { type: 'button', class: 'primary' }, '去填写园区资料')
    go.addEventListener('click', () => showTab('park'))
    return fill(panel, h('h2', { class: 'panel-title' }, '生成初稿'), empty('请先在“园区资料”中选择或保存一个园区，再生成初稿。', go))
  }
  const key = `${state.park.id}@${state.park.version}`
  if (generatorFor !== key) {
    generatorFor = key
    generatorCard = generator()
  }
  fill(
    panel,
    h('h2', { class: 'panel-title' }, '生成初稿'),
    h('div', { class: 'columns' }, h('div', {}, generatorCard, draftsCard()), h('div', { id: 'evidence-holder' }, evidenceCard())),
  )
}

function refreshLists() {
  if (!state.park || !panel.querySelector('#drafts-card')) return render()
  panel.querySelector('#drafts-card').replaceWith(draftsCard())
  fill(panel.querySelector('#evidence-holder'), evidenceCard())
}

export function initDrafting(node) {
  panel = node
  fill(panel, empty('正在载入……'))
  on('park', render)
  on('tab', (name) => name === 'draft' && refreshUnsavedNotice())
  on('park-form', () => refreshUnsavedNotice())
  on('drafts', refreshLists)
  on('draft', refreshLists)
}
