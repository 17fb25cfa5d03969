/**
 * Local face engine: @vladmandic/face-api 1.7 on the tfjs WASM backend, offline. Models load from
 * the face-api package directory and the WASM binaries from @tensorflow/tfjs-backend-wasm's
 * `dist/`; nothing is fetched. Images are decoded by sharp. See docs/face-engine.md.
 *
 * The tfjs backend and the loaded models are process-wide, so initialisation happens once per
 * process, on the first detect() (lazy: importing this module loads no tfjs).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { euclidean, type FaceDetection, type FaceEngine, FaceEngineError } from './face.js';

type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

/**
 * Euclidean distance below which two descriptors are the same person. face-api's customary 0.6 is
 * too lax here: on the shipped samples 19 of 231 pairs of different people fall under it, the
 * closest at 0.461 (two women in the same photo), while re-encoded crops of the same face
 * (resized, shifted, mirrored, JPEG q70) stay at or below 0.385. 0.42 sits in the middle of that
 * gap. Genuine selfie-vs-ID-portrait pairs run higher than re-encodings of one photo; re-tune on
 * labelled pairs (docs/face-engine.md).
 */
export const DEFAULT_FACE_MATCH_THRESHOLD = 0.42;
/** Long side of the image the engine works on: ~15 % faster than 1920 px, same faces found (the
 * detector itself runs at 512x512; decode and face crops get cheaper). */
export const DEFAULT_MAX_SIDE = 1024;
/** Decompression-bomb guard for sharp (width x height of the encoded input). */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000;
/** SSD MobileNet v1 minimum score (face-api's default). */
export const DEFAULT_MIN_CONFIDENCE = 0.5;
/** At most this many faces per image. */
export const DEFAULT_MAX_FACES = 20;

export type LocalFaceEngineOptions = {
  threshold?: number;
  maxSide?: number;
  maxInputPixels?: number;
  minConfidence?: number;
  maxFaces?: number;
};

const require = createRequire(import.meta.url);
let ready: Promise<FaceApi> | undefined;

async function init(): Promise<FaceApi> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const tf = await import('@tensorflow/tfjs');
  const faceapi: FaceApi = await import('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(`${wasmDir}${path.sep}`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  await tf.ready();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  return faceapi;
}

/** Loads backend and models once per process; a failed attempt is retried on the next call. */
export function loadFaceModels(): Promise<FaceApi> {
  if (!ready) {
    ready = init().catch((err: unknown) => {
      ready = undefined;
      const why = err instanceof Error ? err.message : String(err);
      throw new FaceEngineError('engine_unavailable', `face models could not be loaded (${why})`);
    });
  }
  return ready;
}

type Decoded = { data: Buffer; width: number; height: number; scale: number };

async function decode(image: Buffer, maxSide: number, maxInputPixels: number): Promise<Decoded> {
  if (!Buffer.isBuffer(image) || image.length === 0) {
    throw new FaceEngineError('image_undecodable', 'empty input');
  }
  try {
    const opts = { limitInputPixels: maxInputPixels, failOn: 'error' as const };
    const meta = await sharp(image, opts).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const rotated = (meta.orientation ?? 1) >= 5;
    const srcWidth = rotated ? meta.height : meta.width;
    const { data, info } = await sharp(image, opts)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { data, width: info.width, height: info.height, scale: srcWidth / info.width };
  } catch (err) {
    const why = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(why)) {
      throw new FaceEngineError('image_too_large', `image exceeds ${maxInputPixels} pixels`);
    }
    throw new FaceEngineError('image_undecodable', 'input is not a decodable image');
  }
}

export function createLocalFaceEngine(options: LocalFaceEngineOptions = {}): FaceEngine {
  const threshold = options.threshold ?? DEFAULT_FACE_MATCH_THRESHOLD;
  const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
  const maxInputPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const maxFaces = options.maxFaces ?? DEFAULT_MAX_FACES;
  if (!(threshold > 0)) throw new RangeError('threshold must be positive');
  if (!Number.isInteger(maxSide) || maxSide < 64) throw new RangeError('maxSide must be an integer >= 64');

  return {
    name: 'local',
    async detect(image: Buffer): Promise<FaceDetection[]> {
      const img = await decode(image, maxSide, maxInputPixels);
      const faceapi = await loadFaceModels();
      const tensor = faceapi.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      try {
        const found = await faceapi
          .detectAllFaces(tensor, new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: maxFaces }))
          .withFaceLandmarks()
          .withFaceDescriptors();
        const s = img.scale;
        return found
          .map((f): FaceDetection => {
            const b = f.detection.box;
            return {
              box: { x: b.x * s, y: b.y * s, width: b.width * s, height: b.height * s },
              score: f.detection.score,
              landmarks: f.landmarks.positions.map((p) => ({ x: p.x * s, y: p.y * s })),
              descriptor: Float32Array.from(f.descriptor),
            };
          })
          .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      } finally {
        tensor.dispose();
      }
    },
    compare(a: Float32Array, b: Float32Array) {
      const distance = euclidean(a, b);
      return { distance, match: distance < threshold };
    },
  };
}
