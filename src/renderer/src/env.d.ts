import type { TandemBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the test host's shim (browser). */
    readonly tandem: TandemBridge;
  }
}

declare module '*.css';
