import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { describeCases, testRule } from './rule-tester.js'

/**
 * A firm named by one of its sites (src/check/firm-sites.ts), in the `proper-noun` rule: a branch, a numbered factory,
 * a base in a place. Sentences from fixtures/real (dev 04, dev2 101, dev3 145), under a heading; no park data.
 */
const body = (text: string) => `二、创新举措\n${text}`
const COMPANY = '应写企业的规范全称（营业执照上的名称，通常以“有限公司”“股份有限公司”结尾）。'

const sites = testRule(properNounRule, {
  valid: [
    // The branch of a firm written in full; bases that are no firm's (a category, an industry, a research base).
    body('长城汽车股份有限公司荆门分公司入选湖北省5G全连接工厂。'),
    body('宝丰经济技术开发区获批国家新型工业化产业示范基地，建成省级研发基地和新能源产业基地。'),
    body('其中，鄂尔多斯基地建设10.5吉瓦时电芯产能。'),
  ],
  invalid: [
    {
      // fixtures/real/dev2/101: a branch, after 我市.
      text: body('2023年第一批湖北省5G全连接工厂评选结果揭晓，我市长城汽车荆门分公司的工业互联网5G应用入选。'),
      errors: [{ span: '长城汽车荆门分公司', severity: 'warning', message: `“长城汽车荆门分公司”是企业简称，${COMPANY}` }],
    },
    {
      // fixtures/real/dev3/145: a numbered factory after 引进; 美利|达 keeps its last one-character piece.
      text: body('回首21年奋斗历程，从引进美利达第二工厂到建设我国东部沿海机械城，实现了长足的发展。'),
      errors: [{ span: '美利达', severity: 'warning', message: `“美利达”是企业简称，${COMPANY}` }],
    },
    {
      // fixtures/real/04: a trade name with its sector word, then a place and 基地.
      text: body('其中，远景能源鄂尔多斯基地建设10.5吉瓦时电芯产能，生产储能电池产品。'),
      errors: [{ span: '远景能源', severity: 'warning', message: `“远景能源”是企业简称，${COMPANY}` }],
    },
  ],
})

describe('proper-noun: a firm named by its branch, factory or base', () => describeCases(sites))
