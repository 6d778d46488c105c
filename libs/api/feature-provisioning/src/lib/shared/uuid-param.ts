import { ParseUUIDPipe } from '@nestjs/common';

/** `:id` route parameters: a malformed id answers 404 like an unknown one (users API behaviour). */
export const uuidParam = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });
