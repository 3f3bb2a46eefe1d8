import path from 'node:path';
import { ITEM_STATUSES, type ItemPatch, SEVERITIES, type ChecklistView } from '../../shared/checklist';
import { UsageError } from './args';
import type { CliContext } from './dataCommands';
import { EXIT } from './exit';

/**
 * `checklist --project ID` prints {items: [{id, title, kind, severity, status, owner, due,
 * partnerId}]} (DESIGN §2); `checklist set --project ID --item ITEM [--status S]
 * [--severity S] [--owner O] [--due YYYY-MM-DD|none] [--note T] [--reason T] [--evidence FILE]`
 * changes one item (each change goes to its history) and prints the item list again.
 */
export async function checklistCommand(ctx: CliContext, sub: string | undefined, rest: string[]): Promise<number> {
  if (sub === 'set') return setItem(ctx, rest);
  if (sub !== undefined) throw new UsageError(`unknown checklist command "${sub}" (checklist --project ID, or checklist set …)`);
  const o = ctx.opts(['project']);
  const view = await ctx.call('checklist.get', { projectId: ctx.projectId(o.string('project')) });
  print(ctx, view);
  return EXIT.ok;
}

async function setItem(ctx: CliContext, rest: string[]): Promise<number> {
  const o = ctx.opts(['project', 'item', 'status', 'severity', 'owner', 'due', 'note', 'reason', 'evidence']);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const projectId = ctx.projectId(o.string('project'));
  const itemId = o.string('item');
  if (!itemId) throw new UsageError('--item is required (an id that `checklist` lists)');
  const status = o.string('status');
  if (status !== undefined && !(ITEM_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${ITEM_STATUSES.join(', ')}`);
  const severity = o.string('severity');
  if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}`);
  const patch: ItemPatch = {};
  if (status !== undefined) patch.status = status as ItemPatch['status'];
  if (severity !== undefined) patch.severity = severity as ItemPatch['severity'];
  const owner = o.string('owner');
  if (owner !== undefined) patch.owner = owner;
  const due = o.string('due');
  if (due !== undefined) patch.due = due === 'none' ? null : due;
  const note = o.string('note');
  if (note !== undefined) patch.notes = note;
  const reason = o.string('reason');
  if (reason !== undefined) patch.naReason = reason;
  const evidence = o.string('evidence');
  if (!Object.keys(patch).length && evidence === undefined) throw new UsageError('say what to change: --status, --severity, --owner, --due, --note, --reason or --evidence');
  let view: ChecklistView | null = null;
  if (Object.keys(patch).length) view = await ctx.call('checklist.set', { projectId, itemId, patch });
  if (evidence !== undefined) view = await ctx.call('checklist.addEvidence', { projectId, itemId, path: path.resolve(evidence) });
  print(ctx, view!);
  return EXIT.ok;
}

function print(ctx: CliContext, view: ChecklistView): void {
  const items = view.items.map((i) => ({ id: i.id, title: i.title.en, kind: i.kind, severity: i.severity, status: i.status, owner: i.owner, due: i.due, partnerId: i.partnerId }));
  const s = view.summary;
  const lines = [
    `Risk score ${s.riskScore}/100 · ${s.open} open (${s.openBlocking} blocking, ${s.overdue} overdue) · ${s.done} done of ${s.total}${s.tampered ? ` · ${s.tampered} evidence file(s) changed since added` : ''}.`,
    ...view.items.map((i) => `  ${i.status.padEnd(11)} ${i.severity.padEnd(8)} ${(i.due ?? '').padEnd(10)}${i.overdue ? '!' : ' '} ${i.id}  ${i.title.en}${i.partnerName ? ` (${i.partnerName})` : ''}`),
  ];
  ctx.emit({ items }, lines.join('\n'));
}
