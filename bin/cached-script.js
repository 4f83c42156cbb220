// Runs a CommonJS bundle with V8's code cache (Node 20 has no compile cache for ES modules, and parsing and compiling
// the CLI's code was a fifth of a `check`'s start-up). The build (scripts/build.mjs) runs the CLI once on a sample
// draft and saves the compiled code of everything that ran; each start then reads it instead of compiling again. A
// cache V8 rejects (another Node version, other V8 flags) is ignored and the code compiles as without one.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import vm from 'node:vm'

/** Suffix of the code cache file written beside the script it belongs to. */
export const CODE_CACHE_SUFFIX = '.v8-cache'

/**
 * Compiles `file` (a CommonJS module) as Node would, with the code cache beside it when there is one and
 * `useCache`. `cachedDataRejected` on the result says whether V8 took it.
 */
export function compileCommonJs(file, { useCache = true } = {}) {
  const source = readFileSync(file, 'utf8').replace(/^#!/, '//')
  let cachedData
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}${CODE_CACHE_SUFFIX}`)
    } catch {
      // No cache: compile as usual.
    }
  }
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    // The bundle imports ES-module packages (openai, pdf.js …) with import(), resolved as in any module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
}

/**
 * Runs `file` (a CommonJS module) in this context, with its code cache. With `writeCacheOnExit` (the build's training
 * run) the cache is written when the process exits, so that it holds every function the run compiled, not only the
 * top level.
 */
export function runCommonJs(file, { writeCacheOnExit = false } = {}) {
  const script = compileCommonJs(file, { useCache: !writeCacheOnExit })
  if (writeCacheOnExit) {
    const cacheFile = `${file}${CODE_CACHE_SUFFIX}`
    // Written aside and renamed: a CLI starting meanwhile reads the whole cache or none.
    process.once('exit', () => {
      writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData())
      renameSync(`${cacheFile}.${process.pid}`, cacheFile)
    })
  }
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
}
