// Preloaded into an API process (NODE_OPTIONS=--require <this file>) to run it with its clock
// CLOCK_SKEW_MS milliseconds off, as a replica whose clock drifted: Date.now() and new Date().
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
// Libraries that recognise the Date constructor by name (Mongoose's schema types) still do.
Object.defineProperty(SkewedDate, 'name', { value: 'Date' });
globalThis.Date = SkewedDate;
