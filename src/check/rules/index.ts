import type { AnyRule } from '../rule.js'
import { formatRule } from './format.js'
import { placeholderRule } from './placeholder.js'
import { punctuationRule } from './punctuation.js'
import { sensitiveInfoRule } from './sensitive-info.js'
import { vagueLanguageRule } from './vague-language.js'

/** Every rule. Order does not matter: the runner sorts findings by position. */
export const ALL_RULES: readonly AnyRule[] = [formatRule, placeholderRule, punctuationRule, sensitiveInfoRule, vagueLanguageRule]
