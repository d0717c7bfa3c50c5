/** Accounts every server test and the e2e server share: one per role, with known passwords. */
import type { Role } from '../../src/schema/api.js';

export const TEST_ACCOUNTS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'test-admin', password: 'admin-password-for-tests' },
  reviewer: { username: 'test-reviewer', password: 'reviewer-password-for-tests' },
  ipag: { username: 'test-ipag', password: 'ipag-password-for-tests' },
  editor: { username: 'test-editor', password: 'editor-password-for-tests' },
};
