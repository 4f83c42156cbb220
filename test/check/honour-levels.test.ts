import { describe } from 'vitest'
import { properNounRule } from '../../src/check/rules/proper-noun.js'
import { nanlingPark } from './parks.js'
import { describeCases, testRule } from './rule-tester.js'

// The example park registers 国家级绿色工厂 and 国家级绿色工业园区 as its honours (fixtures/parks/nanling-green.json).
const table = testRule(properNounRule, {
  park: nanlingPark(),
  valid: [
    // The registered level, a title the park registered at no level, and a level-less programme name.
    '三、实践成效\n南岭经济技术开发区获评国家级绿色工业园区，湖南华驰汽车零部件有限公司获评国家级绿色工厂，另有2家企业获评省级智能制造示范车间，园区持续推进绿色工厂创建。',
    // Without park data the level cannot be judged.
    { text: '三、实践成效\n湖南华驰汽车零部件有限公司获评省级绿色工厂。', park: undefined },
  ],
  invalid: [
    {
      // Planted draft 01: 省级 where the park data says 国家级; 国家绿色工厂 is the registered level written short.
      text: '三、实践成效\n湖南华驰汽车零部件有限公司今年获评省级绿色工厂，南岭经济技术开发区获评市级绿色工业园区。',
      errors: [
        { span: '省级绿色工厂', severity: 'error', message: '园区资料登记的是“国家级绿色工厂”' },
        { span: '市级绿色工业园区', severity: 'error', message: '园区资料登记的是“国家级绿色工业园区”' },
      ],
    },
    {
      // Planted draft 02: a national science award under its official name (《国家科学技术奖励条例》).
      text: '二、创新举措\n湖南华驰汽车零部件有限公司的轻量化底盘技术获国家科技进步二等奖。',
      errors: [{ span: '国家科技进步二等奖', message: '国家科学技术进步奖二等奖' }],
      output: '二、创新举措\n湖南华驰汽车零部件有限公司的轻量化底盘技术获国家科学技术进步奖二等奖。',
    },
  ],
})

describe('proper-noun: honour levels against the park data', () => {
  describeCases(table)
})
