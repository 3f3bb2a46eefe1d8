/** Chart colours that read well on both themes. */
export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  series: string[];
}

export function chartPalette(theme: 'light' | 'dark'): ChartPalette {
  return theme === 'dark'
    ? { text: '#e7e9ee', muted: '#a3acbb', grid: '#2b303b', surface: '#1a1d24', series: ['#7b93ff', '#5cd197', '#f0b35a', '#e58fd3', '#62c6e0', '#ff8f80', '#b39dff', '#c5d86d', '#ffb3c7', '#9aa5b1'] }
    : { text: '#1b2230', muted: '#5f6b7d', grid: '#e1e4ea', surface: '#ffffff', series: ['#3654d1', '#1f9d63', '#d48a1c', '#b04fa6', '#1f8fb0', '#d1493b', '#7a5bd6', '#7c8f1e', '#d6698c', '#5f6b7d'] };
}
