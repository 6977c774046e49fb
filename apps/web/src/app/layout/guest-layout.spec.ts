import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { GuestLayout } from './guest-layout';

describe('GuestLayout', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('shows the brand, no menu, and the page in the main landmark', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(GuestLayout);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.brand')?.textContent?.trim()).toBe('Promoto');
    expect(element.querySelector('app-user-menu')).toBeNull();
    expect(element.querySelector('main#main router-outlet')).not.toBeNull();
  });
});
