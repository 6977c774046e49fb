import { HttpParams } from '@angular/common/http';

/** Query parameters without the empty ones, so that `?city=` never reaches the API. */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
