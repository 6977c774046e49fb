import { Collection, FindCursor, type Document } from 'mongodb';

const METHODS = [
  'find',
  'findOne',
  'insertMany',
  'insertOne',
  'updateOne',
  'updateMany',
  'bulkWrite',
  'findOneAndUpdate',
  'aggregate',
  'countDocuments',
] as const;

/**
 * The database commands `run` costs on the `watched` collections, sorted, each as
 * `<collection>.<method>(<the filter's fields, or the batch's size>)`, noted on their way to the
 * real database. A command is counted once it succeeds: a write tried again after a passing error
 * (a busy embedded database under the machine's load) is still one command of the design.
 */
export async function commandsOf(watched: ReadonlySet<string>, run: () => Promise<void>): Promise<string[]> {
  const commands: string[] = [];
  // The driver calls some methods from others (insertMany calls bulkWrite at once): only the outer call is a command.
  let depth = 0;
  const spies = METHODS.map((method) => {
    const original = Collection.prototype[method] as (...args: unknown[]) => unknown;
    return jest.spyOn(Collection.prototype, method).mockImplementation(function (this: Collection, ...args: unknown[]) {
      depth += 1;
      let result: unknown;
      try {
        result = original.apply(this, args);
      } finally {
        depth -= 1;
      }
      if (depth === 0 && watched.has(this.collectionName)) {
        const first = args[0] as object | object[] | undefined;
        const command = `${this.collectionName}.${method}(${Array.isArray(first) ? first.length : Object.keys(first ?? {}).join(',')})`;
        if (result instanceof Promise)
          void result.then(
            () => commands.push(command),
            () => undefined,
          );
        else commands.push(command);
      }
      return result as never;
    });
  });
  try {
    await run();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return commands.sort();
}

/** The documents the finds of `run` on `collection` read, as the database answered them. */
export async function documentsRead(collection: string, run: () => Promise<void>): Promise<Document[]> {
  const documents: Document[] = [];
  const original = FindCursor.prototype.toArray;
  const spy = jest.spyOn(FindCursor.prototype, 'toArray').mockImplementation(async function (this: FindCursor) {
    const found = await original.call(this);
    if (this.namespace.collection === collection) documents.push(...found);
    return found;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return documents;
}
