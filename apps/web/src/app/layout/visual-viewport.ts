import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject } from '@angular/core';

/**
 * Keeps `--viewport-height` and `--viewport-top` on the root element equal to the visual viewport:
 * the part of the screen above the on-screen keyboard. A screen pinned to them (the open thread on
 * a phone) keeps its composer above the keyboard both where the browser resizes the page for it
 * (`interactive-widget=resizes-content`, Chrome) and where it only shrinks the visual viewport
 * (Safari). While the person zooms the page in, the values stay as they were. To be called in an
 * injection context; the variables go with it.
 */
export function followVisualViewport(): void {
  const document = inject(DOCUMENT);
  const viewport = document.defaultView?.visualViewport;
  if (!viewport) return;
  const root = document.documentElement;
  const update = () => {
    if (Math.abs(viewport.scale - 1) > 0.01) return;
    root.style.setProperty('--viewport-height', `${viewport.height}px`);
    root.style.setProperty('--viewport-top', `${viewport.offsetTop}px`);
  };
  update();
  viewport.addEventListener('resize', update);
  viewport.addEventListener('scroll', update);
  inject(DestroyRef).onDestroy(() => {
    viewport.removeEventListener('resize', update);
    viewport.removeEventListener('scroll', update);
    root.style.removeProperty('--viewport-height');
    root.style.removeProperty('--viewport-top');
  });
}
