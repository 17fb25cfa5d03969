import exifr from 'exifr';

/**
 * EXIF hints for reviewers (KYC-3): flags never refuse an upload, they tell the review queue where
 * to look harder. The heuristics are deliberately simple and documented in docs/uploads.md:
 *
 * - `edited`: the Software tag (or XMP CreatorTool) names a photo editor or beauty app.
 * - `no_camera_exif`: no camera Make/Model. Normal for PNG and for photos forwarded through chat
 *   apps, which strip EXIF; on its own it means little.
 * - `recapture_suspect`: looks like a screenshot rather than a photo of the document: a screenshot
 *   tool is named, or there is no camera EXIF and the size is exactly a common screen size, or it
 *   is a PNG without camera EXIF with a phone screen's tall aspect ratio (≥ 1.7).
 */
export type ExifSummary = {
  software: string | null;
  make: string | null;
  model: string | null;
  comment: string | null;
};

const EDITORS =
  /photoshop|lightroom|imageready|gimp|snapseed|meitu|美图|picsart|pixelmator|affinity photo|canva|paint\.net|photoscape|facetune|vsco|醒图|轻颜|xingtu|b612|faceu|polarr|fotor|pixlr|photodirector|inshot|photoroom|remini/i;
const SCREENSHOT = /screenshot|screen shot|截屏|截图|屏幕快照/i;

/** Phone and desktop screens, short side × long side. */
const SCREENS = new Set(
  [
    [720, 1280],
    [720, 1560],
    [720, 1600],
    [750, 1334],
    [768, 1366],
    [828, 1792],
    [864, 1536],
    [900, 1440],
    [900, 1600],
    [1050, 1680],
    [1080, 1920],
    [1080, 2160],
    [1080, 2340],
    [1080, 2400],
    [1080, 2412],
    [1125, 2436],
    [1170, 2532],
    [1179, 2556],
    [1200, 1920],
    [1206, 2622],
    [1242, 2208],
    [1242, 2688],
    [1260, 2800],
    [1284, 2778],
    [1290, 2796],
    [1320, 2868],
    [1440, 2560],
    [1440, 3088],
    [1440, 3120],
    [1440, 3200],
    [1600, 2560],
    [1800, 2880],
    [2160, 3840],
  ].map(([a, b]) => `${a}x${b}`),
);

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1').replace(/\0/g, '').trim() || null;
  return null;
};

/** Reads the few tags the heuristics need; unreadable or absent EXIF gives nulls, never an error. */
export async function readExif(buf: Buffer): Promise<ExifSummary> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(buf, {
      tiff: true,
      exif: true,
      userComment: true,
      xmp: true,
      gps: false,
      ifd1: false,
      interop: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      translateValues: false,
    });
  } catch {
    tags = undefined;
  }
  const t = tags ?? {};
  return {
    software: text(t.Software) ?? text(t.CreatorTool),
    make: text(t.Make),
    model: text(t.Model),
    comment: text(t.UserComment) ?? text(t.ImageDescription),
  };
}

export function exifFlags(
  exif: ExifSummary,
  image: { format: string; width: number; height: number },
): string[] {
  const flags: string[] = [];
  if (exif.software && EDITORS.test(exif.software)) flags.push('edited');
  const camera = Boolean(exif.make || exif.model);
  if (!camera) flags.push('no_camera_exif');
  const short = Math.min(image.width, image.height);
  const long = Math.max(image.width, image.height);
  const screenshotTool = [exif.software, exif.comment].some((s) => s && SCREENSHOT.test(s));
  const screenSize = SCREENS.has(`${short}x${long}`);
  const phoneShapedPng = image.format === 'png' && long / short >= 1.7;
  if (screenshotTool || (!camera && (screenSize || phoneShapedPng))) flags.push('recapture_suspect');
  return flags;
}
