import { IDENTITY, MAX_SCALE, pan, pinch, swipeStep, toggleZoom } from './photo-gestures';

describe('photo gestures', () => {
  it('pinches about the fingers’ middle, keeping the photo’s point under it', () => {
    const zoomed = pinch(
      IDENTITY,
      [
        { x: 90, y: 100 },
        { x: 110, y: 100 },
      ],
      [
        { x: 80, y: 100 },
        { x: 120, y: 100 },
      ],
    );
    expect(zoomed).toEqual({ scale: 2, x: -100, y: -100 });
    // The photo's point that was under the middle (100, 100) is still there: 2 × 100 - 100.
    expect(zoomed.scale * 100 + zoomed.x).toBe(100);
  });

  it('stays between the whole photo and four times its size', () => {
    const spread = pinch(
      IDENTITY,
      [
        { x: -1, y: 0 },
        { x: 1, y: 0 },
      ],
      [
        { x: -100, y: 0 },
        { x: 100, y: 0 },
      ],
    );
    expect(spread.scale).toBe(MAX_SCALE);
    const closed = pinch(
      spread,
      [
        { x: -100, y: 0 },
        { x: 100, y: 0 },
      ],
      [
        { x: -1, y: 0 },
        { x: 1, y: 0 },
      ],
    );
    expect(closed).toEqual(IDENTITY);
  });

  it('moves a zoomed photo with one finger, not the whole photo', () => {
    expect(pan({ scale: 2, x: 0, y: 0 }, { x: 0, y: 0 }, { x: 30, y: -10 })).toEqual({ scale: 2, x: 30, y: -10 });
    expect(pan(IDENTITY, { x: 0, y: 0 }, { x: 30, y: -10 })).toBe(IDENTITY);
  });

  it('zooms in on a double tap, and out on the next', () => {
    const zoomed = toggleZoom(IDENTITY, { x: 40, y: 0 });
    expect(zoomed).toEqual({ scale: 2.5, x: -60, y: 0 });
    expect(toggleZoom(zoomed, { x: 0, y: 0 })).toEqual(IDENTITY);
  });

  it('reads a sideways swipe as the next or the previous photo', () => {
    expect(swipeStep({ x: 200, y: 100 }, { x: 80, y: 110 })).toBe(1);
    expect(swipeStep({ x: 80, y: 100 }, { x: 200, y: 90 })).toBe(-1);
    expect(swipeStep({ x: 80, y: 100 }, { x: 110, y: 100 })).toBe(0);
    expect(swipeStep({ x: 80, y: 100 }, { x: 160, y: 300 })).toBe(0);
  });
});
