// DOM helpers. Every text that comes from the server, a file or a person goes into the page as a text node
// (textContent / append(string)), never as markup: an uploaded document or a park name cannot inject HTML.

/**
 * h('button', {class: 'primary', onclick: save, type: 'button'}, '保存') — an element with properties and children.
 * Strings become text nodes. `text` sets textContent; `on…` adds listeners; `value`, `checked`, `disabled`,
 * `hidden`, `selected` are set as properties; everything else as an attribute (never from unchecked data for href).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (key === 'class') node.className = value
    else if (key === 'text') node.textContent = value
    else if (key === 'dataset') Object.assign(node.dataset, value)
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value)
    else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'multiple', 'indeterminate'].includes(key)) node[key] = value
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  append(node, children)
  return node
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof window.Node ? child : String(child))
  }
}

/** Replaces the children of `node` (an element or its id). */
export function fill(node, ...children) {
  const target = typeof node === 'string' ? document.getElementById(node) : node
  target.replaceChildren()
  append(target, children)
  return target
}

export const $ = (id) => document.getElementById(id)

/** A status line: kind is '', 'ok', 'error' or 'busy'. */
export function say(node, text, kind = '') {
  const target = typeof node === 'string' ? document.getElementById(node) : node
  target.textContent = text ?? ''
  target.dataset.kind = kind
}

export function debounce(fn, ms) {
  let timer
  const debounced = (...args) => {
    clearTimeout(timer)
    timer = setTimeout(() => fn(...args), ms)
  }
  debounced.cancel = () => clearTimeout(timer)
  return debounced
}

/** 2026-11-23T10:33:05Z → 2026-11-23 18:33 (local time). */
export function formatTime(iso) {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** An empty-state paragraph. */
export const empty = (text, ...extra) => h('div', { class: 'empty' }, h('p', { text }), ...extra)

/** Saves a Blob under a file name through a temporary link. */
export function saveBlob(blob, fileName) {
  const url = window.URL.createObjectURL(blob)
  const link = h('a', { href: url, download: fileName, class: 'visually-hidden' })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => window.URL.revokeObjectURL(url), 10_000)
}

/** A hidden file input that calls `onFile(file)` when a file is chosen; `open()` shows the chooser. */
export function filePicker(accept, onFile) {
  const input = h('input', { type: 'file', accept, class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' })
  input.addEventListener('change', () => {
    const file = input.files?.[0]
    input.value = ''
    if (file) onFile(file)
  })
  document.body.append(input)
  return { open: () => input.click() }
}
