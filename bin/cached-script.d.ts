import type { Script } from 'node:vm'

export declare const CODE_CACHE_SUFFIX: string
export declare function compileCommonJs(file: string, options?: { useCache?: boolean }): Script
export declare function runCommonJs(file: string, options?: { writeCacheOnExit?: boolean }): void
