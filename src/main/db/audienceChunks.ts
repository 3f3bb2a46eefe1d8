import { crc32 } from 'node:zlib';

/**
 * How an audience is laid out on disk (migration 013): column chunks, not one row per user.
 * A chunk holds up to CHUNK_ROWS consecutive users of one column, so a job that needs three
 * features of ten million users reads three columns' blobs and decodes nothing value by value.
 *
 *   field 'id'         the users' ids in row order: a JSON array of strings (UTF-8)
 *   field 'feature'    one numeric feature: float64 little-endian, NaN where missing
 *   field 'attribute'  one attribute: int32 little-endian codes into its dictionary, -1 missing
 *   field 'dictionary' one attribute's distinct values in code order: a JSON array of strings
 *
 * `position` is the feature's or attribute's index in the dataset's layout (0 for ids). Chunk
 * `c` of every column covers the same users (those of id chunk `c`); a feature that an append
 * added later has no chunks for the users before it (they read as missing). Dictionary chunks
 * are numbered on their own. Every chunk carries the CRC-32 of its bytes, checked when a
 * project file is opened.
 */
export const CHUNK_ROWS = 65_536;

export type ChunkField = 'id' | 'feature' | 'attribute' | 'dictionary';

export const CHUNKS_TABLE = 'audience_chunks';

/** Bytes per row of a typed chunk (ids and dictionaries are JSON and have none). */
export const BYTES_PER_ROW: Partial<Record<ChunkField, number>> = { feature: 8, attribute: 4 };

export const checksum = (data: Uint8Array): number => crc32(data);

/** A float64 chunk's values (copied when the blob is not 8-byte aligned). */
export function float64s(data: Buffer): Float64Array {
  if (data.byteOffset % 8 === 0) return new Float64Array(data.buffer, data.byteOffset, data.length >> 3);
  return new Float64Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~7)));
}

/** An int32 chunk's values (copied when the blob is not 4-byte aligned). */
export function int32s(data: Buffer): Int32Array {
  if (data.byteOffset % 4 === 0) return new Int32Array(data.buffer, data.byteOffset, data.length >> 2);
  return new Int32Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~3)));
}

/** A JSON chunk's strings (ids or dictionary values). */
export const strings = (data: Buffer): string[] => JSON.parse(data.toString('utf8')) as string[];

export const jsonChunk = (values: readonly string[]): Buffer => Buffer.from(JSON.stringify(values), 'utf8');
