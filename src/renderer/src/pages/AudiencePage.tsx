import { useCallback, useEffect, useMemo, useState } from 'react';
import { USEFUL_K_RANGE } from '../../../shared/segments';
import { segmentLabel } from '../../../shared/segments';
import type { DatasetInfo } from '../../../shared/data';
import type { EngineChoice, SegmentRun, SegmentRunSummary, SegmentSettingsInput } from '../../../shared/segments';
import { call, CallError } from '../bridge';
import { mapOption, radarOption, silhouetteOption, sizesOption } from '../charts/audienceCharts';
import { Chart } from '../charts/Chart';
import { chartPalette } from '../charts/palette';
import { PersonaCard } from '../components/audience/PersonaCard';
import { waitForJob } from '../stores/jobWait';
import { useProject } from '../stores/project';
import { useRouter } from '../stores/router';
import { useFormat, useSettings, useT } from '../stores/settings';
import { useToasts } from '../stores/toasts';

/**
 * The Audience page: segment the audience (features, k, seed, engine), compare the kept
 * runs and mark the one the project uses, and read the chosen run's personas and its four
 * charts: silhouette against k, the PCA map, radar profiles, segment sizes.
 */
export default function AudiencePage() {
  const t = useT();
  const f = useFormat();
  const { lang, theme } = useSettings();
  const project = useProject((s) => s.project)!;
  const toast = useToasts((s) => s.show);
  const [audience, setAudience] = useState<DatasetInfo | null | undefined>(undefined);
  const [runs, setRuns] = useState<SegmentRunSummary[]>([]);
  const [run, setRun] = useState<SegmentRun | null>(null);
  const [features, setFeatures] = useState<Set<string>>(new Set());
  const [kMode, setKMode] = useState<'auto' | 'fixed'>('auto');
  const [k, setK] = useState(5);
  const [kRange, setKRange] = useState<[number, number]>(USEFUL_K_RANGE);
  const [seed, setSeed] = useState(0);
  const [engine, setEngine] = useState<EngineChoice | 'auto'>('auto');
  const [busy, setBusy] = useState(false);

  const numeric = useMemo(() => audience?.profile?.columns.filter((c) => c.type === 'number').map((c) => c.name) ?? [], [audience]);

  const load = useCallback(async () => {
    const datasets = await call('datasets.list', { projectId: project.id });
    const a = datasets.find((d) => d.kind === 'audience') ?? null;
    setAudience(a);
    setFeatures(new Set(a?.profile?.columns.filter((c) => c.type === 'number').map((c) => c.name) ?? []));
    const list = await call('segments.list', { projectId: project.id });
    setRuns(list);
    const pick = list.find((r) => r.chosen) ?? list[0];
    setRun(pick ? await call('segments.get', { id: pick.id }) : null);
  }, [project.id]);
  useEffect(() => void load(), [load]);

  const fail = (e: unknown) => toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });

  const start = async () => {
    setBusy(true);
    try {
      const settings: SegmentSettingsInput = { features: [...features], seed, ...(engine === 'auto' ? {} : { engine }), ...(kMode === 'fixed' ? { k } : { kMin: kRange[0], kMax: kRange[1] }) };
      const job = await call('jobs.start', { kind: 'segment', projectId: project.id, settings });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') {
        const result = ended.result as SegmentRun;
        setRuns(await call('segments.list', { projectId: project.id }));
        setRun(await call('segments.get', { id: result.id }));
      } else if (ended.state === 'failed') toast(ended.error ?? '', { tone: 'error' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const names = run ? run.segments.map((s) => segmentLabel(s, lang)) : [];
  const palette = chartPalette(theme);
  const charts = useMemo(() => {
    if (!run) return null;
    return {
      silhouette: run.silhouetteByK.length ? silhouetteOption(run, { k: 'k', silhouette: t('audience.silhouette'), stability: t('audience.stability'), bar: t('audience.stableBar') }, palette) : null,
      map: mapOption(run, names, { pc: (n, share) => t('audience.pc', { n, share: f.number(Math.round(share * 1000) / 10) }) }, palette),
      radar: radarOption(run, names, palette),
      sizes: sizesOption(run, names, f.number, palette),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, lang, theme, names.join('|')]);

  if (audience === undefined) return <div className="page muted">{t('common.loading')}</div>;
  if (!audience) {
    return (
      <div className="page">
        <div className="page-head">
          <h1>{t('audience.title')}</h1>
        </div>
        <div className="notice" data-testid="no-audience">
          <div>
            <h2>{t('audience.noData')}</h2>
            <p>{t('audience.noDataHint')}</p>
            <button className="btn primary" onClick={() => useRouter.getState().navigate('data', project.id)}>
              {t('audience.toData')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('audience.title')}</h1>
        <p>{t('audience.lead', { users: f.number(audience.rows) })}</p>
      </div>

      <section className="card" style={{ marginBottom: 18 }}>
        <header>
          <h2>{t('audience.settings')}</h2>
        </header>
        <div className="body seg-settings">
          <div className="field wide">
            <label>{t('audience.features')}</label>
            <div className="chips toggles" data-testid="feature-toggles">
              {numeric.map((name) => (
                <label key={name} className={features.has(name) ? 'chip on' : 'chip'}>
                  <input
                    type="checkbox"
                    checked={features.has(name)}
                    onChange={(e) => {
                      const next = new Set(features);
                      if (e.target.checked) next.add(name);
                      else next.delete(name);
                      setFeatures(next);
                    }}
                  />
                  {name}
                </label>
              ))}
            </div>
          </div>
          <div className="seg-row">
            <fieldset className="seg" aria-label={t('audience.k')}>
              <button aria-pressed={kMode === 'auto'} onClick={() => setKMode('auto')}>
                {t('audience.kAuto')}
              </button>
              <button aria-pressed={kMode === 'fixed'} onClick={() => setKMode('fixed')}>
                {t('audience.kFixed')}
              </button>
            </fieldset>
            {kMode === 'auto' ? (
              <label>
                {t('audience.kRange')}{' '}
                <input className="input small-num" type="number" min={2} max={50} value={kRange[0]} onChange={(e) => setKRange([Number(e.target.value), kRange[1]])} />
                {' – '}
                <input className="input small-num" type="number" min={2} max={50} value={kRange[1]} onChange={(e) => setKRange([kRange[0], Number(e.target.value)])} />
              </label>
            ) : (
              <label>
                k <input className="input small-num" type="number" min={1} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} />
              </label>
            )}
            <label>
              {t('audience.seed')} <input className="input small-num" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
            </label>
            <label>
              {t('audience.engine')}{' '}
              <select className="input" value={engine} onChange={(e) => setEngine(e.target.value as EngineChoice | 'auto')}>
                <option value="auto">{t('audience.engineAuto')}</option>
                <option value="wasm">WebAssembly SIMD</option>
                <option value="onnx">ONNX Runtime</option>
                <option value="tfjs">TensorFlow.js</option>
                <option value="js">JavaScript</option>
              </select>
            </label>
            <button className="btn primary" disabled={busy || features.size === 0} onClick={() => void start()} data-testid="run-segmentation">
              {busy ? t('audience.running') : t('audience.run')}
            </button>
          </div>
        </div>
      </section>

      {runs.length > 0 && (
        <section className="card" style={{ marginBottom: 18 }}>
          <header>
            <h2>{t('audience.runs')}</h2>
          </header>
          <div className="body">
            <table className="data" data-testid="runs">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('audience.when')}</th>
                  <th className="num">k</th>
                  <th className="num">{t('audience.silhouette')}</th>
                  <th>{t('audience.engine')}</th>
                  <th className="num">ms</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className={run?.id === r.id ? 'selected' : undefined} onClick={() => void call('segments.get', { id: r.id }).then(setRun)} style={{ cursor: 'pointer' }}>
                    <td>{r.id}</td>
                    <td>{f.dateTime(r.createdAt)}</td>
                    <td className="num">{r.k}</td>
                    <td className="num">{r.silhouette.toFixed(3)}</td>
                    <td>{r.engine}</td>
                    <td className="num">{f.number(r.ms)}</td>
                    <td>
                      {r.chosen ? (
                        <span className="badge status-ready">{t('audience.used')}</span>
                      ) : (
                        <button
                          className="btn ghost small"
                          onClick={(e) => {
                            e.stopPropagation();
                            void call('segments.choose', { projectId: project.id, id: r.id }).then(load, fail);
                          }}
                        >
                          {t('audience.use')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {run && charts ? (
        <>
          <p className="muted run-summary" data-testid="run-summary">
            {t('audience.summary', {
              k: run.k,
              users: f.number(run.users),
              silhouette: run.silhouette.toFixed(3),
              backend: run.backend,
              algorithm: t(`audience.algorithm.${run.algorithm}`),
              ms: f.number(run.ms),
            })}
            {run.features.some((x) => x.log1p) && ` ${t('audience.logged', { features: run.features.filter((x) => x.log1p).map((x) => x.name).join(', ') })}`}
            {run.dropped.length > 0 && ` ${t('audience.dropped', { features: run.dropped.map((x) => x.name).join(', ') })}`}
            {' '}
            <button className="btn ghost small" onClick={() => void exportAssignments(run, project.name)}>
              {t('audience.exportAssignments')}
            </button>
          </p>
          <div className="personas" data-testid="personas">
            {run.segments.map((s, i) => (
              <PersonaCard
                key={s.id}
                segment={s}
                name={names[i]}
                color={palette.series[i % palette.series.length]}
                onRename={(name) => void call('segments.rename', { id: run.id, segmentId: s.id, name }).then(setRun, fail)}
              />
            ))}
          </div>
          <div className="grid-2">
            <section className="card">
              <header>
                <h2>{t('audience.chart.map')}</h2>
              </header>
              <div className="body">
                <Chart option={charts.map} label={t('audience.chart.map')} testId="map-chart" />
              </div>
            </section>
            <section className="card">
              <header>
                <h2>{t('audience.chart.radar')}</h2>
              </header>
              <div className="body">
                <Chart option={charts.radar} label={t('audience.chart.radar')} testId="radar-chart" />
              </div>
            </section>
            <section className="card">
              <header>
                <h2>{t('audience.chart.silhouette')}</h2>
              </header>
              <div className="body">
                {run.kRule && run.kRule !== 'fixed' && (
                  <p className="muted small" data-testid="k-rule">
                    {t(`audience.kRule.${run.kRule}`, { k: run.k, lo: run.silhouetteByK[0]?.k ?? '', hi: run.silhouetteByK.at(-1)?.k ?? '' })}
                  </p>
                )}
                {charts.silhouette ? (
                  <Chart option={charts.silhouette} label={t('audience.chart.silhouette')} testId="silhouette-chart" />
                ) : (
                  <div className="chart-empty" data-testid="silhouette-chart">{t('audience.kWasFixed', { k: run.k })}</div>
                )}
              </div>
            </section>
            <section className="card">
              <header>
                <h2>{t('audience.chart.sizes')}</h2>
              </header>
              <div className="body">
                <Chart option={charts.sizes} label={t('audience.chart.sizes')} testId="sizes-chart" />
              </div>
            </section>
          </div>
        </>
      ) : busy ? (
        <div className="empty" data-testid="run-progress" role="status">
          <p>{t('audience.runningNow', { users: f.number(audience.rows) })}</p>
        </div>
      ) : (
        <div className="empty" data-testid="no-runs">
          <p>{t('audience.noRuns')}</p>
        </div>
      )}
    </div>
  );

  async function exportAssignments(r: SegmentRun, projectName: string) {
    try {
      const path = (await call('dialogs.save', { purpose: 'exportTable', defaultName: `${projectName}-segments.csv` })).path;
      if (!path) return;
      await call('segments.exportAssignments', { id: r.id, path });
      toast(t('data.exported', { path }));
    } catch (e) {
      fail(e);
    }
  }
}
