import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch, mergeHandlers } from '../../src/main/api/dispatch';
import { createServices } from '../../src/main/core/services';
import { CALL_NAMES } from '../../src/shared/contract';
import { tempDir } from './helpers';

function services() {
  return createServices({ dataDir: tempDir(), locale: 'en-US' });
}

describe('the contract', () => {
  it('has a handler for every call, and merging refuses a name claimed twice or not declared', () => {
    const s = services();
    expect(Object.keys(s.handlers).sort()).toEqual([...CALL_NAMES].sort());
    const one = { 'app.info': () => s.handlers['app.info']({}) };
    expect(() => mergeHandlers(one, one)).toThrow(/two handlers/);
    expect(() => mergeHandlers({ 'no.such': () => 1 } as never)).toThrow(/does not declare/);
    expect(() => mergeHandlers(one)).toThrow(/no handler for/);
    void s.close();
  });

  it('answers an unknown call with an error result', async () => {
    const s = services();
    expect(await dispatch(s.handlers, 'projects.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatch(s.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatch(s.handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    await s.close();
  });

  it('answers invalid input with located issues and changes nothing', async () => {
    const s = services();
    const created = await dispatch(s.handlers, 'projects.create', { name: 'Salon', budget: 1000 });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: number } }).value.id;
    const cases: [unknown, string, string][] = [
      [{ id, patch: { budget: -1 } }, 'patch.budget', 'validation.nonNegative'],
      [{ id, patch: { budget: 'a lot' } }, 'patch.budget', 'validation.number'],
      [{ id, patch: { name: '   ' } }, 'patch.name', 'validation.required'],
      [{ id, patch: { currency: 'yuan' } }, 'patch.currency', 'validation.currency'],
      [{ id, patch: { startDate: '2027-02-30' } }, 'patch.startDate', 'validation.date'],
      [{ id, patch: { kpiWeights: { awareness: 120, engagement: 0, conversion: 0, quality: 0 } } }, 'patch.kpiWeights.awareness', 'validation.weightRange'],
      [{ id: -3, patch: {} }, 'id', 'validation.projectId'],
    ];
    for (const [input, path, message] of cases) {
      const r = await dispatch(s.handlers, 'projects.update', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.issues).toContainEqual(expect.objectContaining({ path, message }));
      }
    }
    // A timeline that only fails once merged with the stored project is refused by the service.
    await dispatch(s.handlers, 'projects.update', { id, patch: { startDate: '2027-03-01' } });
    const r = await dispatch(s.handlers, 'projects.update', { id, patch: { endDate: '2027-01-01' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'endDate', message: 'validation.endBeforeStart' }] } });
    const unknownField = await dispatch(s.handlers, 'projects.update', { id, patch: { colour: 'red' } });
    expect(unknownField.ok).toBe(false);

    const stored = s.projects!.get(id);
    expect(stored).toMatchObject({ name: 'Salon', budget: 1000, currency: 'CNY', startDate: '2027-03-01', endDate: null });
    await s.close();
  });

  it('never throws, whatever a caller sends to any call (property)', async () => {
    const s = services();
    const readOnly = CALL_NAMES.filter((n) => !['projects.emptyTrash', 'jobs.start'].includes(n));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...readOnly), fc.anything(), async (name, input) => {
        const r = await dispatch(s.handlers, name, input, () => {});
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(['invalid_input', 'not_found', 'refused']).toContain(r.error.code);
      }),
      { numRuns: 400 },
    );
    await s.close();
  });

  it('hides internal failures behind a generic error', async () => {
    const s = services();
    const logged: unknown[] = [];
    const handlers = { ...s.handlers, 'projects.list': () => { throw new Error('SQLITE_IOERR at /secret/path'); } };
    const r = await dispatch(handlers, 'projects.list', {}, (e) => logged.push(e));
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/secret/path');
    expect(logged).toHaveLength(1);
    await s.close();
  });

  it('reports an unusable library on every call that needs it, with where the backup is', async () => {
    const dir = tempDir();
    const fs = await import('node:fs');
    fs.writeFileSync(`${dir}/library.sqlite`, Buffer.alloc(4096, 1));
    const s = createServices({ dataDir: dir, locale: 'en' });
    const info = await dispatch(s.handlers, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { library: { ok: false, errorKind: 'corrupt' } } });
    const list = await dispatch(s.handlers, 'projects.list', {});
    expect(list).toMatchObject({ ok: false, error: { code: 'library_unavailable' } });
    expect((list as { error: { message: string } }).error.message).toMatch(/backup/);
    await s.close();
  });
});
