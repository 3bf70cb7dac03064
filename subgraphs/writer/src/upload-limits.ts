// Where and how large image uploads may be: shared with the gateway, which refuses an oversized
// upload before passing anything on.

/** The writer's raw upload route (src/upload-route.ts). */
export const IMAGE_UPLOAD_PATH = '/uploads/images';
/** Bytes an uploaded image may have. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
