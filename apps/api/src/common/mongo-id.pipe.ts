import { Injectable, PipeTransform } from '@nestjs/common';
import { isObjectId } from '@promoto/shared-dto';
import { badRequest } from './app-exception';

/** Route ids must be spelled as the wire contract says (24 lower-case hex) before they reach a query. */
@Injectable()
export class MongoIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isObjectId(value))
      throw badRequest(`"${String(value).slice(0, 40)}" is not a valid id (24 lower-case hexadecimal characters).`);
    return value;
  }
}
