// Beginning of the CLI's start-up snapshot entry (scripts/cli-snapshot.mjs writes the entry: the constant ENTRY_FILE,
// this file, then the bundle dist/bundle/cli-snapshot.cjs as the function `bundle`). `node --build-snapshot` runs it once
// at build time, which evaluates the `check` command's modules (src/cli/snapshot.ts) and saves the heap; each
// `node --snapshot-blob cli.blob check <arguments>` then starts from that heap and runs the check.
/* global ENTRY_FILE, bundle */
'use strict'
const { startupSnapshot } = require('node:v8')
const { dirname } = require('node:path')

// Node 20's snapshot builder runs in a context without the newest array methods (V8 adds them to each context it
// creates, the deserialized one included). Stand-ins serve the modules evaluated here and are removed before the heap is
// saved: left in it, they would collide with V8's own when the snapshot is read.
const standIns = {
  toSorted(compare) {
    return Array.prototype.slice.call(this).sort(compare)
  },
  toReversed() {
    return Array.prototype.slice.call(this).reverse()
  },
  with(index, value) {
    const copy = Array.prototype.slice.call(this)
    const at = Math.trunc(index) + (index < 0 ? copy.length : 0)
    if (!(at >= 0 && at < copy.length)) throw new RangeError('Invalid index : ' + index)
    copy[at] = value
    return copy
  },
}
for (const [name, standIn] of Object.entries(standIns)) {
  if (typeof Array.prototype[name] !== 'function') Object.defineProperty(Array.prototype, name, { value: standIn, writable: true, configurable: true })
}
startupSnapshot.addSerializeCallback(() => {
  for (const [name, standIn] of Object.entries(standIns)) if (Array.prototype[name] === standIn) delete Array.prototype[name]
})

// A snapshot builder's require loads built-in modules only, and a native addon cannot be saved in a snapshot: each
// package the bundle requires is a stand-in that loads the package at its first use, which comes after the snapshot
// is read (building fails with this error if a module's evaluation uses one).
let loadPackage = (id) => {
  throw new Error(`${id} is used while the CLI's snapshot is built`)
}
function lazyPackage(id) {
  let loaded
  const real = () => (loaded ??= loadPackage(id))
  // A function, for packages that export one (openai's client class): a bound function can be called and constructed
  // and has no own property a proxy would have to report as it is (it has no `prototype`).
  const standIn = new Proxy(function () {}.bind(null), {
    get: (_, key) => real()[key],
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key)
      return descriptor && { ...descriptor, configurable: true }
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    apply: (_, self, args) => Reflect.apply(real(), self, args),
    construct: (_, args, newTarget) => Reflect.construct(real(), args, newTarget === standIn ? real() : newTarget),
  })
  return standIn
}
const packages = new Map()
function bundleRequire(id) {
  if (id.startsWith('node:')) return require(id)
  if (!packages.has(id)) packages.set(id, lazyPackage(id))
  return packages.get(id)
}
// A snapshot's code has no loader for import(): the bundle's import() calls go through this, set once it is read.
let importModule = (specifier) => Promise.reject(new Error(`import(${specifier}) while the CLI's snapshot is built`))

// The bundle's files are found beside this entry in dist/bundle/, as the plain bundle's are beside it.
const cli = { exports: {} }
bundle(cli.exports, bundleRequire, cli, ENTRY_FILE, dirname(ENTRY_FILE), (specifier) => importModule(specifier))

startupSnapshot.setDeserializeMainFunction(() => {
  const vm = require('node:vm')
  loadPackage = require('node:module').createRequire(ENTRY_FILE)
  importModule = new vm.Script('(specifier) => import(specifier)', {
    filename: ENTRY_FILE,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }).runInThisContext()
  // As for `node <script> <arguments>`.
  process.argv.splice(1, 0, ENTRY_FILE)
  // Other commands are not in the snapshot; and the kinds of KINDS_DIR are registered while the modules are evaluated,
  // which the snapshot did without them: the plain bundle runs these command lines.
  const [command, ...args] = process.argv.slice(2)
  if (command !== 'check' || process.env.KINDS_DIR?.trim()) {
    const { join } = require('node:path')
    // An ES module without top-level await, which require() loads (Node 20.19 and later, as package.json's engines say).
    const { runCommonJs } = loadPackage(join(dirname(ENTRY_FILE), '..', '..', 'bin', 'cached-script.js'))
    runCommonJs(join(dirname(ENTRY_FILE), 'cli.cjs'))
    return
  }
  cli.exports.runCheck(args)
})
