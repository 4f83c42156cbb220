// The page talks to the JSON API only; every server text goes into the DOM through textContent, never
// innerHTML, so an uploaded document can never inject markup.
const $ = (id) => document.getElementById(id)

function element(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

async function api(path, options) {
  const response = await fetch(path, options)
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(body.error?.message ?? `请求失败（${response.status}）`)
  return body
}

async function showStatus() {
  try {
    const health = await api('/api/health')
    $('status').textContent = `已载入 ${health.documents} 份政策文件、${health.clauses} 条条款；${health.llm ? '已配置大模型' : '未配置大模型，使用离线撰写'}`
  } catch (error) {
    $('status').textContent = `无法连接服务：${error.message}`
  }
}

async function search(event) {
  event.preventDefault()
  const list = $('results')
  list.replaceChildren(element('li', '正在检索……', 'empty'))
  try {
    const { results } = await api('/api/retrieve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: $('query').value, top: Number($('top').value) }),
    })
    if (!results.length) return list.replaceChildren(element('li', '没有找到相关条款，请换个说法再试。', 'empty'))
    list.replaceChildren(
      ...results.map((result) => {
        const item = element('li')
        item.append(element('span', result.path, 'path'), element('span', `相关度 ${result.score.toFixed(2)}`, 'score'), element('div', result.text))
        return item
      }),
    )
  } catch (error) {
    list.replaceChildren(element('li', error.message, 'empty'))
  }
}

async function loadDocuments() {
  const { documents } = await api('/api/documents')
  const rows = documents.map((doc) => {
    const row = element('tr')
    const actions = element('td')
    if (doc.origin === 'upload') {
      const remove = element('button', '删除', 'secondary')
      remove.type = 'button'
      remove.addEventListener('click', () => removeDocument(doc))
      actions.append(remove)
    } else {
      actions.textContent = '内置'
    }
    row.append(element('td', doc.title), element('td', doc.fileName), element('td', String(doc.clauses)), actions)
    return row
  })
  $('documents').replaceChildren(...(rows.length ? rows : [element('tr', '还没有政策文件。', 'empty')]))
}

async function upload(event) {
  event.preventDefault()
  const message = $('upload-message')
  const file = $('file').files[0]
  if (!file) return
  message.className = 'message'
  message.textContent = '正在上传并解析……'
  const form = new FormData()
  form.append('file', file)
  try {
    const { document: doc, clauses } = await api('/api/documents', { method: 'POST', body: form })
    message.className = 'message ok'
    message.textContent = `已加入《${doc.title}》，切分出 ${clauses} 条条款。`
    $('upload-form').reset()
    await Promise.all([loadDocuments(), showStatus()])
  } catch (error) {
    message.textContent = error.message
  }
}

async function removeDocument(doc) {
  if (!confirm(`确定删除《${doc.title}》吗？`)) return
  try {
    await api(`/api/documents/${encodeURIComponent(doc.id)}`, { method: 'DELETE' })
    await Promise.all([loadDocuments(), showStatus()])
  } catch (error) {
    $('upload-message').textContent = error.message
  }
}

$('search-form').addEventListener('submit', search)
$('upload-form').addEventListener('submit', upload)
showStatus()
loadDocuments().catch((error) => ($('upload-message').textContent = error.message))
