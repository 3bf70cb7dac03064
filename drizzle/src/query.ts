// Small query helpers every store shares.

/** `search` as an ILIKE pattern matching it literally anywhere (its % and _ are not wildcards). */
export const containsPattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
