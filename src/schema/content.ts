/**
 * The content library's shapes, shared by the server, /review and (for the manifest) the kiosk:
 * the force's own sign-language clips and spoken recordings, each with its provenance and its
 * review status. DESIGN.md, "HTTP API", gives the routes.
 */

/** What is uploaded as a file: a sign-language clip, a spoken recording. */
export const MEDIA_KINDS = ['sign', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
/** Every kind of item: the media, and a translation of the notice's text. */
export const CONTENT_KINDS = [...MEDIA_KINDS, 'text'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/**
 * A translation is the notice's strings, the namespace a person reads (`notice`), as i18next JSON
 * v4: the format Weblate and Crowdin read and write.
 */
export const TEXT_NAMESPACE = 'notice';
/** The notice's strings are about 10 KB in any language; a file 25 times that is the wrong one. */
export const MAX_TRANSLATION_BYTES = 256 * 1024;

/** How an item was made: the label a Deaf person, a reviewer and the report all read. */
export const MADE_BY = [
  'human-signer',
  'human-interpreter',
  'human-translator',
  'human-voice',
  'synthetic-voice',
  'machine-translation',
  'ai-generated',
] as const;
export type MadeBy = (typeof MADE_BY)[number];

export const CONTENT_STATUSES = ['draft', 'approved', 'rejected'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/**
 * The sign languages a clip may be in: data, so a force adds one (Irish Sign Language, `isg`)
 * here and nowhere else. Tags are ISO 639-3, as BCP 47 uses them.
 */
export const SIGN_LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: 'bfi', name: 'British Sign Language' },
  { tag: 'isg', name: 'Irish Sign Language' },
];

/**
 * What the server accepts, per kind: the containers it sniffs from the bytes (never the name),
 * the largest upload, and the shortest and longest duration. A notice takes about 15 seconds to
 * sign or say; a clip of a second is a mistake, and one of ten minutes is the wrong file.
 */
export const CONTENT_LIMITS = {
  sign: {
    containers: ['mp4', 'webm'],
    maxBytes: 100 * 1024 * 1024,
    minMs: 3_000,
    maxMs: 5 * 60_000,
  },
  audio: {
    containers: ['webm', 'ogg', 'mp4', 'wav', 'mp3'],
    maxBytes: 20 * 1024 * 1024,
    minMs: 2_000,
    maxMs: 3 * 60_000,
  },
} as const satisfies Record<
  MediaKind,
  { containers: readonly string[]; maxBytes: number; minMs: number; maxMs: number }
>;

/** The largest upload of any kind: the server stops reading a body past it. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(CONTENT_LIMITS).map((l) => l.maxBytes));
/** Captions and a transcript are text: 64 KiB each is hundreds of sentences. */
export const MAX_TEXT_BYTES = 64 * 1024;

/** One item as `GET /api/content` lists it. */
export interface ContentItem {
  id: string;
  kind: ContentKind;
  /** A sign language (SIGN_LANGUAGES) for a clip; a locale tag for a recording. */
  lang: string;
  madeBy: MadeBy;
  sha256: string;
  mime: string;
  bytes: number;
  durationMs: number;
  /** WebVTT, for a sign clip. */
  captions: string | null;
  transcript: string | null;
  addedBy: string;
  addedAt: string;
  status: ContentStatus;
  reviewedBy: string | null;
  /** The reviewer's role when they reviewed: "approved by IPAG" is part of the label. */
  reviewerRole: string | null;
  reviewedAt: string | null;
  note: string | null;
}

/** The item kiosks are given for a kind and language: the one approved last, as the manifest has it. */
export function itemInUse(
  items: readonly ContentItem[],
  kind: ContentKind,
  lang: string,
): ContentItem | undefined {
  return items
    .filter((i) => i.kind === kind && i.lang === lang && i.status === 'approved')
    .sort((a, b) => (a.reviewedAt ?? '').localeCompare(b.reviewedAt ?? ''))
    .at(-1);
}

/** One approved item as the manifest carries it to kiosks. */
export type { ContentReviewRequest } from './requests.js';

/** One approved item as the manifest carries it to kiosks. */
export interface ManifestItem {
  kind: ContentKind;
  lang: string;
  sha256: string;
  mime: string;
  bytes: number;
  durationMs: number;
  madeBy: MadeBy;
  approvedAt: string;
  /** The approver's role, never their name: kiosks show "approved by IPAG". */
  approvedByRole: string;
  captions: string | null;
  transcript: string | null;
}

/** `GET /api/content/manifest`: the approved set, signed by the server's content key. */
export interface ContentManifest {
  /** Changes whenever the approved set does: `<n>-<first 12 hex of the set's hash>`. */
  version: string;
  issuedAt: string;
  items: ManifestItem[];
}

export interface SignedManifest {
  manifest: ContentManifest;
  /** ECDSA P-256 with SHA-256 over the manifest's canonical JSON (RFC 8785), hex. */
  sig: string;
}
