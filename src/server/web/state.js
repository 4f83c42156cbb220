// What the page knows, shared by the tabs, and the copies of unsaved work kept in localStorage so that nothing a
// person typed is lost to a failed request, a closed tab or a restarted server.

export const state = {
  health: undefined,
  kinds: [],
  /** Park summaries for the picker. */
  parks: [],
  /** The park being worked on: {id, name, kind, version, data} as stored, or undefined (a new, unsaved park). */
  park: undefined,
  /** The drafts of the park, and the one open in 审校/改写/导出: {draft, latest, versions}. */
  drafts: [],
  current: undefined,
  /** The text in the editor (may differ from current.latest.text: unsaved edits) and the version it is based on. */
  text: '',
  baseVersion: 0,
  /** The last check of the editor's text: {text, findings, stats, kind}. */
  check: undefined,
}

const listeners = new Map()

/**
 * Events: 'parks', 'park' (another park or a new version of it), 'drafts', 'draft' (opened or new version), 'text',
 * 'check', 'documents' (a policy document was uploaded or deleted), 'tab' (a tab was shown, with its name), 'park-form' (the park form was edited).
 */
export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, [])
  listeners.get(event).push(fn)
}

export function emit(event, detail) {
  for (const fn of listeners.get(event) ?? []) fn(detail)
}

const PREFIX = 'park-report:'

export const local = {
  get(key) {
    try {
      const raw = window.localStorage.getItem(PREFIX + key)
      return raw ? JSON.parse(raw) : undefined
    } catch {
      return undefined
    }
  },
  set(key, value) {
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify({ ...value, savedAt: new Date().toISOString() }))
      return true
    } catch {
      // Storage full or disabled: the page still works, only without the safety copy.
      return false
    }
  },
  remove(key) {
    window.localStorage.removeItem(PREFIX + key)
  },
}

/** Keys of the unsaved copies: the park form (by park id, or 'new'), and a draft's editor text (by draft id). */
export const formKey = (parkId) => `form:${parkId ?? 'new'}`
export const textKey = (draftId) => `text:${draftId}`
/** The findings a person chose to ignore in a draft (review.js signatures). */
export const ignoredKey = (draftId) => `ignored:${draftId}`
/** The Word format findings of an uploaded .docx draft, with the text they belong to. */
export const formatKey = (draftId) => `format:${draftId}`

export const kindName = (id) => state.kinds.find((kind) => kind.id === id)?.name ?? id
