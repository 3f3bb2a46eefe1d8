/** The CLI's exit codes (DESIGN §2). */
export const EXIT = { ok: 0, failure: 1, usage: 2, refused: 3 } as const;
