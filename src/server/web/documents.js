// 政策文件: upload policies (PDF, DOCX, TXT, Markdown), see their clauses, search the clauses.
import { api } from './api.js'
import { empty, filePicker, fill, formatTime, h, say } from './dom.js'
import { toast } from './session.js'
import { emit, on } from './state.js'

let panel
let documents = []
let opened

function searchSection() {
  const query = h('input', { id: 'search-query', type: 'search', required: true, maxlength: '500', placeholder: '例如：屋顶光伏 储能 绿色微电网' })
  const top = h('select', { id: 'search-top' }, ['5', '10', '20'].map((n) => h('option', { value: n }, n)))
  // Messages (searching, nothing found, an error) are paragraphs beside the list, never numbered items of it.
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' })
  const message = (text, kind = '') => fill(results, h('p', { class: 'message search-message', dataset: { kind } }, text))
  const form = h(
    'form',
    { class: 'inline-form', role: 'search' },
    h('label', { for: 'search-query' }, '检索条款'),
    query,
    h('label', { for: 'search-top' }, '条数'),
    top,
    h('button', { type: 'submit', class: 'primary' }, '检索'),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message('正在检索……', 'busy')
    try {
      const outcome = await api('/api/retrieve', { method: 'POST', body: { query: query.value, top: Number(top.value) } })
      if (!outcome.results.length) return message('没有找到相关条款，请换个说法再试。')
      fill(
        results,
        h(
          'ol',
          { class: 'clauses' },
          // Most relevant first; the scores themselves mean nothing to a reader (only their order does).
          outcome.results.map((r) => h('li', {}, h('p', { class: 'clause-path' }, r.path), h('p', { class: 'clause-text' }, r.text))),
        ),
      )
    } catch (error) {
      message(error.message, 'error')
    }
  })
  return h('section', { class: 'card', 'aria-labelledby': 'search-title' }, h('h3', { id: 'search-title' }, '政策条款检索'), form, results)
}

function uploadSection() {
  const message = h('p', { id: 'policy-message', class: 'message', role: 'status' })
  // A button opens the browser's file chooser (whose own labels follow the browser's language); choosing uploads.
  const picker = filePicker('.pdf,.docx,.txt,.md', async (file) => {
    say(message, `正在上传并解析“${file.name}”……`, 'busy')
    const data = new FormData()
    data.append('file', file)
    try {
      const { document: doc, clauses } = await api('/api/documents', { method: 'POST', form: data })
      // The same policy as a PDF and as a Word file: two entries under one title, said so rather than left to puzzle over.
      const namesake = documents.find((other) => other.id !== doc.id && other.title === doc.title)
      say(
        message,
        `已加入《${doc.title}》，切分出 ${clauses} 条条款。` +
          (namesake ? `列表中已有同名文件（${namesake.origin === 'upload' ? `上传：${namesake.fileName}` : '内置'}）；如果是同一份文件，请删除其中一份，以免检索时重复。` : ''),
        'ok',
      )
      emit('documents')
      await loadDocuments()
      await openDocument(doc.id)
    } catch (error) {
      say(message, error.message, 'error')
    }
  })
  const choose = h('button', { type: 'button', class: 'primary', id: 'policy-upload' }, '选择文件并上传')
  choose.addEventListener('click', picker.open)
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'upload-title' },
    h('h3', { id: 'upload-title' }, '上传政策文件'),
    h('div', { class: 'actions' }, choose, h('span', { class: 'hint' }, '支持 PDF、DOCX、TXT 和 Markdown；上传后自动切分条款，生成初稿时一并检索。')),
    message,
  )
}

function documentTable() {
  if (!documents.length) return empty('还没有政策文件。')
  return h(
    'table',
    { class: 'data' },
    h('thead', {}, h('tr', {}, ['文件', '来源', '条款数', '加入时间', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      documents.map((doc) => {
        const show = h('button', { type: 'button', class: 'secondary small', 'aria-pressed': String(opened?.document.id === doc.id) }, '查看条款')
        show.addEventListener('click', () => openDocument(doc.id))
        const buttons = h('div', {}, show)
        if (doc.origin === 'upload') {
          const remove = h('button', { type: 'button', class: 'danger small' }, '删除')
          remove.addEventListener('click', () => removeDocument(doc))
          buttons.append(remove)
        }
        const actions = h('td', { class: 'actions' }, buttons)
        return h(
          'tr',
          {},
          h(
            'td',
            {},
            doc.title,
            // The same title in another file type: probably the same policy twice (the server refuses identical text).
            doc.nearDuplicates?.length
              ? h('span', { class: 'hint' }, `（可能重复：另有同名文件 ${doc.nearDuplicates.map((d) => `“${d.fileName}”`).join('、')}）`)
              : '',
          ),
          h('td', {}, doc.origin === 'upload' ? `上传：${doc.fileName}${doc.ocrPages?.length ? `（第 ${doc.ocrPages.join('、')} 页为扫描件，已识别文字）` : ''}` : '内置'),
          h('td', { class: 'num' }, String(doc.clauses)),
          h('td', { class: 'nowrap' }, doc.origin === 'upload' ? formatTime(doc.addedAt) : '—'),
          actions,
        )
      }),
    ),
  )
}

function clauseList() {
  if (!opened) return h('p', { class: 'hint' }, '点击“查看条款”浏览一份文件切分出的条款。')
  return h(
    'div',
    {},
    h('h4', {}, `《${opened.document.title}》的条款（${opened.clauses.length} 条）`),
    h(
      'ol',
      { class: 'clauses' },
      opened.clauses.map((clause) => h('li', {}, h('p', { class: 'clause-path' }, clause.path), h('p', { class: 'clause-text' }, clause.text))),
    ),
  )
}

let listCard
/** Only the list is redrawn: what is typed in the upload and search forms, and the search results, stay. */
function render() {
  fill(listCard, h('h3', {}, '文件列表'), documentTable(), clauseList())
}

async function loadDocuments() {
  documents = (await api('/api/documents')).documents
  render()
}

async function openDocument(id) {
  try {
    opened = await api(`/api/documents/${encodeURIComponent(id)}`)
    render()
  } catch (error) {
    toast(error.message, 'error')
  }
}

async function removeDocument(doc) {
  if (!window.confirm(`确定删除《${doc.title}》吗？`)) return
  try {
    await api(`/api/documents/${encodeURIComponent(doc.id)}`, { method: 'DELETE' })
    if (opened?.document.id === doc.id) opened = undefined
    emit('documents')
    await loadDocuments()
    toast(`已删除《${doc.title}》。`)
  } catch (error) {
    toast(error.message, 'error')
  }
}

export function initDocuments(node) {
  panel = node
  listCard = h('section', { class: 'card', 'aria-live': 'polite' }, empty('正在载入政策文件……'))
  fill(panel, h('h2', { class: 'panel-title' }, '政策文件'), h('div', { class: 'columns' }, h('div', {}, uploadSection(), searchSection()), listCard))
  // After the page has connected (and, with AUTH_TOKEN, after the token was entered).
  let loaded = false
  on('parks', () => {
    if (loaded) return
    loaded = true
    loadDocuments().catch((error) => {
      loaded = false
      fill(listCard, empty(error.message))
    })
  })
}
