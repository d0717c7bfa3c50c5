/**
 * Writes a duration into a WebM file that has none. MediaRecorder streams WebM as it records, so
 * its files never say how long they are; players then cannot seek, and the server refuses a file
 * whose length it cannot read. The Segment's Info gets a Duration element (or has its own
 * rewritten), in the Info's TimecodeScale. Written here rather than taken from fix-webm-duration,
 * which does the same, because that package is CommonJS: bundling it adds CommonJS helpers to
 * the runtime chunk that the kiosk's first paint shares, over its 40 kB budget.
 */

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

interface Element {
  id: number;
  /** Where the element starts, where its size field starts, where its data starts and ends. */
  start: number;
  sizeAt: number;
  dataAt: number;
  end: number;
}

/** A variable-length integer's byte count, from its first byte's leading zeros. */
function vintLength(first: number): number {
  for (let length = 1; length <= 8; length++) if (first & (0x100 >> length)) return length;
  throw new RangeError('not a WebM file: a malformed element');
}

function readElement(bytes: Uint8Array, at: number): Element {
  const idLength = vintLength(bytes[at]!);
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + bytes[at + i]!;
  const sizeAt = at + idLength;
  const sizeLength = vintLength(bytes[sizeAt]!);
  let size = bytes[sizeAt]! & (0xff >> sizeLength);
  let unknown = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    size = size * 256 + bytes[sizeAt + i]!;
    unknown &&= bytes[sizeAt + i] === 0xff;
  }
  const dataAt = sizeAt + sizeLength;
  return { id, start: at, sizeAt, dataAt, end: unknown ? bytes.length : dataAt + size };
}

function children(bytes: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let at = parent.dataAt; at < parent.end;) {
    const child = readElement(bytes, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** An 8-byte size field, so the Info's size never needs a different width. */
function size8(value: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  for (let i = 7, v = value; i >= 1; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

/** The Segment's own children: an unknown-size Cluster ends where the next of these starts. */
const TOP_LEVEL = new Set([
  0x1f43b675, // Cluster
  0x1c53bb6b, // Cues
  0x1254c367, // Tags
  0x1043a770, // Chapters
  0x1941a469, // Attachments
  0x114d9b74, // SeekHead
  INFO,
  0x1654ae6b, // Tracks
]);

/** An element whose size is unknown (streamed) ends at the next top-level element, or the file's end. */
function sized(bytes: Uint8Array, element: Element, unknown: boolean): Element {
  if (!unknown) return element;
  let at = element.dataAt;
  while (at < bytes.length) {
    const child = readElement(bytes, at);
    if (TOP_LEVEL.has(child.id)) break;
    at = child.end;
  }
  return { ...element, end: Math.min(at, bytes.length) };
}

function isUnknownSize(bytes: Uint8Array, element: Element): boolean {
  return (
    element.end === bytes.length &&
    element.dataAt - element.sizeAt === 8 &&
    bytes[element.sizeAt] === 0x01 &&
    bytes.subarray(element.sizeAt + 1, element.dataAt).every((b) => b === 0xff)
  );
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An element of `id` (its encoded bytes) around `data`, with an 8-byte size. */
function element(idBytes: Uint8Array, data: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concat([idBytes, size8(data.reduce((n, part) => n + part.length, 0)), ...data]);
}

/**
 * The file with its duration set to `durationMs`, and every size it streamed as unknown (the
 * Segment's, each Cluster's) written out, which some readers need. A file that is not WebM is
 * refused.
 */
export function withWebmDuration(bytes: Uint8Array, durationMs: number): Uint8Array<ArrayBuffer> {
  const header = readElement(bytes, 0);
  if (header.id !== EBML) throw new RangeError('not a WebM file: no EBML header');
  const segment = readElement(bytes, header.end);
  if (segment.id !== SEGMENT) throw new RangeError('not a WebM file: no Segment');

  const parts: Uint8Array[] = [];
  let info = false;
  for (let at = segment.dataAt; at < segment.end;) {
    const raw = readElement(bytes, at);
    const unknown = isUnknownSize(bytes, raw);
    const child = sized(bytes, raw, unknown);
    const idBytes = bytes.subarray(child.start, child.sizeAt);
    if (child.id === INFO) {
      info = true;
      parts.push(element(idBytes, infoWithDuration(bytes, child, durationMs)));
    } else if (unknown) {
      parts.push(element(idBytes, [bytes.subarray(child.dataAt, child.end)]));
    } else parts.push(bytes.subarray(child.start, child.end));
    at = child.end;
  }
  if (!info) throw new RangeError('not a WebM file: no segment Info');
  return concat([
    bytes.subarray(0, segment.sizeAt),
    size8(parts.reduce((n, part) => n + part.length, 0)),
    ...parts,
  ]);
}

/** The Info's fields, less any Duration it had, then a Duration in its TimecodeScale. */
function infoWithDuration(bytes: Uint8Array, info: Element, durationMs: number): Uint8Array[] {
  const fields = children(bytes, info);
  const scaleField = fields.find((f) => f.id === TIMECODE_SCALE);
  let scaleNs = 1_000_000;
  if (scaleField) {
    scaleNs = 0;
    for (let i = scaleField.dataAt; i < scaleField.end; i++) scaleNs = scaleNs * 256 + bytes[i]!;
  }
  const duration = new Uint8Array(11);
  duration.set([0x44, 0x89, 0x88]);
  new DataView(duration.buffer).setFloat64(3, (durationMs * 1_000_000) / scaleNs);
  return [
    ...fields.filter((f) => f.id !== DURATION).map((f) => bytes.subarray(f.start, f.end)),
    duration,
  ];
}
