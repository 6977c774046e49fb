/**
 * class-transformer's @Type reads decorator metadata through reflect-metadata, which the
 * application loads once, before any decorated class (Nest does it for its apps). Without it the
 * DTO classes would fail while being defined, with "Reflect.getMetadata is not a function"; this
 * says what to do instead. Imported first by the validation entry point.
 */
if (typeof (Reflect as { getMetadata?: unknown }).getMetadata !== 'function') {
  throw new Error(
    "@promoto/shared-dto/validation needs reflect-metadata: install it (npm install reflect-metadata) and import 'reflect-metadata' once at your entry point, before this package.",
  );
}

export {};
