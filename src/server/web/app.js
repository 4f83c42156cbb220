// Entry point of the page: status, park picker, tabs, access token. Each tab lives in its own module.
import { api, getToken, setToken, whenUnauthorized } from './api.js'
import { $, filePicker, h, say } from './dom.js'
import { initDocuments } from './documents.js'
import { initDrafting } from './drafting.js'
import { initExport } from './exporter.js'
import { initParkForm } from './park-form.js'
import { initReview, saveFromKeyboard } from './review.js'
import { initRewrite } from './rewrite.js'
import { setRules } from './rules.js'
import { hideToast, refreshParks, registerTabs, selectPark, toast } from './session.js'
import { emit, local, on, state } from './state.js'

const TABS = ['park', 'docs', 'draft', 'review', 'rewrite', 'export']

/** The tab a URL names (#review), so the back button and a bookmark reach the same step. */
const tabOfUrl = () => {
  const name = window.location.hash.slice(1)
  return TABS.includes(name) ? name : undefined
}

function setUpTabs() {
  const tabs = TABS.map((name) => $(`tab-${name}`))
  let currentTab
  /** `fromHistory`: the browser already moved to the tab's URL (back/forward); otherwise a history entry is added. */
  const show = (name, focus = false, fromHistory = false) => {
    // A message about the tab being left would be stale on the next one.
    hideToast()
    TABS.forEach((tabName, i) => {
      const selected = tabName === name
      tabs[i].setAttribute('aria-selected', String(selected))
      tabs[i].tabIndex = selected ? 0 : -1
      $(`panel-${tabName}`).hidden = !selected
    })
    if (focus) $(`tab-${name}`).focus()
    local.set('tab', { name })
    if (!fromHistory && tabOfUrl() !== name) {
      if (currentTab === undefined) window.history.replaceState(null, '', `#${name}`)
      else window.history.pushState(null, '', `#${name}`)
    }
    currentTab = name
    emit('tab', name)
  }
  window.addEventListener('popstate', () => {
    const name = tabOfUrl()
    if (name && name !== currentTab) show(name, false, true)
  })
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(TABS[i]))
    // Arrow keys move between tabs (WAI-ARIA tabs pattern); Home/End jump to the ends.
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }
      if (!(event.key in moves)) return
      event.preventDefault()
      show(TABS[(moves[event.key] + TABS.length) % TABS.length], true)
    })
  })
  registerTabs((name) => show(name))
  const last = local.get('tab')?.name
  show(tabOfUrl() ?? (TABS.includes(last) ? last : 'park'), false, Boolean(tabOfUrl()))
}

/** Ctrl+S (⌘S) saves what the open tab edits, instead of the browser saving the page. */
function setUpSaveKey() {
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's' || event.shiftKey || event.altKey) return
    event.preventDefault()
    if (!$('panel-review').hidden) {
      saveFromKeyboard().then((saved) => {
        if (!saved) toast('没有需要保存的修改。')
      })
    } else if (!$('panel-park').hidden) {
      $('panel-park').querySelector('form.park-form')?.requestSubmit()
    }
  })
}

function setUpToken() {
  const dialog = $('token-dialog')
  const open = () => {
    $('token-input').value = getToken()
    if (!dialog.open) dialog.showModal()
  }
  $('token-button').addEventListener('click', open)
  $('token-form').addEventListener('submit', () => {
    setToken($('token-input').value.trim())
    toast('已保存访问令牌。正在重新连接……')
    start()
  })
  $('token-clear').addEventListener('click', () => {
    setToken('')
    $('token-input').value = ''
    dialog.close()
    toast('已清除访问令牌。')
  })
  $('token-cancel').addEventListener('click', () => dialog.close())
  let asked = false
  whenUnauthorized(() => {
    say('status', '需要访问令牌：请点击右上角“访问令牌”输入管理员提供的令牌。', 'error')
    if (!asked) {
      asked = true
      open()
    }
  })
}

function renderPicker() {
  const picker = $('park-picker')
  const options = state.parks.map((park) => h('option', { value: park.id, selected: park.id === state.park?.id }, `${park.name}（第 ${park.version} 版）`))
  const unsaved = h('option', { value: '', selected: !state.park }, state.parks.length ? '（新建园区，尚未保存）' : '（还没有园区）')
  picker.replaceChildren(unsaved, ...options)
}

function setUpParkBar() {
  on('parks', renderPicker)
  on('park', renderPicker)
  $('park-picker').addEventListener('change', (event) => {
    selectPark(event.target.value || undefined).catch((error) => toast(error.message, 'error'))
  })
  $('new-park').addEventListener('click', () => {
    selectPark(undefined)
    document.dispatchEvent(new window.CustomEvent('park-report:new-park'))
  })
  const picker = filePicker('.json,application/json', async (file) => {
    const form = new FormData()
    form.append('file', file)
    try {
      const { park } = await api('/api/parks/import', { method: 'POST', form })
      await refreshParks()
      await selectPark(park.id)
      toast(`已导入“${park.name}”（第 ${park.version} 版）。`)
    } catch (error) {
      toast(error.issues?.length ? `${error.message} 第一处：${error.issues[0].message}` : error.message, 'error')
    }
  })
  $('import-park').addEventListener('click', picker.open)
}

function showHealth(health) {
  state.health = health
  say('status', `已载入 ${health.documents} 份政策文件、${health.clauses} 条条款；${health.llm ? '已配置大模型' : '未配置大模型，使用离线撰写'}`, 'ok')
}

// A policy uploaded or deleted in 政策文件 changes the counts in the header.
on('documents', () => {
  api('/api/health')
    .then(showHealth)
    .catch(() => {})
})

/** A server still starting (a first start creates its database) is asked again after this long. */
const STARTING_RETRY_MS = 3000

async function start() {
  try {
    // Kinds and rules are answered once the server has opened its database and indexed the policies (right after
    // `npm start` they wait for that), so the health asked afterwards carries the real counts.
    const [kinds, rules] = await Promise.all([api('/api/kinds'), api('/api/rules')])
    state.kinds = kinds.kinds
    setRules(rules)
    showHealth(await api('/api/health'))
    await refreshParks()
    const last = local.get('last')
    const id = state.parks.find((p) => p.id === last?.parkId)?.id ?? state.parks[0]?.id
    await selectPark(id)
  } catch (error) {
    if (error.code === 'server_starting') {
      say('status', error.message)
      setTimeout(start, STARTING_RETRY_MS)
    } else if (error.status !== 401) say('status', error.message, 'error')
  }
}

setUpTabs()
setUpSaveKey()
setUpToken()
setUpParkBar()
initParkForm($('panel-park'))
initDocuments($('panel-docs'))
initDrafting($('panel-draft'))
initReview($('panel-review'))
initRewrite($('panel-rewrite'))
initExport($('panel-export'))
start()
