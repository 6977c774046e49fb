import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// The first bundle is evaluated in one task and the app bootstrapped in the next: on a slow phone
// neither blocks the page for as long as both would together.
setTimeout(() => bootstrapApplication(App, appConfig).catch((err) => console.error(err)));
