import { Injectable, PipeTransform } from '@nestjs/common';
import { isMongoId } from 'class-validator';
import { badRequest } from './app-exception';

/** Route ids must be 24-hex ObjectIds before they reach a query. */
@Injectable()
export class MongoIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isMongoId(value))
      throw badRequest(`"${String(value).slice(0, 40)}" is not a valid id (24 hexadecimal characters).`);
    return value;
  }
}
