import { openTableWriter } from '../data/tableWriter';

/** Every user's segment as CSV or XLSX: user_id, segment and, when given, the segment's name. */
export function writeAssignments(file: string, userIds: readonly string[], labels: Int32Array, names?: ReadonlyMap<number, string>): void {
  const writer = openTableWriter(file, 'segments');
  try {
    writer.writeRow(names ? ['user_id', 'segment', 'segment_name'] : ['user_id', 'segment']);
    for (let i = 0; i < userIds.length; i++) writer.writeRow(names ? [userIds[i], labels[i], names.get(labels[i]) ?? ''] : [userIds[i], labels[i]]);
    writer.close();
  } catch (e) {
    writer.abort();
    throw e;
  }
}
