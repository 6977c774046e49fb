/** Where a finger is, in pixels from the centre of the photo's stage. */
export interface Point {
  x: number;
  y: number;
}

/** How the photo is drawn: scaled about the stage's centre, then moved. */
export interface PhotoTransform {
  scale: number;
  x: number;
  y: number;
}

export const IDENTITY: PhotoTransform = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 4;
/** A double tap zooms to this scale, on the point tapped. */
export const DOUBLE_TAP_SCALE = 2.5;
/** A swipe: at least this far sideways, and more sideways than up or down. */
const SWIPE_MIN_PX = 50;

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(1, scale));
const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Scales the photo about `focus` (a point of the stage), keeping the photo's point under it in place,
 * then moves it by `shift`. Back to the whole photo at scale 1.
 */
function zoomAbout(start: PhotoTransform, scale: number, focus: Point, shift: Point = { x: 0, y: 0 }): PhotoTransform {
  const next = clampScale(scale);
  if (next === 1) return IDENTITY;
  // The photo's point under the focus, in unscaled photo pixels from its centre.
  const px = (focus.x - start.x) / start.scale;
  const py = (focus.y - start.y) / start.scale;
  return { scale: next, x: focus.x + shift.x - next * px, y: focus.y + shift.y - next * py };
}

/** Two fingers moved from `from` to `to`: the photo follows their spread and their middle. */
export function pinch(start: PhotoTransform, from: [Point, Point], to: [Point, Point]): PhotoTransform {
  const before = midpoint(...from);
  const after = midpoint(...to);
  const ratio = distance(...to) / Math.max(distance(...from), 1);
  return zoomAbout(start, start.scale * ratio, before, { x: after.x - before.x, y: after.y - before.y });
}

/** One finger moves a zoomed-in photo; the whole photo (scale 1) stays put. */
export function pan(start: PhotoTransform, from: Point, to: Point): PhotoTransform {
  if (start.scale === 1) return start;
  return { ...start, x: start.x + to.x - from.x, y: start.y + to.y - from.y };
}

/** A double tap: zooms in on that point, or back to the whole photo. */
export function toggleZoom(start: PhotoTransform, at: Point): PhotoTransform {
  return start.scale > 1 ? IDENTITY : zoomAbout(start, DOUBLE_TAP_SCALE, at);
}

/** 1 for the next photo (a swipe to the left), -1 for the previous one, 0 for no swipe. */
export function swipeStep(from: Point, to: Point): -1 | 0 | 1 {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) <= Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}
