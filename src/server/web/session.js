// The park and draft being worked on: loading them, opening a draft, saving a draft version. Shared by the tabs.
import { api } from './api.js'
import { $, debounce } from './dom.js'
import { emit, local, state, textKey } from './state.js'

let toastTimer
/**
 * A short message at the top centre, just below the header (or below the tab bar once the page is scrolled): never
 * over the findings or the buttons at the bottom right. Errors stay until the next message or 12 s; a tab switch
 * or a “放弃” clears it (hideToast), so it never speaks about another tab.
 */
export function toast(text, kind = 'ok') {
  const node = $('toast')
  node.textContent = text
  node.dataset.kind = kind
  const tabs = document.querySelector('.tabs')
  node.style.top = `${Math.max(8, Math.round(tabs?.getBoundingClientRect().bottom ?? 0) + 8)}px`
  node.hidden = false
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => (node.hidden = true), kind === 'error' ? 12_000 : 5_000)
}

export function hideToast() {
  clearTimeout(toastTimer)
  $('toast').hidden = true
}

let tabSwitcher = () => {}
export const registerTabs = (fn) => (tabSwitcher = fn)
/** Shows a tab: 'park', 'docs', 'draft', 'review', 'rewrite', 'export'. */
export const showTab = (name) => tabSwitcher(name)

export async function refreshParks() {
  state.parks = (await api('/api/parks')).parks
  emit('parks')
}

let selectSeq = 0

/**
 * Opens a stored park (or, with undefined, a new empty form) and its drafts. When parks are chosen in quick
 * succession (the page opening the last one while the person picks another), only the latest choice is shown: a
 * late answer for an earlier one would put its data in front of what the person is typing into.
 */
export async function selectPark(id) {
  const seq = ++selectSeq
  if (!id) {
    state.park = undefined
    state.drafts = []
    state.current = undefined
    local.set('last', { parkId: undefined })
    emit('park')
    emit('drafts')
    emit('draft')
    return
  }
  const { park } = await api(`/api/parks/${encodeURIComponent(id)}`)
  if (seq !== selectSeq) return
  const samePark = state.park?.id === park.id
  state.park = park
  local.set('last', { parkId: park.id, draftId: samePark ? state.current?.draft.id : local.get('last')?.draftId })
  emit('park')
  await loadDrafts(samePark ? state.current?.draft.id : local.get('last')?.draftId)
}

/** Reloads the park's drafts and opens `preferId` (or the most recent one). */
export async function loadDrafts(preferId) {
  if (!state.park) return
  state.drafts = (await api(`/api/parks/${encodeURIComponent(state.park.id)}/drafts`)).drafts
  emit('drafts')
  const id = state.drafts.find((d) => d.id === preferId)?.id ?? state.drafts[0]?.id
  if (id) await openDraft(id)
  else {
    state.current = undefined
    state.text = ''
    emit('draft')
  }
}

/** Opens a draft at its latest version; unsaved edits kept in this browser are restored on top of it. */
export async function openDraft(id) {
  const opened = await api(`/api/drafts/${encodeURIComponent(id)}`)
  state.current = opened
  const unsaved = local.get(textKey(id))
  if (unsaved && typeof unsaved.text === 'string' && unsaved.text !== opened.latest.text) {
    state.text = unsaved.text
    state.baseVersion = unsaved.baseVersion ?? opened.latest.number
    state.restored = unsaved.savedAt
  } else {
    state.text = opened.latest.text
    state.baseVersion = opened.latest.number
    state.restored = undefined
    local.remove(textKey(id))
  }
  local.set('last', { parkId: state.park?.id, draftId: id })
  emit('draft')
}

export const hasUnsavedText = () => Boolean(state.current) && state.text !== state.current.latest.text

const keepText = debounce(() => {
  if (!state.current) return
  if (hasUnsavedText()) local.set(textKey(state.current.draft.id), { text: state.text, baseVersion: state.baseVersion })
  else local.remove(textKey(state.current.draft.id))
}, 300)

/** The editor's text changed (typing, a fix, a restored version): keep a local copy and tell the tabs. */
export function setText(text, origin) {
  state.text = text
  keepText()
  emit('text', origin)
}

/**
 * Saves `text` as the draft's next version. A 409 (another tab saved first) is shown in Chinese and the text stays
 * in the editor and in localStorage. Answers the new version, or undefined when it was not saved.
 */
export async function saveVersion(text, source, note) {
  if (!state.current) return undefined
  const id = state.current.draft.id
  try {
    const { draft, version } = await api(`/api/drafts/${encodeURIComponent(id)}/versions`, {
      method: 'POST',
      body: { text, source, baseVersion: state.baseVersion, ...(note ? { note } : {}) },
    })
    const { text: _text, ...summary } = version
    state.current = { draft, latest: version, versions: [...state.current.versions, { ...summary, chars: [...text].length }] }
    state.baseVersion = version.number
    state.restored = undefined
    keepText.cancel()
    local.remove(textKey(id))
    state.drafts = state.drafts.map((d) => (d.id === draft.id ? draft : d))
    state.text = text
    emit('draft', { saved: true })
    toast(`已保存为第 ${version.number} 稿。`)
    return version
  } catch (error) {
    // The text stays where it is: in the editor and in this browser's copy.
    local.set(textKey(id), { text, baseVersion: state.baseVersion })
    toast(error.message, 'error')
    return undefined
  }
}

/** The park data a check or an export uses: the stored park (the form's unsaved edits are not yet the park). */
export const parkData = () => state.park?.data

/** Materials of the park, for the checker's number tracing. */
export const materials = () => (state.park?.data.materials ?? []).map((m) => m.text)
