/** The shape of public/audit/latest.json, written by scripts/audit.mjs. */
export interface AuditViolation {
  rule: string;
  impact: string;
  help: string;
  page: string;
  locale: string;
  theme: string;
  state: string;
  target: string;
}

export interface AuditCheck {
  /** A stable id (scripts/audit.mjs `CHECKS`); runs recorded before ids have only the name. */
  id?: string;
  name: string;
  passed: boolean;
  tests: number;
  failed: number;
  failures: string[];
}

export interface AuditRun {
  ranAt: string;
  commit: string;
  sweep: { pages: string[]; locales: string[]; themes: string[]; cells: number; full: boolean };
  axe: { cells: number; passed: number; failed: number; violations: AuditViolation[] };
  checks: AuditCheck[];
}

/** The latest run, or null when none is recorded (the file is missing or unreadable). */
export async function latestAudit(): Promise<AuditRun | null> {
  try {
    const response = await fetch('/audit/latest.json', { cache: 'no-cache' });
    if (!response.ok) return null;
    const run = (await response.json()) as AuditRun;
    return run?.sweep && run.axe ? run : null;
  } catch {
    return null;
  }
}

/** What the force configures in /config.json for this page. */
export interface AccessibilityContact {
  email?: string;
  phone?: string;
  /** Days within which the force replies. */
  replyDays?: number;
}

export async function accessibilityContact(): Promise<AccessibilityContact | null> {
  try {
    const response = await fetch('/config.json', { cache: 'no-cache' });
    if (!response.ok) return null;
    const config = (await response.json()) as { accessibilityContact?: AccessibilityContact };
    const contact = config.accessibilityContact;
    return contact && (contact.email || contact.phone) ? contact : null;
  } catch {
    return null;
  }
}
