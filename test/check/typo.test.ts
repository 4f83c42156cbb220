import { describe } from 'vitest'
import { typoRule } from '../../src/check/rules/typo.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(typoRule, {
  valid: [
    // 截止日期 / 截止到 are correct; 截至 is the form for “up to a date”.
    '二、创新举措\n申报截止日期为2025年6月30日，截止到2025年底已受理申请46份，截至2025年6月底园区已建成5G基站120个。',
    // A noun phrase: 有效的推进机制, 园区发展的非常时期; 的 after a noun is right.
    '一、背景介绍\n园区建立了一个有效的推进机制，正处于发展的非常时期，项目的推进情况每月通报。',
    // 不了了之, 是是非非, 平方米 written out, 再建 a demolished plant elsewhere, guests 入住 a hotel.
    '三、实践成效\n整改问题没有不了了之，是是非非由第三方评估。新建厂房12.6万平方米，原址拆除再建项目1个，专家入住园区人才公寓。',
    // 帐篷 keeps 帐; 已上市 and 已下达 are 已; 泄漏 of a gas and 泄露 of data are right; 必需品 is a noun; 反应釜 is equipment.
    '二、创新举措\n园区为应急队伍配备帐篷40顶，3家企业已上市，专项资金已下达。园区监测可燃气体泄漏，严防企业数据泄露，储备必需品，改造反应釜12台。',
    // A caret between figures is a formula; 地 and 得 already right.
    '三、实践成效\n单位产品能耗按2^3分级，各项工作扎实有序地推进，项目进展得非常顺利。',
    // Equal characters that the segmentation explains (生产|产品, 园区|区内, 现在|在, 目的|的), AABB, a count, a given
    // name after its surname, numerals, 平方公里 and 平方米.
    '三、实践成效\n园区认认真真推进生产产品质量提升，现在在推进园区区内道路改造，一个个项目落地见效，副处长冯媛媛带队检查，' +
      '实现目的的同时一一对应整改，规划面积3平方公里，新建厂房8000平方米。总投资1.85亿元，年发电量1.2亿千瓦时，营业收入增长3万多家企业。',
    // 今年来 without a pause is 今年 + 来 (came this year); 正规化 and 加倍受益 hold 规化 and 倍受 inside other words;
    // a 的 after a verb before a noun phrase (推进的都是重点项目) is no complement.
    '三、实践成效\n专家今年来园区指导3次，园区推行正规化管理，企业加倍受益，推进的都是省级重点项目。',
    // 实施 as a verb after 基础 (在此基础实施了改造) and before a plan's name (环保实施方案); 设施 as a noun.
    '二、创新举措\n园区新建基础设施项目8个，按照方案实施改造，在此基础实施了改造，消防设施齐全，环保实施方案已报批。',
    // Homophone slips need the draft's own word and a pair the dictionary does not know: 提质 is no slip for 地质 (提 is
    // read di only in 提防), a given name after its surname (徐建役) none for 建议, a term jieba does not know (运维, 良率)
    // none without a homophone word in the draft, and 承借 (a lender's term) none for the uncommon 承接.
    '二、创新举措\n园区推动企业提质增效，开展地质灾害排查。市委书记徐建役到会致辞，提出三点建议。园区建设运维产线，封测良率提升。' +
      '园区平台承借国家开发银行贷款，承接产业转移项目。',
    // A pair inside a longer run of characters the dictionary does not know is a slogan or a new term, not a slip
    // (上云用数赋智 next to 运用, 数智化 next to 数值).
    '二、创新举措\n推动中小企业上云用数赋智，运用数字技术改造产线。园区推进数智化转型，开展数值模拟。',
  ],
  invalid: [
    {
      // Common official-document slips (《咬文嚼字》 list, 《通用规范汉字表》 账 for accounts): a report on a chemical park's
      // safety work as a user might type it.
      text:
        '二、创新举措\n园区做为省级化工园区，会同应急部门建立隐患台帐，设定报警阀值，对氯气泄露实行分级处置，' +
        '必需加强特殊作业管理，及时反应企业诉求，给于资金补助，安全管理工作一如继往。',
      errors: [
        { span: '做为', message: '“做为”是错别字，应为“作为”' },
        { span: '台帐' },
        { span: '阀值', suggestion: '改为“阈值”。' },
        { span: '泄露' },
        { span: '必需' },
        { span: '反应' },
        { span: '给于' },
        { span: '一如继往' },
      ],
      output:
        '二、创新举措\n园区作为省级化工园区，会同应急部门建立隐患台账，设定报警阈值，对氯气泄漏实行分级处置，' +
        '必须加强特殊作业管理，及时反映企业诉求，给予资金补助，安全管理工作一如既往。',
    },
    {
      // fixtures/real/planted/02 and 06: 布署, 截止 before 目前, 进展的非常顺利, 扎实有序的推进.
      text: '二、创新举措\n园区布署智慧安全风险管控平台，截止目前接入企业46家，项目建设进展的非常顺利，扎实有序的推进协同排产。',
      errors: [
        { span: '布署', severity: 'warning', message: '“布署”是错别字，应为“部署”' },
        { span: '截止', severity: 'warning', message: '应为“截至”' },
        { span: '的', severity: 'warning', message: '程度补语用“得”' },
        { span: '的', severity: 'warning', message: '状语修饰动词用“地”' },
      ],
      output: '二、创新举措\n园区部署智慧安全风险管控平台，截至目前接入企业46家，项目建设进展得非常顺利，扎实有序地推进协同排产。',
    },
    {
      // fixtures/real/06, 14, 26: an adverbial before a verb with 了.
      text: '三、实践成效\n基础设施建设全面和超额的完成了年初确定的目标，强有力的助推了县域经济，较为系统的了解了企业诉求。',
      errors: [{ span: '的' }, { span: '的' }, { span: '的' }],
      output: '三、实践成效\n基础设施建设全面和超额地完成了年初确定的目标，强有力地助推了县域经济，较为系统地了解了企业诉求。',
    },
    {
      // A doubled 的, a stray backtick, 再接再励, 再建 for 在建, 企业入住, 万平 for 万平方米.
      text: '三、实践成效\n园区的的主导产业是高质量发展的`硬支撑，全体干部再接再励，推进再建工业项目12个，已有36家企业入住园区，新增标准厂房11.4万平。',
      errors: [{ span: '的' }, { span: '`' }, { span: '再接再励' }, { span: '再建' }, { span: '入住' }, { span: '万平' }],
      output: '三、实践成效\n园区的主导产业是高质量发展的硬支撑，全体干部再接再厉，推进在建工业项目12个，已有36家企业入驻园区，新增标准厂房11.4万平方米。',
    },
    {
      // A character typed twice where no word holds the pair (企|企业, 项|项目), a statistics indicator without 资产, and
      // 平方 after a figure (fixtures/real/dev2/82, 89).
      text: '三、实践成效\n已有12家企企业入驻，新开工项项目8个，全年固定投资增长8.2%，新建厂房约2304平方，标准化厂房11.4万平方。项目总计1.85亿。',
      errors: [
        { span: '企', message: '“企企”重复了一个字，应删去一个。' },
        { span: '项' },
        { span: '固定投资', suggestion: '改为“固定资产投资”。' },
        { span: '平方' },
        { span: '万平方' },
        { span: '亿', message: '金额写到“亿”就停了，缺少单位“元”。' },
      ],
      output: '三、实践成效\n已有12家企业入驻，新开工项目8个，全年固定资产投资增长8.2%，新建厂房约2304平方米，标准化厂房11.4万平方米。项目总计1.85亿元。',
    },
    {
      // A speech pasted into a report (fixtures/real/dev3/139, dev2/92): 今年来 missing 以, a complement 的 with 都 before
      // its degree word, and 公文 slips of the 咬文嚼字 list.
      text: '三、实践成效\n今年来，园区确定的12个重点项目推进的都比较顺利，园区规化面积扩大到18平方公里，充分发辉龙头企业辐射作用，倍受客商关注。',
      errors: [
        { span: '今年来', message: '“今年来”是错别字，应为“今年以来”。', suggestion: '改为“今年以来”。' },
        { span: '的', message: '动词后接程度补语用“得”，不用“的”。', suggestion: '改为“得”。' },
        { span: '规化', message: '“规化”是错别字，应为“规划”。' },
        { span: '发辉', message: '“发辉”是错别字，应为“发挥”。' },
        { span: '倍受', message: '“倍受”是错别字，应为“备受”。' },
      ],
      output: '三、实践成效\n今年以来，园区确定的12个重点项目推进得都比较顺利，园区规划面积扩大到18平方公里，充分发挥龙头企业辐射作用，备受客商关注。',
    },
    {
      // Homophones read by their context (fixtures/real/dev2/57 设施细则): 设施 before a document's name, 实施 after 基础 or 消防.
      text: '二、创新举措\n园区印发安全管理设施细则，完善基础实施建设，配套消防实施。',
      errors: [
        { span: '设施', message: '“设施”是错别字，应为“实施”。' },
        { span: '实施', message: '“实施”是错别字，应为“设施”。' },
        { span: '实施' },
      ],
      output: '二、创新举措\n园区印发安全管理实施细则，完善基础设施建设，配套消防设施。',
    },
    {
      // Homophone slips of a pinyin input method, each next to the word the draft writes elsewhere: a suggestion and no
      // fix (the writer may mean both words), so the output is the text as written.
      text:
        '三、实践成效\n园区营业收入120亿元，营业收如增长12%；能源利用效率提升8%，企业效律提升。园区压实安全生产主体责任，环保责认落实到企业。' +
        '园区与高校开展合作，合做项目12个。',
      errors: [
        { span: '收如', severity: 'warning', message: '“收如”与本文其他地方的“收入”读音相同，疑为打错的字。', suggestion: '核对原意，如为笔误改为“收入”。' },
        { span: '效律', severity: 'warning', message: '“效律”与本文其他地方的“效率”读音相同，疑为打错的字。' },
        { span: '责认', severity: 'warning', message: '“责认”与本文其他地方的“责任”读音相同，疑为打错的字。' },
        { span: '合做', severity: 'warning', message: '“合做”与本文其他地方的“合作”读音相同，疑为打错的字。' },
      ],
      output:
        '三、实践成效\n园区营业收入120亿元，营业收如增长12%；能源利用效率提升8%，企业效律提升。园区压实安全生产主体责任，环保责认落实到企业。' +
        '园区与高校开展合作，合做项目12个。',
    },
    {
      // A slip the confusion list knows (按装) is reported once, with its certain fix; a pair written more often than the
      // word it sounds like is the draft's own term (两次“设失”, 一次“设施”: not judged).
      text: '二、创新举措\n企业安装光伏设备，另有3家企业按装储能设备。设失运行，设失检修，设施完好。',
      errors: [{ span: '按装', message: '“按装”是错别字，应为“安装”。' }],
      output: '二、创新举措\n企业安装光伏设备，另有3家企业安装储能设备。设失运行，设失检修，设施完好。',
    },
  ],
})

describe('typo', () => {
  describeCases(table)
})
