/** Accounts every server test and the e2e server share: one per role, with known passwords. */
import type { Role } from '../../src/schema/api.js';

export const TEST_ACCOUNTS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'test-admin', password: 'admin-password-for-tests' },
  reviewer: { username: 'test-reviewer', password: 'reviewer-password-for-tests' },
  ipag: { username: 'test-ipag', password: 'ipag-password-for-tests' },
  editor: { username: 'test-editor', password: 'editor-password-for-tests' },
};

/**
 * Each test password's scrypt hash at today's cost, made once and kept here: at N=2^17 a hash
 * costs about half a second, which every test server would otherwise pay four times at start.
 * If the cost rises, make them again (hashPassword from src/server/crypto.ts).
 */
export const TEST_HASHES: Record<Role, string> = {
  admin: 'scrypt$131072$8$1$782dJrdrhx2HdpU+ZbJo3Q==$jM+ndqasBmQvdOZ2xhV00vfZmOgdqtjmKMjgxd/E/ic=',
  reviewer:
    'scrypt$131072$8$1$1uKcfmDStNwIq1k3I5C7+Q==$AbL4HEhh//XlS19C/1Lr1lpy89SYC04oq30Law/k524=',
  ipag: 'scrypt$131072$8$1$XJMyfMMm205Gf6iKr8Q5hQ==$ACgyAhrDsrMsB6uz0RzjHVB8SdPCK0wuMhh7i3rwHIM=',
  editor: 'scrypt$131072$8$1$XvyNSorEOd5rIJ9QetRagg==$+V0w39+bI7c/ppBbzZMA3VydKV9mEDge8ssMQ3JaP8U=',
};

/** The e2e passkey journey's own reviewer (its password is the reviewer's, so is its hash). */
export const PASSKEY_ACCOUNT = {
  username: 'test-passkey',
  password: TEST_ACCOUNTS.reviewer.password,
};
