/** Frames for a liveness attempt from a playing <video>: JPEGs whose shorter side is at least 480 px. */
const MIN_SHORT_SIDE = 480;
export const MAX_FRAMES = 12;

export function grabFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) return Promise.resolve(null);
  // Webcams that only give 320×240 are scaled up to the server's floor (docs/uploads.md: 480 px).
  const scale = Math.max(1, MIN_SHORT_SIDE / Math.min(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

const sleep = (ms: number) => new Promise((r) => window.setTimeout(r, ms));

/**
 * Walks through the actions: for each, `onAction(i)` (the page shows the prompt), a moment to
 * start, then a few frames while the merchant performs it. At most MAX_FRAMES in all.
 */
export async function recordActions(
  video: HTMLVideoElement,
  actions: number,
  onAction: (i: number) => void,
): Promise<Blob[]> {
  const perAction = Math.max(1, Math.min(3, Math.floor(MAX_FRAMES / Math.max(1, actions))));
  const frames: Blob[] = [];
  for (let i = 0; i < actions; i++) {
    onAction(i);
    await sleep(900);
    for (let k = 0; k < perAction; k++) {
      const f = await grabFrame(video);
      if (f) frames.push(f);
      await sleep(450);
    }
  }
  return frames;
}
