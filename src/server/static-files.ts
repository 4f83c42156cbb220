import { readdirSync, readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { secureHeaders } from 'hono/secure-headers'

/** The product's version, as /api/health reports it. */
export const VERSION = '0.1.0'

// The web page is the flat folder ./web (HTML, CSS and ES modules, no build step), read once at start-up into a
// fixed table: a request path is only ever looked up in it, never joined to a file path, so nothing outside the
// folder can be reached.
const WEB_DIR = new URL('./web/', import.meta.url)
const STATIC_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/** The web page's files by request path ('/' is index.html). */
export const STATIC_FILES: Readonly<Record<string, { body: string; type: string }>> = Object.fromEntries(
  readdirSync(WEB_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && STATIC_TYPES[extname(entry.name)])
    .map((entry) => [
      entry.name === 'index.html' ? '/' : `/${entry.name}`,
      { body: readFileSync(new URL(entry.name, WEB_DIR), 'utf8'), type: STATIC_TYPES[extname(entry.name)]! },
    ]),
)

/** Headers of every static answer: no-cache, so the page is revalidated on every load and a restarted server never runs against a stale script. */
export function staticHeaders(file: { type: string }): Record<string, string> {
  return { 'content-type': file.type, 'cache-control': 'no-cache' }
}

/** The security headers of every answer (the page runs only its own scripts and styles). */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  })
}
