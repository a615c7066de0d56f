import { guid } from '../../shared/ids';
import { badRequest } from './errors';

/** A GUID from the path, lower-cased, or a 400 naming the parameter. */
export function guidParam(value: unknown, name: string): string {
  const result = guid.safeParse(value);
  if (!result.success)
    throw badRequest(
      `invalid_${name}`,
      `${name} must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.`,
    );
  return result.data;
}
