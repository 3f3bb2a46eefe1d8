/** The kit's look: plain, readable, light or dark with the system. */
export const KIT_CSS = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1d2330; --muted: #5b6474; --line: #d9dde4; --accent: #2f6fdb; --bad: #b3261e; --good: #1b7f4b; --on-accent: #fff; }
@media (prefers-color-scheme: dark) { :root { --bg: #14171c; --card: #1d2128; --text: #e6e9ef; --muted: #a0a8b6; --line: #343a45; --accent: #7aa7ff; --bad: #ff8a80; --good: #6fd39b; --on-accent: #0d1526; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.55 system-ui, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 28px 20px 48px; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.deal { color: var(--muted); margin: 0; }
.deal b { color: var(--text); }
section, aside { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-top: 16px; }
section[hidden] { display: none; }
.drop { border: 2px dashed var(--line); border-radius: 8px; padding: 22px; text-align: center; color: var(--muted); }
.drop.over { border-color: var(--accent); color: var(--text); }
.row { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: end; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
select, button { font: inherit; }
select { min-width: 200px; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--text); }
button { padding: 8px 16px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--on-accent); font-weight: 600; cursor: pointer; }
button.plain { background: transparent; color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
ul.preview { margin: 10px 0 0; padding-left: 18px; font-family: ui-monospace, monospace; font-size: 13px; }
.bad { color: var(--bad); }
.good { color: var(--good); }
progress { width: 100%; height: 10px; margin-top: 10px; }
aside p { color: var(--muted); margin: 6px 0 0; font-size: 13px; }
.file { margin-top: 8px; color: var(--muted); font-size: 13px; }
`;
