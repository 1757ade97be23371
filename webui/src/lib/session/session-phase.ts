/** Where the app stands with the server: still asking, first-run setup due, signed out, signed in. */
export type SessionPhase = 'starting' | 'needs-setup' | 'signed-out' | 'signed-in';
