import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { appRoutes } from './app/app.routes';
import { App } from './app/app';
import { preloadPageChunks } from './app/core/page-chunk';

preloadPageChunks(appRoutes, location.pathname);
// The first bundle is evaluated in one task and the app bootstrapped in the next: on a slow phone
// neither blocks the page for as long as both would together.
setTimeout(() => bootstrapApplication(App, appConfig).catch((err) => console.error(err)));
