import type { DatasetKind } from './project';

/**
 * The fields each data kind maps columns to (DESIGN §1 step 2), as `--map` and the mapping
 * dialog name them, with the header names (Chinese and English) that suggest each one.
 */
export type FieldType = 'id' | 'text' | 'list' | 'number' | 'integer' | 'date' | 'datetime';

export interface FieldDef {
  name: string;
  type: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  /** Header names that suggest this field (compared after `normalizeHeader`). */
  synonyms: string[];
}

/** Open fields: a prefix plus a name of the strategist's choosing, e.g. `spend.tv`. */
export type OpenPrefix = 'feature' | 'attribute' | 'extra' | 'spend' | 'control' | 'kpi';
export const IGNORE = 'ignore';

const USER = ['user_id', 'userid', 'uid', 'user', '用户id', '用户', '用户编号', '会员id', '会员编号', 'member_id', 'customer_id', '客户id'];
const ITEM = ['item_id', 'itemid', 'product_id', 'course_id', 'content_id', 'sku', '商品id', '课程id', '内容id', '产品id', '作品id'];

export const KIND_FIELDS: Record<DatasetKind, FieldDef[]> = {
  audience: [{ name: 'user_id', type: 'id', required: true, synonyms: USER }],
  catalog: [
    { name: 'item_id', type: 'id', required: true, synonyms: ITEM },
    { name: 'title', type: 'text', required: true, synonyms: ['title', 'name', 'item_name', 'product_name', '标题', '名称', '课程名称', '商品名称', '书名'] },
    { name: 'description', type: 'text', synonyms: ['description', 'desc', 'summary', 'intro', '描述', '简介', '介绍', '说明'] },
    { name: 'tags', type: 'list', synonyms: ['tags', 'tag', 'keywords', 'labels', '标签', '关键词'] },
    { name: 'category', type: 'text', synonyms: ['category', 'cat', 'genre', 'type', '类别', '分类', '类目', '品类'] },
    { name: 'price', type: 'number', min: 0, synonyms: ['price', 'list_price', 'unit_price', '价格', '售价', '定价', '单价'] },
  ],
  interactions: [
    { name: 'user_id', type: 'id', required: true, synonyms: USER },
    { name: 'item_id', type: 'id', required: true, synonyms: ITEM },
    { name: 'event', type: 'text', synonyms: ['event', 'action', 'event_type', 'behavior', 'behaviour', '行为', '事件', '行为类型', '动作'] },
    { name: 'weight', type: 'number', min: 0, synonyms: ['weight', 'score', 'rating', 'count', 'value', '权重', '评分', '次数'] },
    { name: 'timestamp', type: 'datetime', synonyms: ['timestamp', 'ts', 'time', 'datetime', 'date', 'event_time', '时间', '时间戳', '日期', '发生时间'] },
  ],
  partners: [
    { name: 'partner_id', type: 'id', required: true, synonyms: ['partner_id', 'partnerid', 'pid', 'brand_id', '合作方id', '伙伴id', '品牌id', '合作伙伴id'] },
    { name: 'name', type: 'text', required: true, synonyms: ['name', 'partner', 'partner_name', 'brand', '名称', '合作方', '合作伙伴', '品牌', '品牌名称', '合作方名称'] },
    { name: 'type', type: 'text', synonyms: ['type', 'partner_type', 'kind', '类型', '合作方类型'] },
    { name: 'industry', type: 'text', synonyms: ['industry', 'sector', 'vertical', '行业', '所属行业'] },
    { name: 'description', type: 'text', synonyms: ['description', 'desc', 'intro', 'profile', '描述', '简介', '介绍'] },
    { name: 'tags', type: 'list', synonyms: ['tags', 'style', 'themes', 'theme', 'style_tags', '标签', '风格', '主题', '风格标签'] },
    { name: 'audience_size', type: 'number', min: 0, synonyms: ['audience_size', 'followers', 'fans', 'reach', 'audience', '粉丝数', '粉丝', '受众规模', '覆盖人数'] },
    { name: 'audience_profile', type: 'text', synonyms: ['audience_profile', 'audience_desc', 'demographics', '受众画像', '粉丝画像', '人群画像'] },
    { name: 'reputation', type: 'number', min: 0, max: 100, synonyms: ['reputation', 'rep', 'reputation_score', 'rating', '声誉', '口碑', '信誉', '声誉分'] },
    { name: 'fee', type: 'number', min: 0, synonyms: ['fee', 'cost', 'price', 'fee_estimate', 'quote', '费用', '报价', '合作费用', '价格'] },
    { name: 'conflict_tags', type: 'list', synonyms: ['conflict_tags', 'conflicts', 'exclusivity', 'competitors', '冲突标签', '冲突', '排他', '竞品'] },
  ],
  collaborations: [
    { name: 'partner_a', type: 'id', required: true, synonyms: ['partner_a', 'a', 'source', 'from', 'partner1', '合作方a', '甲方', '发起方'] },
    { name: 'partner_b', type: 'id', required: true, synonyms: ['partner_b', 'b', 'target', 'to', 'partner2', '合作方b', '乙方', '合作对象'] },
    { name: 'year', type: 'integer', min: 1900, max: 2100, synonyms: ['year', 'yr', '年份', '年度', '年'] },
    { name: 'kind', type: 'text', synonyms: ['kind', 'type', 'collab_type', '类型', '合作类型', '形式'] },
    { name: 'outcome', type: 'text', synonyms: ['outcome', 'result', 'status', '结果', '效果'] },
  ],
  campaigns: [
    { name: 'period', type: 'date', required: true, synonyms: ['period', 'date', 'week', 'date_week', 'time', 'day', 'month', '日期', '周', '时间', '周期', '期间'] },
    { name: 'outcome', type: 'number', required: true, synonyms: ['outcome', 'y', 'revenue', 'sales', 'conversions', 'signups', 'kpi', 'target', '销量', '收入', '营收', '转化', '注册', '成交额', '报名'] },
    { name: 'campaign_id', type: 'id', synonyms: ['campaign_id', 'campaign', 'cid', '活动id', '活动', '活动编号'] },
  ],
  actuals: [{ name: 'date', type: 'date', required: true, synonyms: ['date', 'day', 'dt', 'time', '日期', '时间', '天'] }],
  // A lift test: its error as a standard error, or as a 95% interval (ci_low, ci_high) it is read from.
  experiments: [
    { name: 'channel', type: 'text', required: true, synonyms: ['channel', 'media', 'medium', 'spend_channel', '渠道', '媒体', '投放渠道'] },
    { name: 'start', type: 'date', required: true, synonyms: ['start', 'start_date', 'from', 'begin', '开始', '开始日期', '起始日期'] },
    { name: 'end', type: 'date', required: true, synonyms: ['end', 'end_date', 'to', 'until', 'finish', '结束', '结束日期', '截止日期'] },
    { name: 'lift', type: 'number', required: true, synonyms: ['lift', 'incremental', 'incremental_outcome', 'incrementality', 'effect', '增量', '增量效果', '提升', '增益'] },
    { name: 'standard_error', type: 'number', synonyms: ['standard_error', 'se', 'std_error', 'stderr', '标准误', '标准误差'] },
    { name: 'ci_low', type: 'number', synonyms: ['ci_low', 'lower', 'low', 'lower_bound', '下限', '置信下限'] },
    { name: 'ci_high', type: 'number', synonyms: ['ci_high', 'upper', 'high', 'upper_bound', '上限', '置信上限'] },
    { name: 'name', type: 'text', synonyms: ['name', 'test', 'test_name', 'experiment', 'test_id', '名称', '实验', '实验名称', '测试'] },
  ],
};

/** Which open prefixes a kind accepts, and what an unmatched column becomes by default. */
export const OPEN_PREFIXES: Record<DatasetKind, OpenPrefix[]> = {
  audience: ['feature', 'attribute'],
  catalog: ['extra'],
  interactions: [],
  partners: ['extra'],
  collaborations: [],
  campaigns: ['spend', 'control'],
  actuals: ['kpi'],
  experiments: [],
};

/** A column's target: a known field, `prefix.name`, or `ignore`. */
export type Mapping = Record<string, string>;

/** Header text compared loosely: case, spaces, `_`, `-`, `.` and full-width forms ignored. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.()（）:：/]+/g, '');
}

const SPEND_WORD = /^(spend|cost|investment|budget|media|花费|投放|消耗|费用|投入)$/;
// `spend_tv`, `花费-抖音`, `tv_spend`, `抖音花费`, and Robyn's `tv_S` (the lone S needs its separator).
const SPEND_AFFIX = /^(?:(?:spend|cost|花费|投放|消耗|投入)[\s_\-.:：]*(.+)|(.+?)(?:[\s_\-.:：]*(?:spend|cost|花费|投放|消耗|投入|费用)|[_\-.]S))$/i;

export function isOpenTarget(target: string, kind: DatasetKind): boolean {
  const dot = target.indexOf('.');
  if (dot <= 0 || dot === target.length - 1) return false;
  return (OPEN_PREFIXES[kind] as string[]).includes(target.slice(0, dot));
}

export function isKnownTarget(target: string, kind: DatasetKind): boolean {
  return target === IGNORE || KIND_FIELDS[kind].some((f) => f.name === target) || isOpenTarget(target, kind);
}

/**
 * The column a mapped target becomes in the stored dataset (its table and export): a known
 * field keeps its name, an open one drops its prefix — except campaign channels and controls,
 * which keep it so that a re-import maps them back. `null` for `ignore`.
 */
export function storedColumnOf(target: string): string | null {
  if (target === IGNORE) return null;
  const dot = target.indexOf('.');
  if (dot <= 0) return target;
  const prefix = target.slice(0, dot);
  return prefix === 'spend' || prefix === 'control' ? target : target.slice(dot + 1);
}

/** A name for an open field from a header: trimmed, inner spaces as `_`. */
export function openName(header: string): string {
  return header.trim().replace(/\s+/g, '_') || 'column';
}

/**
 * Suggests a target for every column: known fields by their synonyms (each field once,
 * first match wins), campaign spend columns by their words (`tv_spend`, `花费_抖音`,
 * Robyn's `tv_S`), and the kind's default for the rest — numeric audience columns become
 * behaviour features, text ones attributes, and so on.
 */
export function suggestMapping(kind: DatasetKind, headers: string[], numeric: (column: string) => boolean): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  const matches = (f: FieldDef, key: string) => !taken.has(f.name) && f.synonyms.some((s) => normalizeHeader(s) === key);
  // The whole header first; then each part of a bilingual one (`标签/Tags`, `价格（Price）`).
  for (const pass of [(h: string) => [normalizeHeader(h)], headerParts]) {
    for (const header of headers) {
      if (mapping[header]) continue;
      const field = pass(header)
        .map((key) => KIND_FIELDS[kind].find((f) => matches(f, key)))
        .find(Boolean);
      if (field) {
        mapping[header] = field.name;
        taken.add(field.name);
      }
    }
  }
  for (const header of headers) {
    if (mapping[header]) continue;
    mapping[header] = defaultTarget(kind, header, numeric(header));
  }
  return mapping;
}

/** The parts of a header written in two languages or with a note: `标签/Tags`, `价格（Price）`, `城市 | City`. */
function headerParts(header: string): string[] {
  const parts = header.normalize('NFKC').split(/[/|()（）[\]【】]+/).map(normalizeHeader).filter(Boolean);
  return parts.length > 1 ? parts : [];
}

/** Headers of columns that identify a person: never a numeric feature, however digit-only their values. */
const IDENTIFIER_HEADER = /(手机|电话|号码|邮箱|phone|mobile|tel|e-?mail|union_?id|open_?id)/i;

function defaultTarget(kind: DatasetKind, header: string, numeric: boolean): string {
  switch (kind) {
    case 'audience':
      return `${numeric && !IDENTIFIER_HEADER.test(header) ? 'feature' : 'attribute'}.${openName(header)}`;
    case 'catalog':
    case 'partners':
      return `extra.${openName(header)}`;
    case 'campaigns': {
      const trimmed = header.trim();
      const m = SPEND_AFFIX.exec(trimmed);
      const channel = (m?.[1] ?? m?.[2])?.trim();
      if (numeric && channel && !SPEND_WORD.test(channel.toLowerCase())) return `spend.${openName(channel)}`;
      return `control.${openName(header)}`;
    }
    case 'actuals':
      return numeric ? `kpi.${openName(header)}` : IGNORE;
    default:
      return IGNORE;
  }
}

/** Problems with a mapping as a whole (a required field missing, a field mapped twice). */
export function mappingProblems(kind: DatasetKind, mapping: Mapping): { key: string; params: Record<string, string> }[] {
  const problems: { key: string; params: Record<string, string> }[] = [];
  const targets = Object.entries(mapping).filter(([, t]) => t !== IGNORE);
  for (const [column, target] of Object.entries(mapping)) {
    if (!isKnownTarget(target, kind)) problems.push({ key: 'import.problem.unknownField', params: { column, field: target } });
  }
  for (const field of KIND_FIELDS[kind]) {
    const columns = targets.filter(([, t]) => t === field.name).map(([c]) => c);
    if (field.required && columns.length === 0) problems.push({ key: 'import.problem.required', params: { field: field.name } });
    if (columns.length > 1) problems.push({ key: 'import.problem.twice', params: { field: field.name, columns: columns.join(', ') } });
  }
  const open = targets.filter(([, t]) => isOpenTarget(t, kind));
  const seen = new Map<string, string>();
  for (const [column, target] of open) {
    if (seen.has(target)) problems.push({ key: 'import.problem.twice', params: { field: target, columns: `${seen.get(target)}, ${column}` } });
    seen.set(target, column);
  }
  if (kind === 'campaigns' && !targets.some(([, t]) => t.startsWith('spend.'))) {
    problems.push({ key: 'import.problem.noSpend', params: {} });
  }
  const has = (f: string) => targets.some(([, t]) => t === f);
  if (kind === 'experiments' && !has('standard_error') && !(has('ci_low') && has('ci_high'))) {
    problems.push({ key: 'import.problem.noError', params: {} });
  }
  return problems;
}

/** The fields of a kind that hold a date or a time stamp: where a column's time reading applies. */
export function timeFieldsOf(kind: DatasetKind): Set<string> {
  return new Set(KIND_FIELDS[kind].filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => f.name));
}
