// 园区资料: the park-data form. The form edits a working copy of the park data; every field knows its JSON path,
// so the validator's issues ($.park.name, $.indicators.scale.revenue['2025'], …) appear beside their fields.
// Edits are kept in localStorage as they are typed; saving is explicit and versioned (409 when another tab saved).
import { api, download } from './api.js'
import { debounce, empty, fill, filePicker, formatTime, h, saveBlob, say } from './dom.js'
import { hideToast, refreshParks, selectPark, showTab, toast } from './session.js'
import { emit, formKey, kindName, local, on, state } from './state.js'

const CATEGORIES = ['政府/事业单位', '央国企', '民企', '其他']
const ENTITY_TYPES = [
  ['park', '园区'],
  ['enterprise', '企业'],
  ['platform', '平台'],
  ['honor', '荣誉称号'],
  ['technology', '技术'],
  ['agency', '机构'],
  ['other', '其他'],
]

let panel
let data
let baseVersion
let dirty = false
let restoredAt
let issues = []
let conflict
const fields = new Map()
const templates = new Map()
let counter = 0

const blankPerson = () => ({ name: '', title: '', mobile: '', email: '' })
const blankPark = (kind) => ({
  formatVersion: 1,
  kind,
  park: {
    name: '',
    province: '',
    city: '',
    county: '',
    leadIndustries: [{ name: '', subfields: [] }],
    intro: '',
    filler: { name: '', category: CATEGORIES[0] },
    leader: blankPerson(),
    contact: blankPerson(),
  },
  practice: {
    focusIndustry: '',
    title: '',
    problems: [{ id: 'P1', text: '' }],
    measures: [{ id: 'M1', addresses: ['P1'], text: '' }],
    results: [{ id: 'R1', from: ['M1'], text: '' }],
  },
  indicators: {},
  facts: [],
  entities: [],
})

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** The same JSON paths the server's validator writes (src/park/json-path.ts). */
export function jsonPath(segments) {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return out
}

/** $.a.b[2]['2025'] → $.a.b[2] → $.a.b → $.a → $ */
const parentPath = (path) => path.replace(/(\.[^.[]+|\[\d+\]|\['(?:[^'\\]|\\.)*'\])$/, '')

const getAt = (object, segments) => segments.reduce((value, key) => (value == null ? undefined : value[key]), object)

function setAt(object, segments, value) {
  let target = object
  segments.slice(0, -1).forEach((key, i) => {
    if (target[key] == null || typeof target[key] !== 'object') target[key] = typeof segments[i + 1] === 'number' ? [] : {}
    target = target[key]
  })
  const last = segments[segments.length - 1]
  if (value === undefined) delete target[last]
  else target[last] = value
}

// ---------------------------------------------------------------------------------------------
// Value conversions: what is typed is kept even when it is not valid, so the validator can say why.
// ---------------------------------------------------------------------------------------------

const asText = { parse: (v) => v, format: (v) => v ?? '' }
const asNumber = {
  parse: (v) => {
    const text = v.trim().replace(/[,，]/g, '')
    if (!text) return undefined
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : v.trim()
  },
  format: (v) => (v === undefined || v === null ? '' : String(v)),
}
const asList = {
  parse: (v) => v.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean),
  format: (v) => (Array.isArray(v) ? v.join('、') : ''),
}
const asOptionalText = { parse: (v) => (v.trim() ? v : undefined), format: (v) => v ?? '' }
const asBoolean = {
  parse: (v) => (v === 'true' ? true : v === 'false' ? false : undefined),
  format: (v) => (v === true ? 'true' : v === false ? 'false' : ''),
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

function register(path, wrapper, control) {
  const message = h('ul', { class: 'field-message', id: `m-${++counter}`, hidden: true })
  wrapper.append(message)
  wrapper.dataset.path = path
  fields.set(path, { wrapper, control, message })
}

/** A labelled input, textarea or select bound to `segments` of the park data. */
function field(label, segments, options = {}) {
  const { convert = asText, choices, multiline, hint, placeholder, rows = 3, wide, span, onChange } = options
  const id = `f-${++counter}`
  const value = convert.format(getAt(data, segments))
  let control
  if (choices) {
    control = h('select', { id }, choices.map(([v, text]) => h('option', { value: v, selected: v === value }, text)))
  } else if (multiline) {
    control = h('textarea', { id, rows, placeholder })
    control.value = value
  } else {
    control = h('input', { id, type: 'text', value, placeholder, inputmode: convert === asNumber ? 'decimal' : undefined })
  }
  control.addEventListener(choices ? 'change' : 'input', () => {
    setAt(data, segments, convert.parse(control.value))
    changed()
    onChange?.(control.value)
  })
  const wrapper = h('div', { class: `field${wide ? ' wide' : span ? ' span-2' : ''}` }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null)
  register(jsonPath(segments), wrapper, control)
  return wrapper
}

/** A repeatable group (lead industries, problems, facts, …) with add and remove buttons. */
function list(title, segments, renderItem, blank, { addLabel, hint, withId } = {}) {
  const items = getAt(data, segments) ?? []
  const box = h('fieldset', { class: 'list' }, h('legend', {}, title), hint ? h('p', { class: 'hint' }, hint) : null)
  register(jsonPath(segments), box, undefined)
  items.forEach((_item, i) => {
    const remove = h('button', { type: 'button', class: 'ghost small', 'aria-label': `删除${title}第 ${i + 1} 项` }, '删除')
    remove.addEventListener('click', () => {
      items.splice(i, 1)
      changed()
      render()
    })
    const row = h('div', { class: 'list-item' }, h('span', { class: 'list-number', 'aria-hidden': 'true' }, String(i + 1)), h('div', { class: withId ? 'list-fields with-id' : 'list-fields' }, renderItem(i)), remove)
    register(jsonPath([...segments, i]), row, undefined)
    box.append(row)
  })
  const add = h('button', { type: 'button', class: 'secondary small' }, addLabel ?? `添加${title}`)
  add.addEventListener('click', () => {
    setAt(data, segments, [...items, blank(items)])
    changed()
    render()
    fields.get(jsonPath([...segments, items.length]))?.wrapper.querySelector('input, textarea, select')?.focus()
  })
  box.append(add)
  return box
}

const nextId = (prefix, items) => {
  let n = items.length + 1
  while (items.some((item) => item.id === `${prefix}${n}`)) n++
  return `${prefix}${n}`
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

function basicInfo() {
  const p = ['park']
  const kinds = state.kinds.map((k) => [k.id, k.name])
  const introCount = h('p', { class: 'hint', 'aria-live': 'polite' })
  const countIntro = (text) => (introCount.textContent = `约 ${[...(text ?? '').replace(/\s/g, '')].length} 字（原则上不超过300字）`)
  countIntro(data.park?.intro)
  const intro = field('工业园区简介', [...p, 'intro'], { multiline: true, rows: 5, wide: true, onChange: countIntro })
  intro.append(introCount)
  return h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, '一、基本信息'),
    h(
      'div',
      { class: 'grid' },
      // A whole row: the kinds' names differ only at their end (…（促进实数深度融合类） / …（推动绿色安全发展类）).
      field('报告类型', ['kind'], { choices: kinds, wide: true, onChange: () => render() }),
      field('工业园区名称（全称）', [...p, 'name'], { wide: true }),
      field('所在省份', [...p, 'province'], { placeholder: '例如：浙江省' }),
      field('所在城市', [...p, 'city']),
      field('所在区县', [...p, 'county']),
      intro,
      field('填写单位名称', [...p, 'filler', 'name'], { wide: true }),
      field('填写单位类别', [...p, 'filler', 'category'], { choices: CATEGORIES.map((c) => [c, c]) }),
    ),
    person('负责人', [...p, 'leader']),
    person('联系人', [...p, 'contact']),
  )
}

function person(title, segments) {
  return h(
    'div',
    { class: 'grid person' },
    h('p', { class: 'subhead' }, title),
    field(`${title}姓名`, [...segments, 'name']),
    field('部门及职务', [...segments, 'title']),
    field('手机号', [...segments, 'mobile'], { placeholder: '可不填；导出前请确认可公开' }),
    field('电子邮箱', [...segments, 'email']),
  )
}

function leadIndustries() {
  return list(
    '主导产业',
    ['park', 'leadIndustries'],
    (i) => [
      field('主导产业', ['park', 'leadIndustries', i, 'name'], { onChange: refreshFocusOptions }),
      field('细分领域（用顿号分隔）', ['park', 'leadIndustries', i, 'subfields'], { convert: asList, wide: true }),
    ],
    () => ({ name: '', subfields: [] }),
    { hint: '填写 1–3 个主导产业。' },
  )
}

let focusList
function refreshFocusOptions() {
  if (!focusList) return
  const names = (data.park?.leadIndustries ?? []).map((l) => l.name).filter(Boolean)
  focusList.replaceChildren(...names.map((name) => h('option', { value: name })))
}

function practice() {
  const pr = ['practice']
  focusList = h('datalist', { id: 'focus-industries' })
  refreshFocusOptions()
  const focus = field('创新实践聚焦主导产业（只选 1 个）', [...pr, 'focusIndustry'])
  focus.querySelector('input').setAttribute('list', 'focus-industries')
  focus.append(focusList)
  return h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, '二、创新实践概述'),
    h('div', { class: 'grid' }, focus, field('创新实践名称', [...pr, 'title'], { wide: true })),
    list(
      '问题（背景介绍）',
      [...pr, 'problems'],
      (i) => [field('编号', [...pr, 'problems', i, 'id']), field('问题与现状数据', [...pr, 'problems', i, 'text'], { multiline: true, wide: true })],
      (items) => ({ id: nextId('P', items), text: '' }),
      { addLabel: '添加问题', hint: '问题导向：园区面临的主要制约因素，最好写明当时的数据。', withId: true },
    ),
    list(
      '举措（创新举措）',
      [...pr, 'measures'],
      (i) => [
        field('编号', [...pr, 'measures', i, 'id']),
        field('针对的问题编号', [...pr, 'measures', i, 'addresses'], { convert: asList, placeholder: '例如：P1、P2' }),
        field('举措内容', [...pr, 'measures', i, 'text'], { multiline: true, wide: true }),
      ],
      (items) => ({ id: nextId('M', items), addresses: [], text: '' }),
      { addLabel: '添加举措', hint: '解决路径：针对上面问题采取的具体做法。', withId: true },
    ),
    list(
      '成效（实践成效）',
      [...pr, 'results'],
      (i) => [
        field('编号', [...pr, 'results', i, 'id']),
        field('来自举措编号', [...pr, 'results', i, 'from'], { convert: asList, placeholder: '例如：M1' }),
        field('成效与前后对比数据', [...pr, 'results', i, 'text'], { multiline: true, wide: true, placeholder: '例如：改造率由38.6%提升至71.2%' }),
      ],
      (items) => ({ id: nextId('R', items), from: [], text: '' }),
      { addLabel: '添加成效', hint: '实践成效：写明前后对比的量化数据。', withId: true },
    ),
  )
}

function indicators() {
  const box = h('fieldset', { class: 'group' }, h('legend', {}, '三、工业园区发展情况（指标）'))
  register('$.indicators', box, undefined)
  const template = templates.get(data.kind)
  if (!template) {
    box.append(h('p', { class: 'hint' }, '正在载入指标表……'))
    loadTemplate(data.kind)
    return box
  }
  const tools = h(
    'div',
    { class: 'toolbar' },
    h('button', { type: 'button', class: 'secondary small', onclick: downloadTemplate }, '下载 Excel 模板'),
    h('button', { type: 'button', class: 'secondary small', onclick: () => excelPicker.open() }, '导入 Excel 指标表'),
    state.kinds.find((k) => k.id === data.kind)?.summaryTable
      ? h('button', { type: 'button', class: 'secondary small', onclick: downloadSummaryTable }, '下载《汇总表》')
      : null,
    h('span', { class: 'hint' }, '模板会带上已保存的数值；导入的数值先填入表单，检查后再保存。百分比填数值（93.6 表示 93.6%）。'),
  )
  const head = h('tr', {}, h('th', { scope: 'col' }, '指标'), h('th', { scope: 'col' }, '单位'), template.years.map((y) => h('th', { scope: 'col' }, `${y}年`)))
  let group
  const body = []
  for (const row of template.rows) {
    if (row.group !== group) {
      group = row.group
      body.push(h('tr', { class: 'group-row' }, h('th', { colspan: String(2 + template.years.length), scope: 'colgroup' }, group)))
    }
    const [g, f] = row.key.split('.')
    const cells = []
    if (row.valueType === 'text') {
      cells.push(h('td', { colspan: String(template.years.length) }, indicatorCell(row, ['indicators', g, f], row.label)))
    } else {
      for (const year of template.years) {
        if (!row.years.includes(year)) {
          cells.push(h('td', { class: 'na' }, h('span', { 'aria-label': '无需填写' }, '—')))
          continue
        }
        cells.push(h('td', {}, indicatorCell(row, row.yearly ? ['indicators', g, f, year] : ['indicators', g, f], `${row.label} ${year}年`)))
      }
    }
    body.push(h('tr', {}, h('th', { scope: 'row', title: row.note ?? '' }, row.label), h('td', { class: 'unit' }, row.unit || '—'), cells))
  }
  box.append(tools, h('div', { class: 'table-wrap' }, h('table', { class: 'indicators' }, h('thead', {}, head), h('tbody', {}, body))))
  return box
}

function indicatorCell(row, segments, label) {
  const id = `f-${++counter}`
  const value = getAt(data, segments)
  let control
  let convert = asNumber
  if (row.valueType === 'boolean') {
    convert = asBoolean
    control = h('select', { id, 'aria-label': label }, [
      ['', '未填写'],
      ['true', '是'],
      ['false', '否'],
    ].map(([v, text]) => h('option', { value: v, selected: v === convert.format(value) }, text)))
  } else if (row.valueType === 'text') {
    convert = asOptionalText
    control = h('textarea', { id, rows: 2, 'aria-label': label })
    control.value = convert.format(value)
  } else {
    control = h('input', { id, type: 'text', inputmode: 'decimal', value: convert.format(value), 'aria-label': label, class: 'num' })
  }
  control.addEventListener(row.valueType === 'boolean' ? 'change' : 'input', () => {
    setAt(data, segments, convert.parse(control.value))
    changed()
  })
  const wrapper = h('div', { class: 'cell' }, control)
  register(jsonPath(segments), wrapper, control)
  return wrapper
}

async function loadTemplate(kind) {
  try {
    templates.set(kind, await api(`/api/templates/indicators?kind=${encodeURIComponent(kind)}`))
    if (data?.kind === kind) render()
  } catch (error) {
    toast(error.message, 'error')
  }
}

function facts() {
  return list(
    '量化数据（事实）',
    ['facts'],
    (i) => [
      field('指标名称', ['facts', i, 'label'], { span: true }),
      field('数值', ['facts', i, 'value'], { convert: asNumber }),
      field('单位', ['facts', i, 'unit'], { placeholder: '例如：%、亿元' }),
      field('时间（年或年-月）', ['facts', i, 'period'], { convert: asOptionalText, placeholder: '例如：2023' }),
      field('数据来源', ['facts', i, 'source'], { convert: asOptionalText, span: true }),
    ],
    () => ({ label: '', value: undefined, unit: '' }),
    { addLabel: '添加量化数据', hint: '报告中可以引用的数字；同一名称不同年份的数据会形成前后对比。' },
  )
}

function entities() {
  return list(
    '专有名词',
    ['entities'],
    (i) => [
      field('官方全称', ['entities', i, 'name'], { span: true }),
      field('简称（用顿号分隔）', ['entities', i, 'aliases'], { convert: asList, span: true }),
      field('类别', ['entities', i, 'type'], { choices: ENTITY_TYPES }),
    ],
    () => ({ name: '', aliases: [], type: 'enterprise' }),
    { addLabel: '添加专有名词', hint: '企业、平台、荣誉称号等的全称和常见简称；审校时会把简称改为全称。' },
  )
}

function materialsList() {
  if (!data.materials) data.materials = []
  return list(
    '参考材料',
    ['materials'],
    (i) => [
      field('标题', ['materials', i, 'title'], { wide: true }),
      field('来源', ['materials', i, 'source'], { convert: asOptionalText }),
      field('正文', ['materials', i, 'text'], { multiline: true, rows: 4, wide: true }),
    ],
    () => ({ title: '', text: '' }),
    { addLabel: '添加参考材料', hint: '园区的工作总结、统计公报等文字材料，用于核对报告中的数字。' },
  )
}

function toolbar() {
  const status = h('p', { class: 'save-status', 'aria-live': 'polite' })
  const parts = []
  if (state.park) parts.push(`已保存：第 ${state.park.version} 版（${formatTime(state.park.updatedAt)}）`)
  else parts.push('新园区，尚未保存')
  if (dirty) parts.push(restoredAt ? `已恢复 ${formatTime(restoredAt)} 未保存的修改` : '有未保存的修改（已暂存在本机浏览器）')
  status.textContent = parts.join(' · ')
  status.dataset.kind = dirty ? 'busy' : 'ok'
  return h(
    'div',
    { class: 'form-toolbar' },
    h('button', { type: 'submit', class: 'primary' }, state.park ? '保存（新版本）' : '保存园区'),
    h('button', { type: 'button', class: 'secondary', onclick: () => validateNow(true) }, '检查资料'),
    h('button', { type: 'button', class: 'secondary', onclick: downloadJson, title: '保存一份园区资料文件到本机，可在别处“导入园区资料文件”' }, '下载园区资料文件'),
    dirty && state.park ? h('button', { type: 'button', class: 'ghost', onclick: discard }, '放弃未保存的修改') : null,
    state.park ? h('button', { type: 'button', class: 'danger', onclick: removePark }, '删除园区') : null,
    status,
  )
}

function conflictBox() {
  if (!conflict) return null
  return h(
    'div',
    { class: 'banner error', role: 'alert' },
    h('p', {}, conflict),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: downloadJson }, '下载我的修改（园区资料文件）'),
      h('button', { type: 'button', class: 'ghost', onclick: discard }, '载入最新版本（放弃我的修改）'),
    ),
  )
}

function issueSummary() {
  if (!issues.length) return h('div', { id: 'park-issues', hidden: true })
  return h(
    'div',
    { id: 'park-issues', class: 'banner warning', role: 'alert' },
    h('p', {}, `园区资料有 ${issues.length} 处需要修改：`),
    h(
      'ul',
      {},
      issues.map((issue) => {
        const link = h('button', { type: 'button', class: 'link' }, issue.message)
        link.addEventListener('click', () => focusPath(issue.path))
        return h('li', {}, link)
      }),
    ),
  )
}

/**
 * A first visit (no park yet): the three steps, and a sample park to load so every step can be tried before a
 * person types their own data.
 */
function firstVisitGuide() {
  const samples = h('div', { class: 'actions', id: 'sample-parks' })
  const steps = h(
    'ol',
    { class: 'steps' },
    h('li', {}, h('strong', {}, '园区资料：'), '载入一个示例园区先看看效果，或在下面填写、用上方“导入园区资料文件”导入本园区的资料。'),
    h('li', {}, h('strong', {}, '生成初稿：'), '按所选报告类型的模板一键生成初稿；已经写好的稿件可在“审校”中上传。'),
    h('li', {}, h('strong', {}, '审校与导出：'), '逐条查看审校意见并修改，满意后导出 Word 文件。'),
  )
  api('/api/sample-parks')
    .then(({ samples: list }) => {
      fill(
        samples,
        list.map((sample) => {
          const button = h('button', { type: 'button', class: 'secondary' }, `载入示例：${sample.name}（${state.kinds.find((kind) => kind.id === sample.kind)?.category ?? kindName(sample.kind)}）`)
          button.addEventListener('click', () => loadSample(sample, button))
          return button
        }),
      )
    })
    .catch(() => samples.remove())
  return h('section', { class: 'card guide', id: 'first-visit', 'aria-labelledby': 'guide-title' }, h('h3', { id: 'guide-title' }, '第一次使用？三步完成一份报告'), steps, samples)
}

async function loadSample(sample, button) {
  button.disabled = true
  try {
    const { park } = await api(`/api/sample-parks/${encodeURIComponent(sample.id)}`, { method: 'POST' })
    await refreshParks()
    await selectPark(park.id)
    toast(`已载入示例园区“${park.name}”。可以到“生成初稿”试一试，所有内容都可以修改。`)
  } catch (error) {
    toast(error.message, 'error')
    button.disabled = false
  }
}

function render() {
  if (!panel || !data) return
  fields.clear()
  const intro = state.parks.length ? null : firstVisitGuide()
  const form = h(
    'form',
    { class: 'park-form', novalidate: true, 'aria-label': '园区资料' },
    toolbar(),
    conflictBox(),
    issueSummary(),
    basicInfo(),
    h('fieldset', { class: 'group' }, h('legend', {}, '主导产业及细分领域'), leadIndustries()),
    practice(),
    indicators(),
    h('fieldset', { class: 'group' }, h('legend', {}, '量化数据与专有名词'), facts(), entities()),
    h('fieldset', { class: 'group' }, h('legend', {}, '参考材料（可选）'), materialsList()),
    h('div', { class: 'form-footer' }, h('button', { type: 'submit', class: 'primary' }, state.park ? '保存（新版本）' : '保存园区')),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    save()
  })
  panel.replaceChildren(h('h2', { class: 'panel-title' }, state.park ? `园区资料：${state.park.name}` : '园区资料：新园区'), intro ?? '', form)
  showIssues(issues, false)
}

// ---------------------------------------------------------------------------------------------
// Issues beside their fields
// ---------------------------------------------------------------------------------------------

function targetOf(path) {
  for (let p = path; p; p = p === '$' ? '' : parentPath(p)) {
    const found = fields.get(p)
    if (found) return found
    if (p === '$') break
  }
  return undefined
}

function showIssues(list, updateSummary = true) {
  issues = list
  for (const { wrapper, control, message } of fields.values()) {
    wrapper.classList.remove('invalid')
    control?.removeAttribute('aria-invalid')
    control?.removeAttribute('aria-describedby')
    message.replaceChildren()
    message.hidden = true
  }
  for (const issue of list) {
    const target = targetOf(issue.path)
    if (!target) continue
    target.wrapper.classList.add('invalid')
    target.message.append(h('li', {}, issue.message))
    target.message.hidden = false
    if (target.control) {
      target.control.setAttribute('aria-invalid', 'true')
      target.control.setAttribute('aria-describedby', target.message.id)
    }
  }
  if (updateSummary) {
    const old = panel.querySelector('#park-issues')
    old?.replaceWith(issueSummary())
  }
}

function focusPath(path) {
  const target = targetOf(path)
  if (!target) return
  target.wrapper.scrollIntoView({ block: 'center', behavior: 'smooth' })
  ;(target.control ?? target.wrapper.querySelector('input, textarea, select, button'))?.focus({ preventScroll: true })
}

const validateSoon = debounce(() => validateNow(false), 900)

async function validateNow(announce) {
  try {
    const result = await api('/api/parks/validate', { method: 'POST', body: data })
    showIssues(result.issues ?? [])
    if (announce) toast(result.ok ? '园区资料完整，可以保存。' : `园区资料有 ${result.issues.length} 处需要修改，已在对应字段旁标出。`, result.ok ? 'ok' : 'error')
  } catch (error) {
    if (announce) toast(error.message, 'error')
  }
}

// ---------------------------------------------------------------------------------------------
// Saving, the local copy, conflicts
// ---------------------------------------------------------------------------------------------

// Written on every change (a park's data is a few kilobytes): switching parks or closing the tab loses nothing.
const keepLocal = () => {
  if (dirty) local.set(formKey(state.park?.id), { data, version: baseVersion })
  // 生成初稿 says whether the form has edits its draft will not use.
  emit('park-form')
}

function changed() {
  if (!dirty) {
    dirty = true
    panel.querySelector('.form-toolbar')?.replaceWith(toolbar())
  }
  keepLocal()
  validateSoon()
}

async function save() {
  local.set(formKey(state.park?.id), { data, version: baseVersion })
  const saving = panel.querySelector('.save-status')
  if (saving) say(saving, '正在保存……', 'busy')
  try {
    const { park } = state.park
      ? await api(`/api/parks/${encodeURIComponent(state.park.id)}`, { method: 'PUT', body: { data, version: baseVersion } })
      : await api('/api/parks', { method: 'POST', body: { data } })
    local.remove(formKey(state.park?.id))
    conflict = undefined
    issues = []
    dirty = false
    restoredAt = undefined
    await refreshParks()
    await selectPark(park.id)
    toast(`已保存“${park.name}”（第 ${park.version} 版）。`)
  } catch (error) {
    if (error.status === 422 && error.issues.length) {
      showIssues(error.issues)
      toast(`${error.message} 已在对应字段旁标出，本次没有保存。`, 'error')
      focusPath(error.issues[0].path)
    } else if (error.status === 409) {
      conflict = error.message
      render()
      toast(error.message, 'error')
    } else {
      toast(`${error.message}（修改已暂存在本机浏览器，不会丢失。）`, 'error')
    }
    panel.querySelector('.form-toolbar')?.replaceWith(toolbar())
  }
}

function discard() {
  hideToast()
  local.remove(formKey(state.park?.id))
  conflict = undefined
  if (state.park) selectPark(state.park.id).catch((error) => toast(error.message, 'error'))
  else load()
}

function downloadJson() {
  const name = data.park?.name?.trim() || '园区资料'
  saveBlob(new window.Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `${name}.json`)
}

async function downloadTemplate() {
  try {
    const query = `kind=${encodeURIComponent(data.kind)}${state.park ? `&parkId=${encodeURIComponent(state.park.id)}` : ''}`
    const { blob, fileName } = await download(`/api/templates/indicators.xlsx?${query}`)
    saveBlob(blob, fileName)
  } catch (error) {
    toast(error.message, 'error')
  }
}

/** The 示范基地 汇总表 (003 附件1) of the saved park, or blank for a new one. */
async function downloadSummaryTable() {
  try {
    const query = `kind=${encodeURIComponent(data.kind)}${state.park ? `&parkId=${encodeURIComponent(state.park.id)}` : ''}`
    const { blob, fileName } = await download(`/api/templates/summary-table.xlsx?${query}`)
    saveBlob(blob, fileName)
  } catch (error) {
    toast(error.message, 'error')
  }
}

const excelPicker = filePicker('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', async (file) => {
  const form = new FormData()
  form.append('file', file)
  form.append('kind', data.kind)
  form.append('dryRun', 'true')
  try {
    const { cells, warnings } = await api('/api/parks/import', { method: 'POST', form })
    for (const cell of cells) {
      const [g, f] = cell.key.split('.')
      setAt(data, cell.year ? ['indicators', g, f, cell.year] : ['indicators', g, f], cell.value)
    }
    changed()
    render()
    toast(`已从 Excel 填入 ${cells.length} 个数值，请检查后点击“保存”。${warnings.length ? ` ${warnings.join(' ')}` : ''}`)
  } catch (error) {
    if (error.issues?.length) showIssues(error.issues)
    toast(error.issues?.length ? `${error.message} ${error.issues.map((i) => i.message).join(' ')}` : error.message, 'error')
  }
})

async function removePark() {
  const park = state.park
  if (!park || !window.confirm(`确定删除园区“${park.name}”吗？删除后不能恢复。`)) return
  const path = `/api/parks/${encodeURIComponent(park.id)}?version=${park.version}`
  try {
    await api(path, { method: 'DELETE' })
  } catch (error) {
    if (error.code !== 'park_has_drafts' || !window.confirm(`${error.message}\n\n仍要删除园区及其全部稿件吗？`)) {
      if (error.code !== 'park_has_drafts') toast(error.message, 'error')
      return
    }
    try {
      await api(`${path}&withDrafts=true`, { method: 'DELETE' })
    } catch (second) {
      toast(second.message, 'error')
      return
    }
  }
  local.remove(formKey(park.id))
  toast(`已删除园区“${park.name}”。`)
  await refreshParks()
  await selectPark(state.parks[0]?.id)
}

/** Loads the form from the open park (or a blank park), with unsaved edits of this browser on top. */
function load() {
  const stored = state.park
  const unsaved = local.get(formKey(stored?.id))
  conflict = undefined
  issues = []
  if (unsaved?.data && JSON.stringify(unsaved.data) !== JSON.stringify(stored?.data)) {
    data = unsaved.data
    baseVersion = unsaved.version ?? stored?.version
    dirty = true
    restoredAt = unsaved.savedAt
  } else {
    data = stored ? structuredClone(stored.data) : blankPark(state.kinds[0]?.id ?? 'innovation-digital')
    baseVersion = stored?.version
    dirty = false
    restoredAt = undefined
    local.remove(formKey(stored?.id))
  }
  render()
  if (dirty) validateSoon()
}

export function initParkForm(node) {
  panel = node
  panel.replaceChildren(empty('正在载入……'))
  on('park', load)
  document.addEventListener('park-report:new-park', () => showTab('park'))
  // Another tab (导出's list of empty fields) asks for a field: shown, scrolled to and focused.
  document.addEventListener('park-report:focus-field', (event) => {
    showTab('park')
    window.requestAnimationFrame(() => focusPath(event.detail))
  })
}
