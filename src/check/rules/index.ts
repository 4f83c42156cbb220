import type { AnyRule } from '../rule.js'
import { focusRule } from './focus.js'
import { formatRule } from './format.js'
import { headingNumberingRule } from './heading-numbering.js'
import { lengthRule } from './length.js'
import { logicChainRule } from './logic-chain.js'
import { numberConsistencyRule } from './number-consistency.js'
import { numberTraceRule } from './number-trace.js'
import { placeholderRule } from './placeholder.js'
import { properNounRule } from './proper-noun.js'
import { punctuationRule } from './punctuation.js'
import { quantEvidenceRule } from './quant-evidence.js'
import { sensitiveInfoRule } from './sensitive-info.js'
import { structureRule } from './structure.js'
import { timeReferenceRule } from './time-reference.js'
import { vagueLanguageRule } from './vague-language.js'

/** Every rule. Order does not matter: the runner sorts findings by position. */
export const ALL_RULES: readonly AnyRule[] = [focusRule, formatRule, headingNumberingRule, lengthRule, logicChainRule, numberConsistencyRule, numberTraceRule, placeholderRule, properNounRule, punctuationRule, quantEvidenceRule, sensitiveInfoRule, structureRule, timeReferenceRule, vagueLanguageRule]
