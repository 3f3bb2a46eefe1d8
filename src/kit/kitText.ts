/** The kit's words, in both languages (the kit is one file for a partner; it carries its own). */
export type KitLang = 'zh-CN' | 'en';

const en = {
  title: 'Audience overlap kit',
  intro: 'This page turns your member list into an overlap sketch for this deal. Everything happens on this computer: the page fetches nothing and sends nothing. You save the sketch file and send it to your partner.',
  deal: 'Deal',
  keyId: 'Key id',
  step1: '1. Choose your member list',
  drop: 'Drop a CSV or XLSX file here, or choose one',
  choose: 'Choose file…',
  step2: '2. Pick the identifier column',
  sheet: 'Sheet',
  column: 'Column',
  kind: 'Identifier',
  'kind.auto': 'Detect from the values',
  'kind.mobile': 'Mobile number',
  'kind.email': 'E-mail address',
  'kind.id': 'Union id / member id',
  preview: 'First values, as they will be hashed',
  invalidPreview: 'not usable',
  step3: '3. Make the sketch',
  make: 'Make the sketch',
  working: 'Reading and hashing… {pct}%',
  counted: '{rows} rows read: {valid} usable {kind}, {invalid} not usable, {empty} empty. About {distinct} distinct people.',
  refused: 'Most filled values ({invalid} of {filled}) are not {kind}; no sketch was made. Pick another column or identifier. First ones: {examples}',
  examples: 'line {line}: “{value}”',
  step4: '4. Save and send',
  save: 'Save the sketch file',
  saved: 'Saved as {name}. Send this file to your partner; keep your member list where it is.',
  privacyTitle: 'What the sketch holds',
  privacy: 'Each identifier is written one way (mobile numbers as +86…, e-mail in lower case), then hashed with HMAC-SHA-256 under the deal key. The file keeps only the {k} smallest of those hashes (53 bits each), no identifier and no other column. Without the key they are meaningless; your partner, who holds the key, could test whether a given number is among the kept values: at most {k} people, each member with a chance of {k} in your list size (all of them if your list is no larger).',
  errorRead: 'This file could not be read: {message}',
  lang: '中文',
  words: { mobile: 'mobile numbers', email: 'e-mail addresses', id: 'ids' },
};

const zh: typeof en = {
  title: '受众重合度工具包',
  intro: '本页面把您的会员名单转换为本次合作的重合度草图（sketch）。全部处理都在这台电脑上完成：页面不下载、不上传任何内容。保存草图文件后发给合作方即可。',
  deal: '合作',
  keyId: '密钥编号',
  step1: '1. 选择会员名单',
  drop: '把 CSV 或 XLSX 文件拖到这里，或选择文件',
  choose: '选择文件…',
  step2: '2. 选择标识列',
  sheet: '工作表',
  column: '列',
  kind: '标识类型',
  'kind.auto': '根据内容自动识别',
  'kind.mobile': '手机号',
  'kind.email': '电子邮箱',
  'kind.id': 'UnionID / 会员号',
  preview: '前几个值（按哈希前的统一写法）',
  invalidPreview: '无法使用',
  step3: '3. 生成草图',
  make: '生成草图',
  working: '正在读取并哈希… {pct}%',
  counted: '共读取 {rows} 行：可用{kind} {valid} 个，不可用 {invalid} 个，空值 {empty} 个。约 {distinct} 位不同用户。',
  refused: '大多数非空值（{filled} 个中的 {invalid} 个）不是{kind}，未生成草图。请换一列或换一种标识类型。示例：{examples}',
  examples: '第 {line} 行：“{value}”',
  step4: '4. 保存并发送',
  save: '保存草图文件',
  saved: '已保存为 {name}。请把这个文件发给合作方，会员名单留在本地。',
  privacyTitle: '草图里有什么',
  privacy: '每个标识先统一写法（手机号写成 +86…，邮箱转为小写），再用本次合作的密钥做 HMAC-SHA-256 哈希。文件只保留其中最小的 {k} 个哈希值（每个 53 位），不含任何标识或其他列。没有密钥，这些值毫无意义；持有密钥的合作方可以检验某个号码是否在保留的值中：最多 {k} 人，每位会员被检验到的概率为 {k} 除以名单人数（名单不超过 {k} 人时为全部）。',
  errorRead: '无法读取该文件：{message}',
  lang: 'English',
  words: { mobile: '手机号', email: '邮箱', id: '标识' },
};

export const KIT_TEXT = { en, 'zh-CN': zh } as const;
export type KitKey = Exclude<keyof typeof en, 'words'>;

export function kitText(lang: KitLang, key: KitKey, params: Record<string, string | number> = {}): string {
  return KIT_TEXT[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
