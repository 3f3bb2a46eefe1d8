import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/appInfo';
import type { EngineInfo } from '../../../shared/engine';
import { call } from '../bridge';
import { useT } from '../stores/settings';
import { JobProgress } from './JobProgress';

export function StatusBar({ info }: { info: AppInfo | null }) {
  const t = useT();
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  useEffect(() => {
    // Loading the runtimes takes a moment: ask once the first screen is up.
    const timer = setTimeout(() => void call('engine.info', {}).then(setEngine, () => {}), 1500);
    return () => clearTimeout(timer);
  }, []);
  return (
    <footer className="statusbar">
      <span>{t('status.bar.ready')}</span>
      {info && (
        <span className="path" title={info.dataDir}>
          {t('status.bar.dataDir')}: {info.dataDir}
        </span>
      )}
      <span className="spacer" />
      <JobProgress />
      {engine && (
        <span title={t('status.bar.engineTitle')} data-testid="engine">
          {t('status.bar.engine')}:{' '}
          {[
            engine.wasm.available ? `SIMD ×${engine.wasm.threads}` : '',
            engine.onnx.available ? `ONNX ${engine.onnx.using}` : '',
            engine.tfjs.backend ? `TF.js ${engine.tfjs.backend}${engine.tfjs.simd ? '+SIMD' : ''}` : '',
          ]
            .filter(Boolean)
            .join(' · ') || 'JS'}
        </span>
      )}
      {info && <span>v{info.version}</span>}
    </footer>
  );
}
