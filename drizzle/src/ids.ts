import { v7 } from 'uuid';

/** Time-ordered UUIDv7: every primary key in IGNY8. */
export const newId = (): string => v7();
