/**
 * What an uploaded file really is, read from its bytes and never from its name or its declared
 * type: the container, whether it carries video, and how long it lasts. MP4 is read by mp4box.js
 * (GPAC's parser, which reads a video-only file's duration); WebM, Ogg, WAV and MP3 by
 * music-metadata. Anything neither recognises is not media.
 */
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import { parseBuffer } from 'music-metadata';

export type Container = 'mp4' | 'webm' | 'ogg' | 'wav' | 'mp3';

export interface Probe {
  container: Container;
  /** The MIME type to serve it with, from what it holds. */
  mime: string;
  hasVideo: boolean;
  /** Undefined when the file does not say (a WebM straight from MediaRecorder, for one). */
  durationMs: number | undefined;
}

const MUSIC_METADATA_CONTAINERS: Record<string, Container> = {
  'EBML/webm': 'webm',
  Ogg: 'ogg',
  WAVE: 'wav',
  MPEG: 'mp3',
};

function isMp4(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && new TextDecoder().decode(bytes.subarray(4, 8)) === 'ftyp';
}

function probeMp4(bytes: Uint8Array): Probe | undefined {
  const file = createFile();
  let movie: Movie | undefined;
  file.onReady = (info) => (movie = info);
  file.onError = () => undefined;
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy as ArrayBuffer, 0));
  file.flush();
  if (!movie || movie.tracks.length === 0) return undefined;
  const hasVideo = movie.tracks.some((t) => Boolean(t.video));
  return {
    container: 'mp4',
    mime: hasVideo ? 'video/mp4' : 'audio/mp4',
    hasVideo,
    durationMs: movie.timescale ? Math.round((movie.duration / movie.timescale) * 1000) : undefined,
  };
}

/** Reads the container and duration from the bytes; undefined if they are not media it knows. */
export async function probeMedia(bytes: Uint8Array): Promise<Probe | undefined> {
  if (bytes.length === 0) return undefined;
  if (isMp4(bytes)) return probeMp4(bytes);
  try {
    const { format } = await parseBuffer(bytes, undefined, { duration: true, skipCovers: true });
    const container = MUSIC_METADATA_CONTAINERS[format.container ?? ''];
    if (!container) return undefined;
    const hasVideo = (format.trackInfo ?? []).some((t) => Boolean(t.video));
    const type = hasVideo ? 'video' : 'audio';
    const mime = { webm: `${type}/webm`, ogg: 'audio/ogg', wav: 'audio/wav', mp3: 'audio/mpeg' };
    return {
      container,
      mime: mime[container as keyof typeof mime],
      hasVideo,
      durationMs: format.duration === undefined ? undefined : Math.round(format.duration * 1000),
    };
  } catch {
    return undefined;
  }
}
