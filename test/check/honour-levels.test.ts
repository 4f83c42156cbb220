import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { nanlingPark } from './parks.js'
import { describeCases, testRule } from './rule-tester.js'

// The example park registers 国家级绿色工厂 and 国家级绿色工业园区 as its honours and says “园区先后获评国家级绿色工业园区”
// (fixtures/parks/nanling-green.json); here its data also names the holder of a 国家级绿色工厂 title.
const base = nanlingPark()
const park = { ...base, park: { ...base.park, intro: `${base.park.intro}南岭新能锂电材料股份有限公司获评国家级绿色工厂。` } }

const table = testRule(properNounRule, {
  park,
  valid: [
    // The registered level, a title the park registered at no level, and a level-less programme name.
    '三、实践成效\n南岭经济技术开发区获评国家级绿色工业园区，南岭新能锂电材料股份有限公司获评国家级绿色工厂，另有2家企业获评省级智能制造示范车间，园区持续推进绿色工厂创建。',
    // Other firms may hold the provincial title: no holder of the national one is named.
    '三、实践成效\n园区另有3家企业获评省级绿色工厂。',
    // Without park data the level cannot be judged.
    { text: '三、实践成效\n南岭新能锂电材料股份有限公司获评省级绿色工厂。', park: undefined },
  ],
  invalid: [
    {
      // Planted draft 01: 省级 where the park data says 国家级, the holder named in the sentence before (该公司).
      text: '三、实践成效\n南岭新能锂电材料股份有限公司率先开展轻量化改造。该公司获评省级绿色工厂，南岭经济技术开发区获评市级绿色工业园区。',
      errors: [
        { span: '省级绿色工厂', severity: 'error', message: '园区资料中该单位获评的是“国家级绿色工厂”' },
        { span: '市级绿色工业园区', severity: 'error', message: '园区资料中该单位获评的是“国家级绿色工业园区”' },
      ],
    },
    {
      // Planted draft 02: a national science award under its official name (《国家科学技术奖励条例》).
      text: '二、创新举措\n南岭新能锂电材料股份有限公司的轻量化底盘技术获国家科技进步二等奖。',
      errors: [{ span: '国家科技进步二等奖', message: '国家科学技术进步奖二等奖' }],
      output: '二、创新举措\n南岭新能锂电材料股份有限公司的轻量化底盘技术获国家科学技术进步奖二等奖。',
    },
  ],
})

describe('proper-noun: honour levels against the park data', () => {
  describeCases(table)
})
