import { describe, expect, it } from 'vitest';
import { storedColumnOf, suggestMapping } from '../../src/shared/fields';

describe('suggested mappings', () => {
  const numeric = (names: string[]) => (h: string) => names.includes(h);

  it('matches a bilingual or annotated header by any of its parts', () => {
    const m = suggestMapping('catalog', ['课程ID', '标签/Tags', '价格（Price）', '名称 | Title', 'Note (internal)'], numeric(['价格（Price）']));
    expect(m).toEqual({ 课程ID: 'item_id', '标签/Tags': 'tags', '价格（Price）': 'price', '名称 | Title': 'title', 'Note (internal)': 'extra.Note_(internal)' });
  });

  it('prefers a whole-header match over a part of another header', () => {
    // `title` is claimed by the header that is exactly a synonym, not by `Name/名称`'s part.
    const m = suggestMapping('catalog', ['item_id', 'Name/名称', 'title'], () => false);
    expect(m.title).toBe('title');
    expect(m['Name/名称']).toBe('extra.Name/名称');
  });

  it('names the stored column of every target', () => {
    expect(['user_id', 'feature.听课分钟', 'attribute.城市', 'extra.讲师', 'spend.抖音', 'control.节假日', 'kpi.报名', 'ignore'].map(storedColumnOf)).toEqual([
      'user_id', '听课分钟', '城市', '讲师', 'spend.抖音', 'control.节假日', '报名', null,
    ]);
  });
});
