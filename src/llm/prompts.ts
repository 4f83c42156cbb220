import { readFileSync } from 'node:fs'

/**
 * Prompts are data (ARCHITECTURE “Data over code”): one Chinese prompt per file in prompts/, with named variables
 * `{{name}}` that a domain expert can read and edit without touching code. HTML comments `<!-- … -->` are notes for
 * maintainers and are not sent. Rendering fails loudly: a variable the template names and the caller did not give
 * is a bug, never an empty hole in a prompt.
 */

const PROMPTS_DIR = new URL('../../prompts/', import.meta.url)
const VARIABLE = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g
const COMMENT = /<!--[\s\S]*?-->\n?/g

const cache = new Map<string, string>()

export class PromptError extends Error {
  override name = 'PromptError'
}

/** The template text of prompts/<name>.md, comments removed. */
export function loadPrompt(name: string): string {
  const cached = cache.get(name)
  if (cached !== undefined) return cached
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new PromptError(`invalid prompt name “${name}”`)
  let text: string
  try {
    text = readFileSync(new URL(`${name}.md`, PROMPTS_DIR), 'utf8')
  } catch {
    throw new PromptError(`prompt file prompts/${name}.md not found`)
  }
  const template = text.replace(COMMENT, '').trim()
  cache.set(name, template)
  return template
}

/** The variable names a template uses, in order of first use. */
export function promptVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!))]
}

export type PromptValues = Readonly<Record<string, string | number>>

/**
 * Fills `{{name}}` from `values`. Throws when a variable has no value; with `strict`, also when a value is not
 * used by the template (a renamed variable in the file, caught by the prompt tests).
 */
export function fillTemplate(template: string, values: PromptValues, options: { strict?: boolean; name?: string } = {}): string {
  const used = promptVariables(template)
  const missing = used.filter((v) => !(v in values))
  const where = options.name ? `prompts/${options.name}.md` : 'prompt'
  if (missing.length) throw new PromptError(`${where}: no value for ${missing.map((v) => `{{${v}}}`).join(', ')}`)
  if (options.strict) {
    const unused = Object.keys(values).filter((v) => !used.includes(v))
    if (unused.length) throw new PromptError(`${where}: values not used by the template: ${unused.join(', ')}`)
  }
  return template.replace(VARIABLE, (_, name: string) => String(values[name]))
}

export function renderPrompt(name: string, values: PromptValues, options: { strict?: boolean } = {}): string {
  return fillTemplate(loadPrompt(name), values, { ...options, name })
}
