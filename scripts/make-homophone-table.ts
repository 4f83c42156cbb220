/**
 * Writes src/check/data/homophones.json: the characters of jieba's dictionary that stand as words of their own
 * (frequency ≥ MIN_FREQ, about the characters a pinyin input method offers first), grouped by their toneless pinyin,
 * every reading of a polyphone included (and again by its first, common reading only), and the common two-character words (frequency ≥ MIN_WORD_FREQ). The typo
 * rule reads it to find a homophone slip (src/check/homophone-slips.ts).
 *
 *   npx tsx scripts/make-homophone-table.ts
 *
 * Readings come from pinyin-pro (a devDependency: only this script needs it; the table is committed).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pinyin } from 'pinyin-pro'

const MIN_FREQ = 50
/** A slip's intended word is a common one: 承借 (a lender's term jieba does not know) is no slip for 承接 (257). */
const MIN_WORD_FREQ = 300
const HAN = /^[\u4e00-\u9fa5]$/u

const require = createRequire(import.meta.url)
const dictionary = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')
const chars = new Set<string>()
const entries = dictionary.split('\n').map((line) => line.split(' '))
for (const [word, freq] of entries) {
  if (word && HAN.test(word) && Number(freq) >= MIN_FREQ) chars.add(word)
}
const words = new Set<string>()
for (const [word, freq] of entries) {
  if (word?.length === 2 && chars.has(word[0]!) && chars.has(word[1]!) && Number(freq) >= MIN_WORD_FREQ) words.add(word)
}
const byReading = new Map<string, string>()
const byFirstReading = new Map<string, string>()
const LATIN = /^[a-z]+$/u
for (const char of [...chars].sort()) {
  for (const reading of new Set(pinyin(char, { multiple: true, type: 'array', toneType: 'none', v: true }))) {
    if (LATIN.test(reading)) byReading.set(reading, (byReading.get(reading) ?? '') + char)
  }
  const first = pinyin(char, { toneType: 'none', v: true })
  if (LATIN.test(first)) byFirstReading.set(first, (byFirstReading.get(first) ?? '') + char)
}
const sorted = (map: Map<string, string>) => Object.fromEntries([...map].sort((a, b) => a[0].localeCompare(b[0])))
const pinyinVersion = (require('pinyin-pro/package.json') as { version: string }).version
const file = {
  $comment:
    `同音字表（规则 typo 的同音错字检查用）：readings 按不带声调的拼音分组，多音字每个读音各列一次（本文用到的词按它读）；` +
    `firstReadings 只按每个字的常用读音分组（写错的字按它读：拼音输入法按常用读音给出候选字）。由 scripts/make-homophone-table.ts 生成，` +
    `不要手改。字来自 jieba 词典中单独成词、词频不低于 ${MIN_FREQ} 的 ${chars.size} 个汉字（拼音输入法先给出的常用字），读音来自 pinyin-pro ${pinyinVersion}。` +
    `words：jieba 词典中词频不低于 ${MIN_WORD_FREQ} 的双字词（${words.size} 个），同音错字只按这些常用词提示。`,
  readings: sorted(byReading),
  firstReadings: sorted(byFirstReading),
  words: [...words].sort().join(' '),
}
writeFileSync(new URL('../src/check/data/homophones.json', import.meta.url), `${JSON.stringify(file, null, 1)}\n`)
console.log(`${chars.size} characters, ${byReading.size} readings, ${words.size} words`)
