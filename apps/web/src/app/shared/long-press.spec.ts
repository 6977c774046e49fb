import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TouchScreen } from '../core/touch-screen';
import { LongPress } from './long-press';

@Component({
  imports: [LongPress],
  template: `<p appLongPress (appLongPress)="presses = presses + 1">Je passe à 9 h</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  presses = 0;
}

/** A pointer event as a finger (or a mouse) makes it: jsdom has no PointerEvent. */
function pointer(type: string, pointerType: string, x = 10, y = 10): Event {
  return Object.assign(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y }), {
    pointerType,
  });
}

function render(touchScreen: boolean) {
  TestBed.configureTestingModule({ providers: [{ provide: TouchScreen, useValue: { primary: signal(touchScreen) } }] });
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  const target = (fixture.nativeElement as HTMLElement).querySelector('p') as HTMLElement;
  return { host: fixture.componentInstance, target };
}

describe('LongPress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    TestBed.resetTestingModule();
  });

  it('fires once a finger has stayed half a second, and its context menu is then ours', () => {
    const { host, target } = render(true);
    target.dispatchEvent(pointer('pointerdown', 'touch'));
    jest.advanceTimersByTime(499);
    expect(host.presses).toBe(0);
    jest.advanceTimersByTime(1);
    expect(host.presses).toBe(1);

    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    target.dispatchEvent(menu);
    expect(menu.defaultPrevented).toBe(true);
    expect(host.presses).toBe(1);
  });

  it('does not fire for a finger that moves (a scroll) or lifts early, nor for a mouse', () => {
    const { host, target } = render(true);
    target.dispatchEvent(pointer('pointerdown', 'touch'));
    target.dispatchEvent(pointer('pointermove', 'touch', 10, 40));
    jest.advanceTimersByTime(600);
    target.dispatchEvent(pointer('pointerdown', 'touch'));
    target.dispatchEvent(pointer('pointerup', 'touch'));
    jest.advanceTimersByTime(600);
    target.dispatchEvent(pointer('pointerdown', 'mouse'));
    jest.advanceTimersByTime(600);
    expect(host.presses).toBe(0);
  });

  it('opens on a touch screen’s context menu (Android’s long press), and leaves a mouse’s alone', () => {
    const touch = render(true);
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    touch.target.dispatchEvent(menu);
    expect([menu.defaultPrevented, touch.host.presses]).toEqual([true, 1]);
    TestBed.resetTestingModule();

    const mouse = render(false);
    const rightClick = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    mouse.target.dispatchEvent(rightClick);
    expect([rightClick.defaultPrevented, mouse.host.presses]).toEqual([false, 0]);
  });
});
